"""Issue 13: a publish purges the page and every URL that lists it from a CDN/Varnish in front."""

import datetime
import io
import threading
import zoneinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
import time_machine

from django.core.management import call_command

from wagtail.models import Page

from coops.models import Theme
from tests import loopback
from tests.factories.home import StandardPageFactory
from tests.factories.news import ConferencePageFactory, NewsPageFactory


class _Recorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 (HTTP method name)
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    """A loopback HTTP server that records PURGE requests, configured as the frontend cache."""
    _Recorder.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", loopback.port()), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield _Recorder.purged
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_and_every_listing(
    news_index, varnish, django_capture_on_commit_callbacks
):
    page = NewsPageFactory(parent=news_index, title="Manifestatie", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert varnish == []  # a draft purges nothing
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).get_latest_revision().publish()
    paths = {path for _host, path in varnish}
    assert {host for host, _path in varnish} == {"testserver"}
    assert {
        "/nieuws/manifestatie/",
        "/nieuws/",
        "/nieuws/agenda/",
        "/nieuws/rss/",
        "/nieuws/atom/",
        "/nieuws/agenda/ical/",
        "/",
        "/sitemap.xml",
        "/api/v2/pages/",
        "/api/v3/pages/",
    } <= paths


def test_a_registered_model_purges_the_site_wide_urls(
    home_page, varnish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Theme.objects.create(name="Zorg", slug="zorg")
    assert {"/", "/sitemap.xml", "/api/v2/pages/"} <= {path for _host, path in varnish}


def test_nothing_is_enqueued_without_a_frontend_cache(news_index, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    with mock.patch("core.cache.purge.after_commit") as enqueue:
        NewsPageFactory(parent=news_index, title="Zonder CDN").save_revision().publish()
    enqueue.assert_not_called()


def test_a_tagged_item_purges_its_tag_feeds(
    news_index, varnish, django_capture_on_commit_callbacks
):
    page = NewsPageFactory(parent=news_index, title="Zonnedaken", live=False)
    page.tags.add("energie")
    page.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).get_latest_revision().publish()
    paths = {path for _host, path in varnish}
    assert {"/nieuws/tag/energie/rss/", "/nieuws/tag/energie/atom/"} <= paths


def test_a_removed_tag_purges_its_feeds_too(
    news_index, varnish, django_capture_on_commit_callbacks
):
    """The tag feeds that listed the live version forget it: the item left them."""
    page = NewsPageFactory(parent=news_index, title="Zonnedaken", live=False)
    page.tags.add("energie", "wonen")
    page.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    page.tags.remove("wonen")
    page.save_revision()
    varnish.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).get_latest_revision().publish()
    paths = {path for _host, path in varnish}
    assert {
        "/nieuws/tag/energie/rss/",
        "/nieuws/tag/wonen/rss/",
        "/nieuws/tag/wonen/atom/",
    } <= paths
    assert len(varnish) == len(set(varnish)), "each URL once per publish"


def test_a_new_slug_or_place_purges_the_old_address(
    news_index, varnish, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=news_index.get_parent(), title="Over ons", slug="over-ons")
    page.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    page.slug = "over-de-beweging"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert {"/over-ons/", "/over-de-beweging/"} <= {path for _host, path in varnish}
    varnish.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=page.pk).move(news_index, pos="last-child")
    assert {"/over-de-beweging/", "/nieuws/over-de-beweging/"} <= {path for _host, path in varnish}


# The clock: a conference that ends changes the agenda and the home page without an edit.

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
START = datetime.datetime(2031, 5, 20, 10, tzinfo=AMSTERDAM)
END = datetime.datetime(2031, 5, 20, 17, tzinfo=AMSTERDAM)
AFTER_THE_END = END + datetime.timedelta(minutes=1)


@pytest.fixture
def conference(news_index):
    with time_machine.travel(START - datetime.timedelta(days=30), tick=False):
        page = ConferencePageFactory(
            parent=news_index, title="Tussen wil en wet", start=START, end=END
        )
        page.save_revision().publish()
    return page


def run_scheduler_once():
    call_command("run_scheduler", "--once", stdout=io.StringIO())


def assert_the_end_is_purged(varnish, conference):
    paths = {path for _host, path in varnish}
    listings = {"/nieuws/", "/nieuws/agenda/", "/nieuws/agenda/ical/", "/", "/api/v2/pages/"}
    assert {conference.url, f"{conference.url}ical/", *listings} <= paths
    assert len(varnish) == len(set(varnish)), "once per change"


def test_a_conference_that_ends_is_purged_once_by_the_first_visitor(
    client, conference, varnish, django_capture_on_commit_callbacks
):
    with time_machine.travel(END - datetime.timedelta(hours=1), tick=False):
        client.get("/nieuws/agenda/")
    varnish.clear()
    with (
        time_machine.travel(AFTER_THE_END, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        for url in ("/nieuws/agenda/", "/", conference.url, "/nieuws/agenda/"):
            assert client.get(url).status_code == 200
        run_scheduler_once()
    assert_the_end_is_purged(varnish, conference)


def test_the_scheduler_purges_the_clock_without_a_visitor(
    conference, varnish, django_capture_on_commit_callbacks
):
    """Behind a CDN nobody may ask the site for an hour: the scheduler reads the clock."""
    with time_machine.travel(END - datetime.timedelta(hours=1), tick=False):
        run_scheduler_once()
    varnish.clear()
    with (
        time_machine.travel(AFTER_THE_END, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run_scheduler_once()
        run_scheduler_once()
    assert_the_end_is_purged(varnish, conference)


def test_a_scheduled_go_live_is_purged(news_index, varnish, django_capture_on_commit_callbacks):
    go_live = datetime.datetime(2031, 6, 1, 9, tzinfo=AMSTERDAM)
    with time_machine.travel(go_live - datetime.timedelta(hours=1), tick=False) as traveller:
        page = NewsPageFactory(parent=news_index, title="Later", live=False, go_live_at=go_live)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        varnish.clear()
        traveller.move_to(go_live + datetime.timedelta(minutes=1))
        with django_capture_on_commit_callbacks(execute=True):
            run_scheduler_once()
    assert {"/nieuws/later/", "/nieuws/", "/nieuws/rss/"} <= {path for _host, path in varnish}
