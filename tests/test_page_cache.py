"""Issue 13: the full-page cache for anonymous GETs (core/cache/middleware.py)."""

import datetime

import pytest
import time_machine

from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.test import override_settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from wagtail.models import Page

from core.cache import middleware as page_cache
from core.cache.version import bump_content_version, content_version
from core.models import ContentVersion
from news.registration import register
from tests.factories.home import StandardPageFactory

URLS = [
    "/",
    "/over-ons/",
    "/nieuws/",
    "/nieuws/rss/",
    "/nieuws/agenda/ical/",
    "/sitemap.xml",
    "/zoeken/?q=over",
    "/api/v2/pages/?type=home.StandardPage&fields=*",
    "/api/v3/pages/",
    "/bestaat-niet/",
]


@pytest.fixture
def page(news_index):
    page = StandardPageFactory(parent=news_index.get_parent(), title="Over ons")
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.mark.parametrize("url", URLS)
def test_a_cached_page_runs_no_sql(client, page, url, django_assert_num_queries):
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again["X-Cache"] == "HIT"
    assert again.status_code == first.status_code
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


#: What CountingCache was asked, one entry per round trip a networked cache would make.
ROUND_TRIPS = []
_MISSING = object()


class CountingCache(LocMemCache):
    """The process cache, counting calls as round trips (get_many is one, as MGET is)."""

    def get(self, key, default=None, version=None):
        ROUND_TRIPS.append("get")
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        ROUND_TRIPS.append("get_many")
        values = {key: LocMemCache.get(self, key, _MISSING, version) for key in keys}
        return {key: value for key, value in values.items() if value is not _MISSING}

    def set(self, *args, **kwargs):
        ROUND_TRIPS.append("set")
        return super().set(*args, **kwargs)

    def add(self, *args, **kwargs):
        ROUND_TRIPS.append("add")
        return super().add(*args, **kwargs)


@pytest.mark.parametrize("url", ["/over-ons/", "/api/v2/pages/?type=home.StandardPage&fields=*"])
def test_a_cached_page_costs_one_round_trip_to_the_cache(client, page, settings, url):
    settings.CACHES = {"default": {"BACKEND": "tests.test_page_cache.CountingCache"}}
    assert client.get(url)["X-Cache"] == "MISS"
    ROUND_TRIPS.clear()
    assert client.get(url)["X-Cache"] == "HIT"
    assert ROUND_TRIPS == ["get_many"]


@pytest.mark.parametrize("url", ["/over-ons/", "/nieuws/rss/", "/api/v2/pages/", "/bestaat-niet/"])
def test_a_hit_has_the_headers_of_the_miss(client, page, url):
    """CSP, the security headers, Vary and the validators are stored with the page."""
    first = client.get(url)
    again = client.get(url)
    assert again["X-Cache"] == "HIT"
    assert "Content-Security-Policy" in again and "X-Content-Type-Options" in again
    del first["X-Cache"], again["X-Cache"]
    assert dict(again.items()) == dict(first.items())


