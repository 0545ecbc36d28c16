"""Dutch search on both databases: diacritics, plurals, municipality names.

Visitors type "cooperatie" or "coöperaties" and mean the same thing. Every test
runs for every page type in PAGE_MAKERS (tests/search_helpers.py).
"""

import io

import pytest

from django.core.management import call_command
from django.db import connection

from wagtail.models import Page

from tests.search_helpers import PAGE_MAKERS

pytestmark = pytest.mark.django_db


def found(query):
    return {page.pk for page in Page.objects.live().public().search(query)}


@pytest.mark.parametrize("make_page", PAGE_MAKERS)
@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("De coöperatie van de wijk", "cooperatie"),  # accent folded in the index
        ("De cooperatie van de wijk", "coöperatie"),  # accent folded in the query
        ("De coöperatie van de wijk", "COÖPERATIE"),
        ("De coöperatie van de wijk", "coöperaties"),  # plural finds singular
        ("Alle coöperaties van de stad", "cooperatie"),  # singular finds plural
        ("Alle coöperaties van de stad", "coöperatie"),
        ("Sociaal Aandeelhouderschap bij De Vrije Uitloop", "aandeelhouderschap"),
        ("Sociaal Aandeelhouderschap bij De Vrije Uitloop", "sociaal aandeelhouderschap"),
        ("Een leven met een uitkering", "uitkeringen"),
        ("Manifestatie in de Jaarbeurs", "manifestaties"),
        ("Conferentie in 's-Hertogenbosch", "Den Bosch"),  # municipality alias
        ("Conferentie in 's-Hertogenbosch", "conferentie den bosch"),
        ("Conferentie in Den Bosch", "Den Bosch"),  # the alias does not lose the literal name
        ("Café De Gruyter Fabriek", "cafe"),
    ],
)
def test_dutch_query_finds_page(home_page, make_page, text, query):
    page = make_page(home_page, text)
    other = make_page(home_page, "Iets heel anders over tuinen")

    result = found(query)

    assert page.pk in result
    assert other.pk not in result


@pytest.mark.parametrize("make_page", PAGE_MAKERS)
def test_all_words_must_match(home_page, make_page):
    page = make_page(home_page, "Coöperatie De Vrije Uitloop in Breda")
    assert page.pk in found("vrije uitloop breda")
    assert page.pk not in found("vrije uitloop tilburg")


def test_postgres_uses_dutch_configuration_with_unaccent(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('dutch_unaccent', 'Coöperaties uitkeringen'),"
            " to_tsvector('simple_unaccent', 'Coöperaties')"
        )
        dutch, simple = cursor.fetchone()
    assert dutch == "'cooperaties':1 'uitker':2"  # accents gone, Dutch stemming
    assert simple == "'cooperaties':1"


def test_sqlite_fts_table_removes_diacritics(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    call_command("update_index", stdout=io.StringIO())  # recovery must keep the tokenizer
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'wagtailsearch_indexentry_fts'")
        (sql,) = cursor.fetchone()
    assert "unicode61 remove_diacritics 2" in sql


def test_dutch_search_survives_update_index(home_page):

    page = PAGE_MAKERS[0].values[0](home_page, "De coöperatie van de wijk")
    call_command("update_index", stdout=io.StringIO())
    assert page.pk in found("cooperatie")


# The seed's real content (manage.py load_demo_content), as visitors search it.


@pytest.fixture
def demo_content(db):
    call_command("load_demo_content", stdout=io.StringIO())


def found_titles(query):
    return {page.title for page in Page.objects.live().public().search(query)}


@pytest.mark.parametrize("query", ["aandeelhouderschap", "Sociaal Aandeelhouderschap"])
def test_demo_shareholding_finds_de_vrije_uitloop(demo_content, query):
    assert "Coöperatie De Vrije Uitloop U.A." in found_titles(query)


@pytest.mark.parametrize("query", ["Den Bosch", "den bosch", "'s-Hertogenbosch", "Hertogenbosch"])
def test_demo_den_bosch_finds_the_conference(demo_content, query):
    assert "Tussen wil en wet, sociaal ondernemen met een uitkering" in found_titles(query)


def test_demo_search_page_finds_de_vrije_uitloop_as_a_cooperatie(client, demo_content):
    response = client.get("/zoeken/", {"q": "aandeelhouderschap", "type": "cooperaties"})
    assert [page.title for page, _kind, _text in response.context["entries"]] == [
        "Coöperatie De Vrije Uitloop U.A."
    ]


@pytest.mark.parametrize(
    ("fields", "query"),
    [
        ({"body": [("paragraph", "<p>Wij bakken brood in de wijk.</p>")]}, "brood"),
        ({"city": "Tilburg"}, "tilburg"),
        ({"municipality_code": "GM0855"}, "tilburg"),  # the gemeente's name
        ({"social_shareholder_code": "GM0855"}, "tilburg"),
    ],
)
def test_coop_page_is_found_by_its_own_search_fields(home_page, fields, query):
    from coops.models import Municipality
    from tests.search_helpers import make_coop_page

    page = make_coop_page(home_page, "Een sociale coöperatie")
    other = make_coop_page(home_page, "Een sociale coöperatie")
    for name, value in fields.items():
        if name.endswith("_code"):
            value = Municipality.objects.get(code=value)
            name = name.removesuffix("_code")
        setattr(page, name, value)
    page.save_revision().publish()

    result = found(query)
    assert page.pk in result
    assert other.pk not in result
