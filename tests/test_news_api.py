"""The API contract for news and conferences (apps: a municipality portal, the mobile app)."""

import datetime
import zoneinfo

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coops.models import CoopIndexPage, CoopPage, Municipality, Theme
from news.models import ConferencePartner, ConferenceSession, ConferenceSpeaker, NewsSource
from tests.factories.news import ConferencePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
API = "/api/v2/pages/"


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def coop(home_page):
    directory = CoopIndexPage(title="Coöperaties", slug="cooperaties")
    home_page.add_child(instance=directory)
    page = CoopPage(title="De Vrije Uitloop", slug="de-vrije-uitloop")
    directory.add_child(instance=page)
    return page


def test_news_page_fields_for_apps(client, news_index, coop):
    """Apps read related_coops as [{id, title, url}] and sources as [{title, url}]."""
    page = NewsPageFactory(
        parent=news_index, title="De Vrije Uitloop", date=datetime.date(2016, 11, 14)
    )
    page.related_coops = [coop]
    page.themes = [Theme.objects.get(slug="werk")]
    page.sources = [
        NewsSource(title="Omroep Brabant maakte een verslag", url="https://example.org/")
    ]
    page.tags.add("Breda")
    page.body = [("paragraph", '<p>Zie <a href="https://example.org">dit</a>.</p>')]
    page.save_revision().publish()
    item = client.get(f"{API}?type=news.NewsPage&fields=*").json()["items"][0]
    assert item["date"] == "2016-11-14"
    assert item["related_coops"] == [
        {
            "id": coop.pk,
            "title": "De Vrije Uitloop",
            "url": "http://testserver/cooperaties/de-vrije-uitloop/",
        }
    ]
    assert item["sources"] == [
        {"title": "Omroep Brabant maakte een verslag", "url": "https://example.org/"}
    ]
    assert item["tags"] == ["Breda"]
    assert item["themes"][0]["slug"] == "werk"
    assert item["image"] is None
    assert item["body"][0]["value"].startswith("<p>Zie <a href=")
    # Each CoopPage lists the news that mentions it.
    assert list(coop.news_pages.all()) == [page.newspage if hasattr(page, "newspage") else page]


def test_conference_fields_for_apps(client, news_index, coop):
    """Apps read start/end as ISO datetimes in Europe/Amsterdam and price as a number."""
    page = ConferencePageFactory(
        parent=news_index,
        municipality=Municipality.objects.get(code="GM0796"),
        registration_url="https://example.org/aanmelden",
    )
    page.programme = [
        ConferenceSession(
            start_time=datetime.time(13),
            end_time=datetime.time(14, 30),
            title="Workshop",
            kind="workshop",
            room="Zaal 2",
            speakers="Raf Janssen",
        )
    ]
    page.speakers = [
        ConferenceSpeaker(
            name="Raf Janssen", role="socioloog", organisation="gemeente Peel en Maas"
        )
    ]
    page.partners = [
        ConferencePartner(name="Movisie", url="https://www.movisie.nl/"),
        ConferencePartner(name="De Vrije Uitloop", coop=coop),
    ]
    page.save_revision().publish()
    item = client.get(f"{API}{page.pk}/").json()
    assert (
        item["start"] == "2017-02-10T09:30:00+01:00" and item["end"] == "2017-02-10T17:00:00+01:00"
    )
    assert item["price"] == 75 and item["price_note"] == "per deelnemer"
    assert item["municipality"] == {
        "code": "GM0796",
        "name": "'s-Hertogenbosch",
        "province": "Noord-Brabant",
    }
    assert item["programme"] == [
        {
            "start_time": "13:00",
            "end_time": "14:30",
            "title": "Workshop",
            "description": "",
            "kind": "workshop",
            "room": "Zaal 2",
            "speakers": "Raf Janssen",
        }
    ]
    assert item["speakers"] == [
        {
            "name": "Raf Janssen",
            "role": "socioloog",
            "organisation": "gemeente Peel en Maas",
            "photo": None,
        }
    ]
    assert [p["name"] for p in item["partners"]] == ["Movisie", "De Vrije Uitloop"]
    assert item["partners"][1]["coop"]["id"] == coop.pk
    assert item["registration_url"] == "https://example.org/aanmelden"
    assert item["registration_status"] == "afgelopen"  # 2017 is over
    for field in (
        "venue_name",
        "street",
        "postcode",
        "city",
        "audience",
        "subtitle",
        "intro",
        "body",
    ):
        assert field in item


