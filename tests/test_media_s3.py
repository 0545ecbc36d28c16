"""Issue 13: uploads on S3-compatible storage (django-storages), against moto's server."""

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


@pytest.fixture(scope="module")
def s3_endpoint():
    with loopback.moto_server() as endpoint:
        yield endpoint


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
