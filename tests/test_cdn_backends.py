"""Issue 13: a publish ends in the right purge request at Cloudflare and at CloudFront.

The settings are read from the environment by production settings (coopsite/settings/base.py),
and Wagtail's own backends (wagtail.contrib.frontend_cache) send the request: to a loopback
server standing in for api.cloudflare.com, and to moto's CloudFront on loopback. Whom it
protects: visitors behind the CDN, who would otherwise see the old page for `s-maxage`.
"""

import ast
import json

import pytest
import requests

from wagtail.models import Page

from tests import loopback
from tests.factories.news import NewsPageFactory
from tests.test_settings import _production_setting

boto3 = pytest.importorskip("boto3")
pytest.importorskip("moto.server")

ZONE = "0123456789abcdef0123456789abcdef"
TOKEN = "cloudflare-test-token"  # noqa: S105 (a stand-in, sent to loopback only)
#: Set empty, so only the backend under test is configured whatever the caller's environment.
NO_FRONTEND_CACHE = {
    "FRONTEND_CACHE_URL": "",
    "CLOUDFLARE_ZONEID": "",
    "CLOUDFRONT_DISTRIBUTION_ID": "",
}
#: What a publish of /nieuws/manifestatie/ purges (tests/test_cdn_purge.py has the full list).
PATHS = {"/nieuws/manifestatie/", "/nieuws/", "/nieuws/agenda/", "/nieuws/rss/", "/"}
PATHS |= {"/sitemap.xml", "/api/v2/pages/", "/api/v3/pages/"}


def production_frontend_cache(**env):
    """WAGTAILFRONTENDCACHE and CDN_CACHE_MAX_AGE as production settings read them from `env`."""
    value = _production_setting(
        "settings.WAGTAILFRONTENDCACHE, settings.CDN_CACHE_MAX_AGE", **{**NO_FRONTEND_CACHE, **env}
    )
    return ast.literal_eval(value)


def publish_tagged_item(news_index, tags, django_capture_on_commit_callbacks):
    page = NewsPageFactory(parent=news_index, title="Manifestatie", live=False)
    page.tags.add(*tags)
    page.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).get_latest_revision().publish()


# Cloudflare


@pytest.fixture(scope="module")
def cloudflare_settings():
    return production_frontend_cache(CLOUDFLARE_ZONEID=ZONE, CLOUDFLARE_BEARER_TOKEN=TOKEN)


def test_cloudflare_is_configured_from_the_environment(cloudflare_settings):
    frontend_cache, s_maxage = cloudflare_settings
    assert frontend_cache == {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": ZONE,
            "BEARER_TOKEN": TOKEN,
        }
    }
    assert s_maxage == 3600  # with a CDN that is purged, shared caches keep an hour