def test_date_filters_and_upcoming(client, news_index, time_machine):
    time_machine.move_to(at(2017, 1, 15), tick=False)
    ConferencePageFactory(
        parent=news_index, title="Vroeg", start=at(2016, 6, 1), end=at(2016, 6, 1, 17)
    )
    ConferencePageFactory(
        parent=news_index, title="Februari", start=at(2017, 2, 10), end=at(2017, 2, 10, 17)
    )
    ConferencePageFactory(
        parent=news_index, title="Zomer", start=at(2017, 7, 1), end=at(2017, 7, 1, 17)
    )

    def found(query):
        response = client.get(f"{API}?type=news.ConferencePage&{query}")
        assert response.status_code == 200, response.content
        return [item["title"] for item in response.json()["items"]]

    assert found("start_after=2017-01-01") == ["Februari", "Zomer"]
    assert found("start_before=2017-03-01") == ["Vroeg", "Februari"]
    assert found("start_after=2017-01-01&start_before=2017-03-01") == ["Februari"]
    assert found("upcoming=true") == ["Februari", "Zomer"]
    assert found("upcoming=false") == ["Vroeg"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("start_after=10-02-2017", "start_after"),
        ("start_before=morgen", "start_before"),
        ("upcoming=misschien", "upcoming"),
        ("start_after=2017-13-01", "start_after"),
    ],
)
def test_bad_filter_is_a_400_naming_the_parameter(client, news_index, query, parameter):
    response = client.get(f"{API}?type=news.ConferencePage&{query}")
    assert response.status_code == 400
    assert parameter in response.json()["message"]


def test_a_day_without_a_utc_moment_is_a_400_not_a_500(client, news_index):
    """0001-01-01 starts in Amsterdam before the first UTC moment Python can represent."""
    response = client.get(f"{API}?type=news.ConferencePage&start_after=0001-01-01")
    assert response.status_code == 400
    assert response.json()["message"].startswith("start_after: ")


def test_filters_without_type_are_a_400(client, news_index):
    response = client.get(f"{API}?upcoming=true")
    assert response.status_code == 400 and "news.ConferencePage" in response.json()["message"]


def test_drafts_and_private_pages_never_in_the_api(client, news_index):
    NewsPageFactory(parent=news_index, title="Openbaar")
    NewsPageFactory(parent=news_index, title="Concept", live=False)
    private = ConferencePageFactory(parent=news_index, title="Besloten")
    private.view_restrictions.create(restriction_type="login")
    for page_type in ("news.NewsPage", "news.ConferencePage"):
        titles = {i["title"] for i in client.get(f"{API}?type={page_type}").json()["items"]}
        assert "Concept" not in titles and "Besloten" not in titles
    assert client.get(f"{API}{private.pk}/").status_code == 404


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["items"])


@pytest.mark.usefixtures("no_page_cache")
def test_api_listing_runs_in_a_fixed_number_of_queries(client, news_index, coop):
    def fill(start, stop):
        for i in range(start, stop):
            news = NewsPageFactory(parent=news_index, title=f"Bericht {i}")
            news.related_coops = [coop]
            news.sources = [NewsSource(title="Bron", url="https://example.org/")]
            news.tags.add("breda")
            news.save_revision().publish()
            conf = ConferencePageFactory(parent=news_index, title=f"Conferentie {i}")
            conf.speakers = [ConferenceSpeaker(name="Spreker")]
            conf.programme = [
                ConferenceSession(
                    start_time=datetime.time(9), end_time=datetime.time(10), title="Opening"
                )
            ]
            conf.partners = [ConferencePartner(name="Partner", coop=coop)]
            conf.save_revision().publish()

    urls = [
        f"{API}?type=news.NewsPage&fields=*&limit=50",
        f"{API}?type=news.ConferencePage&fields=*&limit=50",
    ]
    # 2 vs 6 of each proves a fixed count as well as 5 vs 50, in a tenth of the time.
    fill(0, 2)
    few = [_count(client, url) for url in urls]
    fill(2, 6)
    many = [_count(client, url) for url in urls]
    assert [n for n, _items in few] == [n for n, _items in many] == [13, 15]
    assert [items for _n, items in many] == [6, 6]