def test_the_cors_answer_is_kept_per_origin(client, page, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    url = "/api/v2/pages/"
    assert "Access-Control-Allow-Origin" not in client.get(url)
    cross = client.get(url, HTTP_ORIGIN="https://app.example.org")
    assert cross["X-Cache"] == "MISS"
    assert cross["Access-Control-Allow-Origin"] == "https://app.example.org"
    again = client.get(url, HTTP_ORIGIN="https://app.example.org")
    assert again["X-Cache"] == "HIT"
    assert again["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "Access-Control-Allow-Origin" not in client.get(url)


def test_static_files_never_ask_the_page_cache(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.test_page_cache.CountingCache"}}
    # WhiteNoise reads these when the client's first request builds the middleware: the file
    # is found in the app's static folder, whether or not collectstatic has run.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    ROUND_TRIPS.clear()
    assert client.get(settings.STATIC_URL + "css/site.css").status_code == 200
    assert ROUND_TRIPS == []


@override_settings(CONTENT_VERSION_STORE="database")
def test_with_the_version_in_the_database_a_cached_page_runs_one_query(
    client, page, django_assert_num_queries
):
    client.get("/over-ons/")
    with django_assert_num_queries(1):
        assert client.get("/over-ons/")["X-Cache"] == "HIT"


@override_settings(CONTENT_VERSION_STORE="database")
def test_with_the_version_in_the_database_another_workers_publish_is_seen(client, page):
    """Each gunicorn worker has its own LocMemCache; they share the database's version."""
    client.get("/over-ons/")
    # What a publish in another worker does: a new row value, nothing in this process.
    Page.objects.filter(pk=page.pk).update(title="Over de beweging")
    ContentVersion.objects.filter(pk=1).update(token="elders-gepubliceerd")
    response = client.get("/over-ons/")
    assert response["X-Cache"] == "MISS"
    assert "Over de beweging" in response.text


def test_a_draft_and_a_registration_leave_etag_and_cached_pages(
    client, page, open_conference, django_capture_on_commit_callbacks
):
    urls = ["/over-ons/", open_conference.url, "/nieuws/", "/api/v2/pages/"]
    etags = {url: client.get(url).get("ETag") for url in urls}
    page.title = "Concept"
    page.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        register(open_conference, {"name": "Anna de Vries", "email": "anna@example.org"})
    for url in ["/over-ons/", "/nieuws/", "/api/v2/pages/"]:
        response = client.get(url)
        assert response["X-Cache"] == "HIT", url
        assert response["ETag"] == etags[url]
    assert "Concept" not in client.get("/over-ons/").text


def test_publishing_changes_etag_and_cached_pages(client, page):
    urls = ["/over-ons/", "/", "/api/v2/pages/?type=home.StandardPage&fields=*", "/sitemap.xml"]
    etags = {url: client.get(url)["ETag"] for url in urls}
    page.title = "Over de beweging"
    page.save_revision().publish()
    for url in urls:
        response = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert response.status_code == 200, url
        assert response["X-Cache"] == "MISS", url
        assert response["ETag"] != etags[url]
    assert "Over de beweging" in client.get("/over-ons/").text


def test_last_modified_answers_if_modified_since(client, page):
    response = client.get("/over-ons/")
    last_modified = response["Last-Modified"]
    assert client.get("/over-ons/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    with page_cache_clock(seconds=2):
        page.save_revision().publish()
    fresh = client.get("/over-ons/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert fresh.status_code == 200
    assert fresh["Last-Modified"] != last_modified


def page_cache_clock(seconds):
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds)
    return time_machine.travel(later)


def test_cache_control_for_browsers_and_shared_caches(client, page, settings):
    settings.API_CACHE_MAX_AGE, settings.CDN_CACHE_MAX_AGE = 60, 3600
    for response in (client.get("/over-ons/"), client.get("/over-ons/")):
        assert "public" in response["Cache-Control"]
        assert "max-age=60" in response["Cache-Control"]
        assert "s-maxage=3600" in response["Cache-Control"]


def test_a_head_is_answered_from_the_cache(client, page, django_assert_num_queries):
    client.get("/over-ons/")
    with django_assert_num_queries(0):
        response = client.head("/over-ons/")
    assert response.status_code == 200
    assert response["X-Cache"] == "HIT"


# Never cached.


def test_logged_in_users_are_never_served_or_stored(client, admin_user, page):
    client.get("/over-ons/")
    client.force_login(admin_user)
    response = client.get("/over-ons/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_token_is_never_served_from_the_cache(client, page):
    client.get("/api/v3/pages/")
    response = client.get("/api/v3/pages/", HTTP_AUTHORIZATION="Bearer onzin")
    assert "X-Cache" not in response


def test_a_page_with_a_csrf_form_is_not_stored(client, open_conference):
    first = client.get(open_conference.url)
    assert 'name="csrfmiddlewaretoken"' in first.text
    assert "X-Cache" not in first
    assert "X-Cache" not in client.get(open_conference.url)


def _respond(response):
    return page_cache.CacheMiddleware(lambda request: response)


@pytest.mark.parametrize(
    "mark",
    [
        lambda r: r.set_cookie("bezoeker", "1"),
        add_never_cache_headers,
        lambda r: patch_cache_control(r, private=True),
        lambda r: patch_cache_control(r, no_store=True),
    ],
    ids=["set-cookie", "never-cache", "private", "no-store"],
)
def test_responses_that_say_so_are_not_stored(rf, db, mark):
    response = HttpResponse("per bezoeker")
    mark(response)
    middleware = _respond(response)
    assert "X-Cache" not in middleware(rf.get("/eigen/"))
    assert page_cache.lookup(page_cache.page_key(rf.get("/eigen/")))[1] is None


@pytest.mark.parametrize("status", [200, 301, 404])
def test_200_301_and_404_are_stored(rf, db, status):
    assert _respond(HttpResponse("x", status=status))(rf.get("/x/"))["X-Cache"] == "MISS"


@pytest.mark.parametrize("status", [302, 403, 500, 503])
def test_other_statuses_are_not_stored(rf, db, status):
    assert "X-Cache" not in _respond(HttpResponse("x", status=status))(rf.get("/x/"))


def test_excluded_paths_are_left_alone(client, admin_user, db):
    assert "X-Cache" not in client.get("/admin/login/")
    assert "X-Cache" not in client.get("/health/")


def test_the_clock_moving_on_renders_again(client, page, settings):
    client.get("/nieuws/agenda/")
    with page_cache_clock(seconds=settings.PAGE_CACHE_TIMEOUT + 1):
        assert client.get("/nieuws/agenda/")["X-Cache"] == "MISS"


def test_a_bump_in_the_middle_of_a_transaction_is_repeated_after_commit(
    django_capture_on_commit_callbacks, db
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_content_version()
    during = content_version()
    for callback in callbacks:
        callback()
    assert content_version() != during