class CloudflareAPI(loopback.QuietHandler):
    """api.cloudflare.com's purge_cache, recording each request."""

    requests = []

    def do_POST(self):  # noqa: N802 (HTTP method name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append((self.command, self.path, dict(self.headers), body))
        answer = json.dumps({"success": True, "errors": [], "messages": [], "result": {}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())


@pytest.fixture
def cloudflare(settings, cloudflare_settings, monkeypatch):
    """The configured CloudflareBackend, its requests sent to a loopback server instead."""
    settings.WAGTAILFRONTENDCACHE = cloudflare_settings[0]
    CloudflareAPI.requests = []
    send = requests.post
    with loopback.LoopbackServer(CloudflareAPI) as server:

        def to_loopback(url, **kwargs):
            assert url.startswith("https://api.cloudflare.com/"), url
            return send(url.replace("https://api.cloudflare.com", server.origin, 1), **kwargs)

        # The backend calls requests.post with the API's address: only the address changes.
        monkeypatch.setattr(requests, "post", to_loopback)
        yield CloudflareAPI.requests


def test_a_publish_purges_the_page_and_its_listings_at_cloudflare(
    news_index, cloudflare, django_capture_on_commit_callbacks
):
    publish_tagged_item(news_index, ["energie"], django_capture_on_commit_callbacks)
    assert len(cloudflare) == 1
    method, path, headers, body = cloudflare[0]
    assert (method, path) == ("POST", f"/client/v4/zones/{ZONE}/purge_cache")
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/json"
    assert set(body) == {"files"}
    files = body["files"]
    assert len(files) == len(set(files))
    expected = PATHS | {"/nieuws/tag/energie/rss/", "/nieuws/tag/energie/atom/"}
    assert {f"http://testserver{path}" for path in expected} <= set(files)


def test_cloudflare_gets_at_most_30_urls_a_request(
    news_index, cloudflare, django_capture_on_commit_callbacks
):
    """Cloudflare takes 30 files per purge_cache call: Wagtail sends the rest in another."""
    tags = [f"thema-{number}" for number in range(12)]  # 24 tag feeds + the page's listings
    publish_tagged_item(news_index, tags, django_capture_on_commit_callbacks)
    batches = [body["files"] for _method, _path, _headers, body in cloudflare]
    assert len(batches) == 2
    assert all(len(files) <= 30 for files in batches)
    files = [url for files in batches for url in files]
    assert len(files) == len(set(files))
    feeds = {f"/nieuws/tag/{tag}/{feed}/" for tag in tags for feed in ("rss", "atom")}
    assert {f"http://testserver{path}" for path in PATHS | feeds} <= set(files)


# CloudFront


@pytest.fixture(scope="module")
def aws():
    with loopback.moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def distribution(aws, monkeypatch):
    """A distribution at moto's CloudFront; the backend's boto3 client finds moto by the
    environment (AWS_ENDPOINT_URL_CLOUDFRONT), as it finds credentials in production."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_CLOUDFRONT": aws,
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("cloudfront")
    origin = {
        "Id": "site",
        "DomainName": "sociale-cooperaties.example",
        "CustomOriginConfig": {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": "https-only",
        },
    }
    config = {
        "CallerReference": "coopsite-tests",
        "Comment": "",
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [origin]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "site",
            "ViewerProtocolPolicy": "redirect-to-https",
            "MinTTL": 0,
            "ForwardedValues": {"QueryString": True, "Cookies": {"Forward": "none"}},
            "TrustedSigners": {"Enabled": False, "Quantity": 0},
        },
    }
    distribution_id = client.create_distribution(DistributionConfig=config)["Distribution"]["Id"]
    return client, distribution_id


def test_cloudfront_is_configured_from_the_environment():
    frontend_cache, s_maxage = production_frontend_cache(
        CLOUDFRONT_DISTRIBUTION_ID="E2QWRUHEXAMPLE"
    )
    assert frontend_cache == {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "E2QWRUHEXAMPLE",
        }
    }
    assert s_maxage == 3600


def test_a_publish_creates_one_cloudfront_invalidation(
    news_index, distribution, settings, django_capture_on_commit_callbacks
):
    client, distribution_id = distribution
    settings.WAGTAILFRONTENDCACHE = production_frontend_cache(
        CLOUDFRONT_DISTRIBUTION_ID=distribution_id
    )[0]
    publish_tagged_item(news_index, ["energie"], django_capture_on_commit_callbacks)
    listed = client.list_invalidations(DistributionId=distribution_id)["InvalidationList"]
    assert listed["Quantity"] == 1
    invalidation = client.get_invalidation(
        DistributionId=distribution_id, Id=listed["Items"][0]["Id"]
    )["Invalidation"]
    paths = invalidation["InvalidationBatch"]["Paths"]
    assert paths["Quantity"] == len(paths["Items"]) == len(set(paths["Items"]))
    assert PATHS | {"/nieuws/tag/energie/rss/", "/nieuws/tag/energie/atom/"} <= set(paths["Items"])
