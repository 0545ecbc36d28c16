"""`search=` on /api/v2/pages/: apps (a municipality portal, the mobile app) search the
site with the same Dutch handling as the search page, and get a 400 with a message
for bad input."""

import pytest

from tests.factories.home import StandardPageFactory
from tests.search_helpers import PAGE_MAKERS, make_coop_page

pytestmark = pytest.mark.django_db


def api_titles(client, **params):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_search_alone_is_dutch_and_ordered_by_relevance(client, home_page):
    StandardPageFactory(parent=home_page, title="Nieuws", intro="Ook over een coöperatie.")
    StandardPageFactory(parent=home_page, title="Coöperatie", intro="Wat is een coöperatie?")
    StandardPageFactory(parent=home_page, title="Tuinen")

    titles = api_titles(client, search="cooperaties", type="home.StandardPage")

    assert titles == ["Coöperatie", "Nieuws"]  # the title match ranks first


@pytest.mark.parametrize("make_page", PAGE_MAKERS)
def test_search_with_type(client, home_page, make_page):
    page = make_page(home_page, "Wonen in 's-Hertogenbosch")
    other_type = next(p.values[0] for p in PAGE_MAKERS if p.values[0] is not make_page)
    other_type(home_page, "Wonen in 's-Hertogenbosch")
    page_type = f"{page._meta.app_label}.{type(page).__name__}"

    assert api_titles(client, search="den bosch", type=page_type) == [page.title]


def test_private_pages_are_not_found(client, home_page):
    from wagtail.models import PageViewRestriction

    page = make_coop_page(home_page, "Geheime coöperatie")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert api_titles(client, search="geheime") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"search": "a" * 201}, "search: maximaal 200 tekens"),
        ({"search": ["wonen", "werk"]}, "search: geef deze parameter één keer mee"),
        ({"search": "wonen", "search_operator": "xor"}, "search_operator: kies 'and' of 'or'"),
        ({"search_operator": "or"}, "search_operator: werkt alleen samen met search"),
    ],
)
def test_bad_search_is_a_400_with_a_message(client, home_page, params, message):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    assert response.json() == {"message": message}


def test_search_operator_or(client, home_page):
    StandardPageFactory(parent=home_page, title="Wonen")
    StandardPageFactory(parent=home_page, title="Werken")
    assert set(api_titles(client, search="wonen werken", search_operator="or")) == {
        "Wonen",
        "Werken",
    }
    assert api_titles(client, search="wonen werken") == []


# search= together with the directory's filters (type=coops.CoopPage) and the agenda's.


@pytest.fixture
def directory(home_page):
    """Three entries that all say "wonen"; each filter keeps exactly the first."""
    from coops.models import CoopPage, Municipality, Theme

    breda = Municipality.objects.get(code="GM0758")
    groningen = Municipality.objects.get(code="GM0014")
    utrecht = Municipality.objects.get(code="GM0344")
    housing = Theme.objects.get_or_create(slug="wonen", defaults={"name": "Wonen"})[0]
    work = Theme.objects.get_or_create(slug="werk", defaults={"name": "Werk"})[0]

    def entry(title, intro, municipality, **fields):
        page = make_coop_page(home_page, intro, title=title)
        page.municipality = municipality
        page.province = municipality.province
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
        return CoopPage.objects.get(pk=page.pk)

    less = entry("Groningen", "Wonen", groningen, status=CoopPage.Status.ACTIVE)
    less.themes.set([work])
    less.save_revision().publish()
    entry("Utrecht", "Wonen", utrecht)
    # Created last, so neither tree order nor id order puts it first.
    match = entry(
        "Wonen Breda",
        "Samen wonen en wonen in de wijk",
        breda,
        social_shareholder=breda,
        special_statute=True,
        status=CoopPage.Status.FOUNDING,
    )
    match.themes.set([housing])
    match.save_revision().publish()
    return match


