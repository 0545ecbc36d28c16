"""Issue 13: validators and cached pages move on with the clock (core.cache.version.settled).

A conference that ends leaves the agenda's "upcoming" and the home page's next gatherings
without anybody editing anything; a revalidating client must then get the new page, not 304.
"""

import datetime
import zoneinfo

import pytest
import time_machine

from core.cache import version
from core.cache.version import content_changed_at, content_version
from tests.factories.news import ConferencePageFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
START = datetime.datetime(2031, 5, 20, 10, tzinfo=AMSTERDAM)
END = datetime.datetime(2031, 5, 20, 17, tzinfo=AMSTERDAM)
TITLE = "Dag van de sociale coöperatie"


@pytest.fixture
def conference(news_index):
    with time_machine.travel(START - datetime.timedelta(days=30), tick=False):
        page = ConferencePageFactory(parent=news_index, title=TITLE, start=START, end=END)
        page.save_revision().publish()
    return page


def upcoming_part(html):
    """The agenda's "Binnenkort", or the home page's next gatherings."""
    if 'id="geweest"' in html:
        return html.split('id="geweest"')[0]
    return html.split('id="home-agenda"')[1].split("</section>")[0]


@pytest.mark.parametrize("url", ["/nieuws/agenda/", "/"])
def test_a_conference_that_ends_changes_etag_and_the_cached_page(client, conference, url):
    with time_machine.travel(END - datetime.timedelta(hours=1), tick=False):
        first = client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        assert TITLE in upcoming_part(first.text)
    with time_machine.travel(END + datetime.timedelta(minutes=1), tick=False):
        after = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert after.status_code == 200
        assert after["X-Cache"] == "MISS"
        assert after["ETag"] != first["ETag"]
        assert after["Last-Modified"] != first["Last-Modified"]
        assert TITLE not in upcoming_part(after.text)
        assert client.get(url, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


def test_the_new_version_dates_from_the_moment_that_passed(conference):
    with time_machine.travel(START - datetime.timedelta(hours=1), tick=False):
        before = content_version()
    with time_machine.travel(START + datetime.timedelta(hours=2), tick=False):
        assert content_version() != before
        assert content_changed_at() == START  # Last-Modified: when the conference began
        again = content_version()
    with time_machine.travel(START + datetime.timedelta(hours=3), tick=False):
        assert content_version() == again  # nothing happens between the start and the end


def test_without_a_moment_ahead_the_clock_changes_nothing(conference, client):
    with time_machine.travel(END + datetime.timedelta(days=1), tick=False):
        client.get("/nieuws/agenda/")
        version = content_version()
    with time_machine.travel(END + datetime.timedelta(days=400), tick=False):
        assert content_version() == version
        assert client.get("/nieuws/agenda/")["X-Cache"] == "MISS"  # PAGE_CACHE_TIMEOUT passed


def test_a_clock_that_cannot_be_read_serves_the_page_and_asks_again(client, conference):
    def broken(now):
        raise RuntimeError("geen database")

    version.register_clock(broken)
    try:
        assert client.get("/nieuws/").status_code == 200
        assert client.get("/nieuws/")["X-Cache"] == "HIT"
    finally:
        version._clock_sources.remove(broken)
