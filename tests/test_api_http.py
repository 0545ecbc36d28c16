"""HTTP caching and CORS of /api/: what an app's HTTP client and a CDN rely on."""

import pytest

from django.test import override_settings

from tests.api_support import bearer, make_user
from tests.factories.home import StandardPageFactory

URL = "/api/v2/pages/?type=home.StandardPage&fields=title"


@pytest.fixture
def page(home_page):
    page = StandardPageFactory(parent=home_page, title="Over ons")
    page.save_revision().publish()
    return page


def test_anonymous_get_has_etag_and_public_cache_control(client, page):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["ETag"]
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]


def test_conditional_get_answers_304_without_touching_the_database(
    client, page, django_assert_num_queries
):
    etag = client.get(URL)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


@pytest.mark.parametrize("change", ["publish", "unpublish", "delete"])
def test_a_content_change_makes_the_next_response_fresh(client, page, change):
    etag = client.get(URL)["ETag"]
    if change == "publish":
        page.title = "Over de beweging"
        page.save_revision().publish()
    elif change == "unpublish":
        page.unpublish()
    else:
        page.delete()
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == (["Over de beweging"] if change == "publish" else [])


def test_token_requests_are_private(client, page):
    _token, auth = bearer(make_user("app"))
    response = client.get("/api/v3/pages/", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 200
    assert "ETag" not in response
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_session_requests_are_private(client, admin_user, page):
    client.force_login(admin_user)
    response = client.get(URL)
    assert "private" in response["Cache-Control"]


def test_html_pages_have_the_same_validators_as_the_api(client, page):
    """Issue 13: every cacheable anonymous page answers conditional GETs (core/cache/)."""
    response = client.get("/over-ons/")
    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    assert client.get("/over-ons/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
def test_cors_for_the_api_from_allowed_origins(client, page):
    response = client.get(URL, HTTP_ORIGIN="https://app.example.org")
    assert response["Access-Control-Allow-Origin"] == "https://app.example.org"
    other = client.get(URL, HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
def test_cors_preflight_is_answered(client, page):
    response = client.options(
        "/api/v3/pages/",
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "PATCH" in response["Access-Control-Allow-Methods"]
    assert "authorization" in response["Access-Control-Allow-Headers"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
@pytest.mark.parametrize("path", ["/over-ons/", "/admin/login/", "/health/", "/sitemap.xml"])
def test_nothing_outside_the_api_gets_cors_headers(client, page, path):
    response = client.get(path, HTTP_ORIGIN="https://app.example.org")
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]
