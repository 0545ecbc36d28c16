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