@pytest.mark.parametrize(
    "params",
    [
        {"province": "Noord-Brabant"},
        {"municipality": "GM0758"},
        {"theme": "wonen"},
        {"social_shareholder": "true"},
        {"special_statute": "true"},
        {"status": "in_oprichting"},
        {"province": "Noord-Brabant", "theme": "wonen", "special_statute": "true"},
    ],
)
def test_search_with_each_directory_filter(client, directory, params):
    titles = api_titles(client, search="wonen", type="coops.CoopPage", **params)
    assert titles == ["Wonen Breda"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Wonen Breda", "Groningen", "Utrecht"}),
        ({"province": "Noord-Brabant"}, {"Wonen Breda"}),
        ({"social_shareholder": "false"}, {"Groningen", "Utrecht"}),
        ({"special_statute": "false", "status": "actief"}, {"Groningen", "Utrecht"}),
        ({"theme": ["wonen", "werk"]}, {"Wonen Breda", "Groningen"}),
        ({"municipality": "GM0014", "status": "actief"}, {"Groningen"}),
    ],
)
def test_search_with_filters_is_ordered_by_relevance(client, directory, params, expected):
    titles = api_titles(client, search="wonen", type="coops.CoopPage", **params)
    assert set(titles) == expected
    if "Wonen Breda" in expected:
        # It says "wonen" in its title and twice in its intro: it ranks first,
        # although the directory's default order (by title) would put it last.
        assert titles[0] == "Wonen Breda"


@pytest.mark.usefixtures("no_page_cache")
def test_search_with_filters_uses_a_fixed_number_of_queries(client, directory, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params = {"search": "wonen", "type": "coops.CoopPage", "province": "Noord-Brabant"}
    params["theme"] = "wonen"
    client.get("/api/v2/pages/", params)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v2/pages/", params)
    from coops.models import Theme

    housing = Theme.objects.get(slug="wonen")
    for number in range(5):
        page = make_coop_page(home_page, "Wonen", title=f"Wonen {number}")
        page.province = "Noord-Brabant"
        page.themes.set([housing])
        page.save_revision().publish()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v2/pages/", params)
    assert response.json()["meta"]["total_count"] == 6
    assert len(few) == len(many)


def test_search_with_a_bad_filter_is_still_a_400(client, directory):
    response = client.get(
        "/api/v2/pages/", {"search": "wonen", "type": "coops.CoopPage", "province": "Brabant"}
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("province: onbekende provincie")


def test_search_with_upcoming_conferences(client, home_page, time_machine):
    import datetime
    import zoneinfo

    from tests.factories.news import ConferencePageFactory
    from tests.search_helpers import news_index

    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    time_machine.move_to(datetime.datetime(2017, 1, 1, 12, tzinfo=amsterdam), tick=False)
    index = news_index(home_page)

    def conference(title, day):
        start = datetime.datetime(2017, 2, day, 10, tzinfo=amsterdam)
        return ConferencePageFactory(
            parent=index, title=title, start=start, end=start + datetime.timedelta(hours=6)
        )

    conference("Tussen wil en wet", 10)
    conference("Wet en regels", 20)
    past = conference("Oude wet", 1)
    past.start = datetime.datetime(2016, 2, 1, 10, tzinfo=amsterdam)
    past.end = past.start + datetime.timedelta(hours=6)
    past.save_revision().publish()
    conference("Manifestatie", 15)

    params = {"search": "wet", "type": "news.ConferencePage", "upcoming": "true"}
    # By relevance, like every search; the past conference is left out.
    assert set(api_titles(client, **params)) == {"Tussen wil en wet", "Wet en regels"}
    # With order=, in the agenda's order (start and end are indexed filter fields).
    assert api_titles(client, **params, order="start") == ["Tussen wil en wet", "Wet en regels"]
    assert api_titles(client, **params, order="-start") == ["Wet en regels", "Tussen wil en wet"]
    params["upcoming"] = "false"
    assert api_titles(client, **params) == ["Oude wet"]
    assert api_titles(client, **params, start_after="2016-01-01", start_before="2016-03-01") == [
        "Oude wet"
    ]
