"""A coöperatie's JSON-LD: schema.org Organization (coops/structured_data.py, issue 14).

Whom it protects: people who find a coöperatie in a search engine or another linked-data
tool (the facts must be machine-readable: KvK number, founding year, address, position,
municipality with its CBS code, themes, logo, website and Murmurations profile) and the
people behind hidden pages (nothing a visitor can't see on the page reaches the JSON-LD).
"""

import json

import pytest

from wagtail.models import PageViewRestriction

from coops.models import CoopPage, Municipality
from coops.structured_data import organisation
from tests.factories.coops import CoopPageFactory, ThemeFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


def json_ld(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    script = response.text.split('<script type="application/ld+json">')[1].split("</script>")[0]
    return json.loads(script)


def _entry(coop_index, **kwargs):
    page = CoopPageFactory(parent=coop_index, **kwargs)
    page.save_revision().publish()
    return page


def test_a_full_entry(client, coop_index, image):
    page = _entry(
        coop_index,
        title="De Vrije Uitloop",
        slug="de-vrije-uitloop",
        intro="Werk voor iedereen.",
        kvk_number="12345678",
        founded_year=2015,
        street="Markt 1",
        postcode="4811 AA",
        city="Breda",
        lat=51.589,
        lon=4.776,
        website="https://www.vrijeuitloop.nl/",
        logo=image,
        themes=[ThemeFactory(name="Werk", slug="werk"), ThemeFactory(name="Zorg", slug="zorg")],
    )
    data = json_ld(client, page)
    logo = data.pop("logo")
    assert logo.startswith("http://testserver/") and logo.endswith(".png")
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "De Vrije Uitloop",
        "legalName": "De Vrije Uitloop",
        "url": "http://testserver/cooperaties/de-vrije-uitloop/",
        "description": "Werk voor iedereen.",
        "identifier": {"@type": "PropertyValue", "propertyID": "KvK", "value": "12345678"},
        "foundingDate": "2015",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Markt 1",
            "postalCode": "4811 AA",
            "addressLocality": "Breda",
            "addressRegion": "Noord-Brabant",
            "addressCountry": "NL",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 51.589, "longitude": 4.776},
        "areaServed": {
            "@type": "AdministrativeArea",
            "name": "Breda",
            "identifier": {"@type": "PropertyValue", "propertyID": "CBS", "value": "GM0758"},
        },
        "knowsAbout": ["Werk", "Zorg"],
        "sameAs": [
            "https://www.vrijeuitloop.nl/",
            "http://testserver/cooperaties/de-vrije-uitloop/murmurations.json",
        ],
    }
    # the profile URL in sameAs is the one that answers
    assert client.get(data["sameAs"][1]).status_code == 200


def test_absent_facts_are_left_out(client, coop_index):
    page = _entry(coop_index, title="Nieuw", intro="", municipality=None)
    data = json_ld(client, page)
    for absent in ("identifier", "foundingDate", "geo", "areaServed", "knowsAbout", "logo"):
        assert absent not in data
    assert data["sameAs"] == [page.get_full_url() + "murmurations.json"]
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "NL"}
    assert "" not in data.values() and None not in data.values()


def test_an_approximate_position_has_no_geo(client, coop_index):
    """Without its own position the map uses the municipality's centre: not the address."""
    page = _entry(coop_index, municipality=Municipality.objects.get(code="GM0855"))
    data = json_ld(client, page)
    assert page.location_is_approximate
    assert "geo" not in data
    assert data["areaServed"]["identifier"]["value"] == "GM0855"


def test_no_hidden_related_data(client, coop_index, news_index):
    page = _entry(coop_index, title="Openbaar", themes=[ThemeFactory(name="Werk", slug="werk")])
    # a newer draft of the entry, and news about it that is a draft or restricted
    page.title = "GEHEIM-concepttitel"
    page.kvk_number = "87654321"
    page.save_revision()
    draft = NewsPageFactory(parent=news_index, title="GEHEIM-nieuws", live=False)
    draft.related_coops.set([page])
    draft.save_revision()
    restricted = NewsPageFactory(parent=news_index, title="GEHEIM-besloten")
    restricted.related_coops.set([page])
    restricted.save_revision().publish()
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    data = json_ld(client, page)
    text = json.dumps(data, ensure_ascii=False)
    assert "GEHEIM" not in text and "87654321" not in text
    assert data["name"] == "Openbaar"


def test_a_preview_of_an_unsaved_entry(coop_index):
    """The editor's preview of a new entry: no URL or profile yet, and no error."""
    data = organisation(CoopPage(title="Nog niet opgeslagen", slug="nieuw"))
    assert data["name"] == "Nog niet opgeslagen"
    assert "sameAs" not in data
