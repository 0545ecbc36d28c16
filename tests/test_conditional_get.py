"""Conditional GETs of what readers, calendar apps and crawlers poll: 304 while nothing changed.

Protects feed readers, subscribed calendars, sitemap crawlers and apps that re-download the
directory's exports: an unchanged resource costs them (and us) no body; a publish makes the
next answer fresh. The ETag is the API's (core.cache.version.etag_for: content version + URL).
"""

import pytest

from tests.factories.coops import CoopPageFactory
from tests.factories.news import ConferencePageFactory, NewsPageFactory


@pytest.fixture
def content(news_index, coop_index):
    news = NewsPageFactory(parent=news_index, title="De Vrije Uitloop")
    news.tags.add("breda")
    news.save_revision().publish()
    conference = ConferencePageFactory(parent=news_index, title="Tussen wil en wet")
    conference.save_revision().publish()
    CoopPageFactory(parent=coop_index, title="De Vrije Uitloop U.A.").save_revision().publish()
    return {"news_index": news_index, "conference": conference}


def urls(content):
    news, conference = content["news_index"].url, content["conference"].url
    return {
        "rss": f"{news}rss/",
        "atom": f"{news}atom/",
        "tag-rss": f"{news}tag/breda/rss/",
        "tag-atom": f"{news}tag/breda/atom/",
        "agenda-ical": f"{news}agenda/ical/",
        "conference-ical": f"{conference}ical/",
        "sitemap": "/sitemap.xml",
        "csv": "/cooperaties/export/csv/",
        "json": "/cooperaties/export/json/",
        "geojson": "/cooperaties/export/geojson/?provincie=Noord-Brabant",
    }


NAMES = ["rss", "atom", "tag-rss", "tag-atom", "agenda-ical", "conference-ical"]
NAMES += ["sitemap", "csv", "json", "geojson"]


@pytest.mark.parametrize("name", NAMES)
def test_an_unchanged_resource_is_not_modified(client, content, name):
    url = urls(content)[name]
    first = client.get(url)
    assert first.status_code == 200, first.content
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""


@pytest.mark.parametrize("name", NAMES)
def test_a_publish_makes_the_next_answer_fresh(client, content, name):
    url = urls(content)[name]
    etag = client.get(url)["ETag"]
    NewsPageFactory(parent=content["news_index"], title="Manifestatie").save_revision().publish()
    fresh = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag


def test_another_url_has_another_etag(client, content):
    assert (
        client.get("/cooperaties/export/json/")["ETag"]
        != client.get("/cooperaties/export/json/?provincie=Utrecht")["ETag"]
    )
