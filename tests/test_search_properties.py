"""Whatever visitors or apps type, search answers normally: a results page, suggestions,
or (API only) a 400 with a message. Never a 500. Runs on SQLite and PostgreSQL."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.text import MAX_QUERY_LENGTH, dutch_query, terms
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "a" * 2000,
    '"',
    "'",
    '"coöperatie',
    "coöperatie AND NOT OR",
    "-wonen +werk",
    "wonen | werk & !zorg",
    "wonen:*",
    "title:wonen",
    "NEAR(wonen werk)",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "\x00",
    "wonen\x00werk",
    "\x1b[31m",
    "🤝 coöperatie 🏘️",
    "\u202e\u200bwonen",
    "*",
    "(",
    ")",
    "\\",
    "%_%",
    "Den Bosch" * 300,
]

queries = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))
PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def some_pages(home_page):
    StandardPageFactory(parent=home_page, title="Wonen", intro="Coöperatie in 's-Hertogenbosch")
    StandardPageFactory(parent=home_page, title="Werk", intro="Sociaal Aandeelhouderschap")
    return home_page


@given(text=st.text(max_size=3000))
@settings(max_examples=100, deadline=None)
def test_dutch_query_keeps_only_bounded_words(text):
    words = terms(text)
    assert len(words) <= 10
    assert all(word.isalnum() and len(word) <= 40 for word in words)
    query = dutch_query(text)
    assert (query is None) == (not words)


@pytest.mark.usefixtures("no_page_cache")  # reads response.context of repeated examples
@PROPERTY_SETTINGS
@given(q=queries, extra=st.lists(queries, max_size=2), page=st.text(max_size=10))
def test_search_page_never_fails(client, some_pages, q, extra, page):
    response = client.get("/zoeken/", {"q": [q, *extra], "page": page, "type": q[:20]})
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= MAX_QUERY_LENGTH


@PROPERTY_SETTINGS
@given(q=queries)
def test_search_page_with_array_style_parameters(client, some_pages, q):
    response = client.get("/zoeken/", {"q[]": q, "q[0]": q})
    assert response.status_code == 200


@PROPERTY_SETTINGS
@given(q=queries, extra=st.lists(queries, max_size=2))
def test_suggestions_never_fail(client, some_pages, q, extra):
    response = client.get("/zoeken/suggesties/", {"q": [q, *extra]})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@PROPERTY_SETTINGS
@given(
    search=st.lists(queries, min_size=1, max_size=2),
    operator=st.one_of(st.none(), st.sampled_from(["and", "or", "AND", "xor", ""])),
    page_type=st.sampled_from([None, "home.StandardPage", "coops.CoopPage", "wagtailcore.Page"]),
)
def test_api_search_is_200_or_400_with_a_message(client, some_pages, search, operator, page_type):
    params = {"search": search}
    if operator is not None:
        params["search_operator"] = operator
    if page_type:
        params["type"] = page_type
    response = client.get("/api/v2/pages/", params)
    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert response.json()["message"]
    else:
        assert isinstance(response.json()["items"], list)
