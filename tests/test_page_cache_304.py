"""Issue 13: a 304 carries the headers of the 200 it stands for (core/cache/middleware.py).

Whom it protects: visitors behind a CDN or a browser cache that revalidates. A 304 updates
the stored response's headers (RFC 9110, 15.4.5), so a 304 without Content-Security-Policy,
Strict-Transport-Security or the CORS answer would leave a cache with a page that lost
them, or a browser that never learns them. Only the content's own headers (Content-Type,
Content-Length) are left out.
"""

import pytest

from django.core.cache import cache

from core.cache.middleware import page_key
from tests.factories.home import StandardPageFactory

ORIGIN = "https://app.example.org"
#: What a 304 leaves out: it has no content (and X-Cache says how this one answer was made).
CONTENT_HEADERS = {"content-type", "content-length", "x-cache"}


@pytest.fixture
def production(settings):
    """The security headers of coopsite/settings/production.py, behind a TLS proxy."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    settings.X_FRAME_OPTIONS = "DENY"
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    return {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_ORIGIN": ORIGIN}


@pytest.fixture
def page(home_page):
    page = StandardPageFactory(parent=home_page, title="Over ons")
    page.save_revision().publish()
    return page


def headers_without_content(response):
    return {name: value for name, value in response.items() if name.lower() not in CONTENT_HEADERS}


URLS = ["/over-ons/", "/sitemap.xml", "/api/v2/pages/", "/api/v3/pages/"]


@pytest.mark.parametrize("url", URLS)
def test_a_304_from_the_cache_has_the_headers_of_the_200(client, page, production, url):
    first = client.get(url, **production)
    assert first.status_code == 200
    assert "Strict-Transport-Security" in first and "Content-Security-Policy" in first
    if url.startswith("/api/"):
        assert first["Access-Control-Allow-Origin"] == ORIGIN
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **production)
    assert again.status_code == 304
    assert again["X-Cache"] == "HIT"
    assert again.content == b""
    assert headers_without_content(again) == headers_without_content(first)


@pytest.mark.parametrize("url", URLS)
def test_a_304_from_a_fresh_render_has_the_headers_of_the_200(client, page, production, url):
    """The entry expired (or another worker's process cache has it): the page is rendered."""
    first = client.get(url, **production)
    cache.delete(page_key(first.wsgi_request))
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **production)
    assert again.status_code == 304
    assert again["X-Cache"] == "MISS"
    assert headers_without_content(again) == headers_without_content(first)
    # What was rendered for it is stored: the next one comes from the cache.
    assert client.get(url, **production)["X-Cache"] == "HIT"


def test_if_modified_since_gets_the_same_headers(client, page, production):
    first = client.get("/over-ons/", **production)
    cache.delete(page_key(first.wsgi_request))
    for _ in ("miss", "hit"):
        again = client.get(
            "/over-ons/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], **production
        )
        assert again.status_code == 304
        assert headers_without_content(again) == headers_without_content(first)


def test_a_view_that_sets_its_own_policy_keeps_it_on_the_304(client, page, production, settings):
    """What only the view knows (an embeddable page's frame-ancestors) is on the 304 too."""
    settings.ROOT_URLCONF = "tests.test_csp"
    first = client.get("/inbedden/", **production)
    assert first["Content-Security-Policy"] == "frame-ancestors https://partner.example"
    cache.delete(page_key(first.wsgi_request))
    again = client.get("/inbedden/", HTTP_IF_NONE_MATCH=first["ETag"], **production)
    assert again.status_code == 304
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_logged_in_304_has_the_headers_of_its_200(client, admin_user, page, production):
    """The feeds' own conditional GET (core.cache.conditional) answers users with a session."""
    client.force_login(admin_user)
    first = client.get("/sitemap.xml", **production)
    assert "private" in first["Cache-Control"]
    again = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"], **production)
    assert again.status_code == 304
    assert headers_without_content(again) == headers_without_content(first)
