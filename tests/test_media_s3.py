"""Issue 13: uploads on S3-compatible storage (django-storages), against moto's server."""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests import loopback

boto3 = pytest.importorskip("boto3")
pytest.importorskip("moto.server")

BUCKET = "coopsite-media"


def _free_port():
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", loopback.port()))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(endpoint, timeout=1)  # noqa: S310 (loopback)
            break
        except OSError:
            time.sleep(0.1)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def s3(settings, s3_endpoint, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_endpoint},
        },
    }
    return client


def _fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
        return response.status, response.read()


def test_images_and_renditions_are_stored_in_the_bucket(s3, db):
    image = Image.objects.create(title="Leden", file=get_test_image_file(), description="")
    rendition = image.get_rendition("fill-100x100")
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert image.file.name in keys
    assert rendition.file.name in keys
    status, body = _fetch(rendition.url)
    assert status == 200 and body.startswith(b"\x89PNG")


def test_documents_are_served_from_the_bucket_after_the_privacy_check(s3, client, home_page):
    document = Document.objects.create(title="Statuut")
    document.file.save("statuut.txt", ContentFile(b"Bijzonder Statuut"), save=True)
    response = client.get(document.url)
    assert response.status_code == 302  # Wagtail checks the collection, then redirects
    assert _fetch(response["Location"]) == (200, b"Bijzonder Statuut")
