"""Structured data that search engines' rich-result rules accept (issue 16), parsed back.

Whom it protects: visitors who find an article or a gathering in a search engine (a rich
result needs these properties) and the movement, which is named as the publisher. The
rules are Google's structured-data documentation for Article, Event, Organization (logo)
and the sitelinks search box (WebSite with SearchAction): the required properties, and the
recommended ones we promise.
"""

import datetime
import json
import re
import zoneinfo
from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Site

from tests.factories.news import ConferencePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)$")
ABSOLUTE = re.compile(r"^https?://[^/]+/")
AVAILABILITY = {f"https://schema.org/{name}" for name in ("InStock", "SoldOut", "PreOrder")}
EVENT_STATUS = {
    f"https://schema.org/{name}"
    for name in (
        "EventScheduled",
        "EventCancelled",
        "EventMovedOnline",
        "EventPostponed",
        "EventRescheduled",
    )
}
ATTENDANCE = {
    f"https://schema.org/{name}"
    for name in (
        "OfflineEventAttendanceMode",
        "OnlineEventAttendanceMode",
        "MixedEventAttendanceMode",
    )
}


def json_ld(html):
    """Every JSON-LD block of a page, flattened out of any @graph."""
    items = []
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        assert data["@context"] == "https://schema.org"
        items.extend(data.get("@graph", [data]))
    return items


def of_type(items, kind):
    found = [item for item in items if item.get("@type") == kind]
    assert len(found) == 1, (kind, [item.get("@type") for item in items])
    return found[0]


def check_organisation(org):
    """Organization with logo: name, url, and a logo of at least 112×112 px."""
    assert org["name"] and ABSOLUTE.match(org["url"])
    logo = org["logo"]
    assert ABSOLUTE.match(logo["url"]) and logo["width"] >= 112 and logo["height"] >= 112


def check_images(images):
    assert images and all(ABSOLUTE.match(url) for url in images), images


def check_article(data):
    assert data["@type"] == "NewsArticle"
    assert 0 < len(data["headline"]) <= 110
    assert DATETIME.match(data["datePublished"]) and DATETIME.match(data["dateModified"])
    check_images(data["image"])
    for author in data["author"]:
        assert author["@type"] in {"Person", "Organization"}
        assert author["name"] and ABSOLUTE.match(author["url"])
    check_organisation(data["publisher"])


def check_event(data):
    assert data["@type"] == "Event"
    # required
    assert data["name"] and DATETIME.match(data["startDate"])
    location = data["location"]
    assert location["@type"] == "Place" and location["name"]
    address = location["address"]
    assert address["@type"] == "PostalAddress"
    assert {"streetAddress", "postalCode", "addressLocality", "addressCountry"} <= address.keys()
    # recommended
    assert data["description"] and DATETIME.match(data["endDate"])
    assert data["endDate"] > data["startDate"]
    assert data["eventStatus"] in EVENT_STATUS
    assert data["eventAttendanceMode"] in ATTENDANCE
    check_images(data["image"])
    offer = data["offers"]
    assert offer["@type"] == "Offer" and offer["availability"] in AVAILABILITY
    assert re.match(r"^\d+(\.\d\d)?$", offer["price"]) and offer["priceCurrency"] == "EUR"
    assert ABSOLUTE.match(offer["url"]) and DATETIME.match(offer["validFrom"])
    assert data["organizer"]
    for organizer in data["organizer"]:
        assert organizer["name"] and ABSOLUTE.match(organizer["url"])
    for performer in data.get("performer", []):
        assert performer["@type"] in {"Person", "PerformingGroup"} and performer["name"]


@pytest.fixture
def demo(client):
    call_command("load_demo_content", stdout=StringIO())
    host = Site.objects.get(is_default_site=True).hostname

    def get(path):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        return response.content.decode()

    return get


def test_home_page_has_website_with_search_action_and_the_organisation(demo):
    items = json_ld(demo("/"))
    website = of_type(items, "WebSite")
    org = of_type(items, "Organization")
    check_organisation(org)
    assert ABSOLUTE.match(website["url"]) and website["publisher"] == {"@id": org["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template.endswith("/zoeken/?q={search_term_string}") and ABSOLUTE.match(template)
    assert action["query-input"] == "required name=search_term_string"


def test_demo_articles_are_valid_news_articles(demo):
    for path in (
        "/nieuws/manifestatie-sociale-cooperaties/",
        "/nieuws/mensen-pakken-zich-samen-voor-een-nieuw-sociaal-contract/",
        "/nieuws/de-vrije-uitloop-en-het-bijzonder-statuut/",
    ):
        data = of_type(json_ld(demo(path)), "NewsArticle")
        check_article(data)
        assert data["publisher"]["name"] == "Sociale Coöperaties"
        assert "/media/images/" in data["image"][0]  # the demo's own picture


def test_demo_conference_is_a_valid_event_without_a_person_for_a_group(demo):
    data = of_type(json_ld(demo("/nieuws/tussen-wil-en-wet/")), "Event")
    check_event(data)
    assert data["startDate"] == "2017-02-10T09:30:00+01:00"
    assert data["endDate"] == "2017-02-10T17:00:00+01:00"
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"  # long past
    performers = {p["name"]: p["@type"] for p in data["performer"]}
    assert performers == {
        "Pieter Hilhorst": "Person",
        "Raf Janssen": "Person",
        "Sociale coöperaties uit de praktijk": "PerformingGroup",
    }
    # The site organises; the seed's partners have no website, so they contribute.
    assert [o["name"] for o in data["organizer"]] == ["Sociale Coöperaties"]
    assert {c["name"] for c in data["contributor"]} >= {"Movisie", "Cordaid"}


def test_a_page_without_an_image_names_its_social_card(client, news_index, time_machine):
    time_machine.move_to(datetime.datetime(2017, 1, 1, 12, tzinfo=zoneinfo.ZoneInfo("UTC")))
    article = NewsPageFactory(parent=news_index, image=None, date=datetime.date(2016, 12, 31))
    data = of_type(json_ld(client.get(article.url).content.decode()), "NewsArticle")
    check_article(data)
    assert f"/deelkaart/{article.pk}-" in data["image"][0]
    # Published the day after its date: the date's midnight, Amsterdam time.
    assert data["datePublished"] == "2016-12-31T00:00:00+01:00"
    event = ConferencePageFactory(parent=news_index, image=None)
    data = of_type(json_ld(client.get(event.url).content.decode()), "Event")
    check_event(data)
    assert f"/deelkaart/{event.pk}-" in data["image"][0]
    assert data["offers"]["availability"] == "https://schema.org/InStock"
