"""Each live, public entry publishes a Murmurations profile valid against the real schema.

Whom it protects: Murmurations indexes and maps (and the networks reading them), which take
our entries only from profiles that validate against `organizations_schema-v1.0.0`.
"""

import datetime
import json

import pytest

from wagtail.models import PageViewRestriction

from coops.models import Municipality
from coops.murmurations import kvk_from_unique_id, profile, unique_id
from tests.factories.coops import CoopPageFactory, ThemeFactory
from tests.murmurations_support import errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(coop_index, image):
    breda = Municipality.objects.get(code="GM0758")
    page = CoopPageFactory(
        parent=coop_index,
        title="De Vrije Uitloop",
        slug="de-vrije-uitloop",
        intro="Een wijkcoöperatie in Breda.",
        kvk_number="12345678",
        founded_year=2015,
        street="Haagweg 1",
        postcode="4811 AA",
        city="Breda",
        lat=51.58,
        lon=4.78,
        website="https://devrijeuitloop.example.org/",
        email="info@devrijeuitloop.example.org",
        phone="076 123 4567",
        social_shareholder=breda,
        social_shareholder_since=datetime.date(2016, 11, 14),
        logo=image,
        themes=[ThemeFactory(name="Werk", slug="werk"), ThemeFactory(name="Wonen", slug="wonen")],
    )
    page.save_revision().publish()
    return page


def _profile(client, page):
    response = client.get(page.url + "murmurations.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_a_complete_entry_validates_and_maps_every_field(client, entry):
    data = _profile(client, entry)
    assert errors(data) == []
    assert data["linked_schemas"] == ["organizations_schema-v1.0.0"]
    assert data["name"] == "De Vrije Uitloop"
    assert data["primary_url"] == "https://devrijeuitloop.example.org/"
    assert data["description"] == "Een wijkcoöperatie in Breda."
    assert data["tags"] == ["sociale coöperatie", "Werk", "Wonen"]
    assert data["full_address"] == "Haagweg 1, 4811 AA Breda, Nederland"
    assert data["locality"] == "Breda"
    assert data["region"] == "Noord-Brabant"
    assert data["country_iso_3166"] == "NL"
    assert data["geolocation"] == {"lat": 51.58, "lon": 4.78}
    assert data["starts_at"] == 1420070400  # 2015-01-01T00:00:00Z
    assert data["unique_id"] == "NL-KVK-12345678"
    assert data["status"] == "active"
    assert data["telephone"] == "076 123 4567"
    assert data["contact_details"] == {"email": "info@devrijeuitloop.example.org"}
    assert data["image"].startswith("http://testserver/media/images/")
    assert data["urls"] == [
        {"name": "website", "url": "https://devrijeuitloop.example.org/"},
        {"name": "Sociale Coöperaties", "url": "http://testserver/cooperaties/de-vrije-uitloop/"},
    ]


def test_a_minimal_entry_validates_with_its_entry_page_as_primary_url(client, coop_index):
    page = CoopPageFactory(parent=coop_index, title="Kaal", slug="kaal", intro="")
    page.save_revision().publish()
    data = _profile(client, page)
    assert errors(data) == []
    assert data["primary_url"] == "http://testserver/cooperaties/kaal/"
    # The municipality's centre, as on the map; no KvK number: no unique_id.
    breda = Municipality.objects.get(code="GM0758")
    assert data["geolocation"] == {"lat": breda.lat, "lon": breda.lon}
    assert data["locality"] == "Breda"
    assert "unique_id" not in data and "description" not in data


def test_the_schema_rejects_what_it_should(entry):
    """The validator is the real schema: a broken profile fails (so the tests above can fail)."""
    data = profile(entry)
    assert errors({**data, "linked_schemas": []})
    assert errors({**data, "starts_at": "2015"})
    assert errors({**data, "primary_url": "devrijeuitloop.example.org"})
    assert errors({key: value for key, value in data.items() if key != "name"})


def test_a_long_title_is_cut_to_the_schema_limit(coop_index):
    page = CoopPageFactory(parent=coop_index, title="C" * 255, slug="lang")
    assert errors(profile(page)) == []
    assert len(profile(page)["name"]) == 200


def test_the_page_links_its_profile(client, entry):
    html = client.get(entry.url).content.decode()
    href = "/cooperaties/de-vrije-uitloop/murmurations.json"
    assert f'<link rel="alternate" type="application/json" href="{href}"' in html
    assert f'<a href="{href}" type="application/json">' in html


def test_a_draft_has_no_profile(client, coop_index):
    page = CoopPageFactory(parent=coop_index, slug="concept", live=False)
    page.save_revision()
    assert client.get("/cooperaties/concept/murmurations.json").status_code == 404


@pytest.mark.parametrize("kind", ["login", "password", "groups"])
def test_a_restricted_entry_has_no_profile_even_for_who_may_see_it(
    client, coop_index, kind, admin_user
):
    """404, not the login redirect or password form of the page: an index drops a node only
    when its profile is gone (tests/test_murmurations_index.py)."""
    page = CoopPageFactory(parent=coop_index, slug="besloten")
    PageViewRestriction.objects.create(page=coop_index, restriction_type=kind, password="x")
    assert client.get("/cooperaties/besloten/murmurations.json").status_code == 404
    assert client.get(page.url).status_code in {200, 302}  # the page's own answer stays
    client.force_login(admin_user)
    assert client.get("/cooperaties/besloten/murmurations.json").status_code == 404


def test_unique_id_round_trip():
    assert unique_id("12345678") == "NL-KVK-12345678"
    assert kvk_from_unique_id("nl-kvk-12345678") == "12345678"
    assert kvk_from_unique_id("NL-KVK-1234") == ""
    assert kvk_from_unique_id("DE-HRB-12345678") == ""
    assert unique_id("") == ""
