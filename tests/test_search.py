"""The search page (/zoeken/) and the suggestions (/zoeken/suggesties/), as visitors use them."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from search.views import RESULTS_PER_PAGE
from tests.factories.home import StandardPageFactory
from tests.search_helpers import PAGE_MAKERS, make_coop_page

pytestmark = pytest.mark.django_db


def titles(response):
    return [page.title for page, _kind, _text in response.context["entries"]]


def test_search_page_lists_results_with_count_snippet_and_type(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Bijzonder Statuut", intro="Wat het statuut regelt."
    )
    make_coop_page(home_page, "Coöperatie De Vrije Uitloop met een Bijzonder Statuut")

    response = client.get("/zoeken/", {"q": "statuut"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 resultaten voor ‘statuut’" in html
    assert "Wat het <mark>statuut</mark> regelt." in html  # snippet from the intro, marked
    assert '<p class="meta">Coöperatie' in html  # type label (and a date when published)
    assert '<meta name="robots" content="noindex">' in html
    assert 'role="search"' in html


def test_type_filter_narrows_results(client, home_page):
    StandardPageFactory(parent=home_page, title="Wonen", intro="Over wonen in de wijk.")
    coop = make_coop_page(home_page, "Woongroep wonen samen")

    response = client.get("/zoeken/", {"q": "wonen", "type": "cooperaties"})

    assert titles(response) == [coop.title]
    html = response.content.decode()
    assert 'aria-current="true">Coöperaties</a>' in html
    # Filters for page types this site does not have (yet) are not offered.
    offered = [value for value, _label in response.context["type_filters"]]
    assert "cooperaties" in offered and "paginas" in offered


def test_unknown_type_searches_everything(client, home_page):
    StandardPageFactory(parent=home_page, title="Wonen")
    response = client.get("/zoeken/", {"q": "wonen", "type": "bestaat-niet"})
    assert titles(response) == ["Wonen"]
    assert response.context["selected_type"] == ""


def test_empty_state_is_friendly_dutch(client, home_page):
    response = client.get("/zoeken/", {"q": "xylofoon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 resultaten voor ‘xylofoon’" in html
    assert "We hebben niets gevonden" in html


def test_no_query_shows_help_and_searches_nothing(client, home_page):
    StandardPageFactory(parent=home_page, title="Wonen")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/zoeken/")
    assert response.status_code == 200
    assert "Typ een of meer woorden" in response.content.decode()
    assert not any("indexentry" in q["sql"] for q in queries.captured_queries)
    assert not Query.objects.exists()


@pytest.mark.parametrize("page_param", ["abc", "0", "-1", "999", "1.5", ""])
def test_pagination_survives_bad_page_numbers(client, home_page, page_param):
    for number in range(RESULTS_PER_PAGE + 2):
        StandardPageFactory(parent=home_page, title=f"Wonen {number}")
    response = client.get("/zoeken/", {"q": "wonen", "page": page_param})
    assert response.status_code == 200
    assert response.context["results_page"].paginator.count == RESULTS_PER_PAGE + 2
    expected = 2 if page_param == "999" else 1  # past the end: the last page
    assert response.context["results_page"].number == expected


def test_second_page_links_keep_query_and_type(client, home_page):
    for number in range(RESULTS_PER_PAGE + 1):
        StandardPageFactory(parent=home_page, title=f"Wonen {number}")
    html = client.get("/zoeken/", {"q": "wonen", "type": "paginas"}).content.decode()
    assert 'href="?q=wonen&amp;type=paginas&amp;page=2"' in html
    response = client.get("/zoeken/", {"q": "wonen", "type": "paginas", "page": "2"})
    assert len(titles(response)) == 1


def test_promoted_results_come_first(client, home_page):
    promoted = StandardPageFactory(parent=home_page, title="Contact")
    StandardPageFactory(parent=home_page, title="Wonen")
    SearchPromotion.objects.create(
        query=Query.get("wonen"), page=promoted, sort_order=0, description="Bel ons gerust."
    )

    html = client.get("/zoeken/", {"q": "Wonen"}).content.decode()

    assert "Aanbevolen resultaten" in html
    assert html.index("Contact") < html.index("1 resultaat voor")
    assert "Bel ons gerust." in html


def test_promotion_of_unpublished_page_is_hidden(client, home_page):
    promoted = StandardPageFactory(parent=home_page, title="Oud nieuws")
    promoted.unpublish()
    SearchPromotion.objects.create(query=Query.get("wonen"), page=promoted, sort_order=0)
    html = client.get("/zoeken/", {"q": "wonen"}).content.decode()
    assert "Aanbevolen resultaten" not in html


def test_searches_are_counted_for_the_most_searched_report(client, home_page):
    client.get("/zoeken/", {"q": "Wonen"})
    client.get("/zoeken/", {"q": "wonen"})
    client.get("/zoeken/", {"q": "wonen", "page": "2"})  # paging is not a new search
    client.get("/zoeken/", {"q": "   "})  # nothing to search for
    assert Query.get("wonen").hits == 2
    assert [query.query_string for query in Query.get_most_popular()] == ["wonen"]


def _query_count(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("cached", [False, True], ids=["eerste keer", "uit de cache"])
def test_search_page_uses_a_fixed_number_of_queries(client, home_page, settings, cached):
    if not cached:
        settings.CONTENT_CACHE_TIMEOUT = 0
    StandardPageFactory(parent=home_page, title="Wonen")
    client.get("/zoeken/", {"q": "wonen"})  # the query is logged once; later hits update it
    client.get("/zoeken/", {"q": "wonen"})  # (the first request saved the site settings)
    few = _query_count(client, "wonen")

    for number in range(2 * RESULTS_PER_PAGE):
        StandardPageFactory(parent=home_page, title=f"Wonen {number}")
    client.get("/zoeken/", {"q": "wonen"})  # fills the cache again after the changes
    many = _query_count(client, "wonen")

    if cached:
        # promotions, logging (one UPDATE; PostgreSQL: after SET LOCAL synchronous_commit),
        # then base.html: site and site settings.
        assert few == many == 4 + (connection.vendor == "postgresql")
    else:
        # plus view restrictions, the count, the ranked ids of the results and the pages
        # (their types, then one query per page type shown); base.html
        # adds the menu and its view restrictions. The best matches are found in one
        # more query (search.ranking.MAX_RANKED: SQLite ranks them, PostgreSQL finds
        # them in the index table) and the live, public ones ranked among them in
        # another. SQLite counts in one more query; PostgreSQL's count reuses the
        # ranking and sends SET LOCAL for the log instead.
        assert few == many == 12


@pytest.mark.usefixtures("no_page_cache")
def test_each_page_type_on_the_results_page_costs_one_query(client, home_page, settings):
    settings.CONTENT_CACHE_TIMEOUT = 0
    StandardPageFactory(parent=home_page, title="Wonen")
    client.get("/zoeken/", {"q": "wonen"})
    one_type = _query_count(client, "wonen")
    make_coop_page(home_page, "Wonen samen")
    client.get("/zoeken/", {"q": "wonen"})  # warm the content-type cache
    assert _query_count(client, "wonen") == one_type + 1


# Freshness: what editors do shows in search at once.


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("make_page", PAGE_MAKERS)
def test_publishing_makes_a_page_findable_at_once(client, home_page, make_page):
    page = make_page(home_page, "Zonnepanelen op het dak")
    page.unpublish()
    for _cached in range(2):  # the second answer comes from the content cache
        assert titles(client.get("/zoeken/", {"q": "zonnepanelen"})) == []
    page.save_revision().publish()
    assert titles(client.get("/zoeken/", {"q": "zonnepanelen"})) == [page.title]


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("make_page", PAGE_MAKERS)
@pytest.mark.parametrize("action", ["unpublish", "delete", "make_private"])
def test_hidden_pages_disappear_from_search_at_once(client, home_page, make_page, action):
    page = make_page(home_page, "Zonnepanelen op het dak")
    title_word = page.title.split()[0]
    for _cached in range(2):  # the second answers come from the content cache
        assert titles(client.get("/zoeken/", {"q": "zonnepanelen"})) == [page.title]
        suggestions = client.get("/zoeken/suggesties/", {"q": title_word}).json()["results"]
        assert page.title in [s["title"] for s in suggestions]

    if action == "unpublish":
        page.unpublish()
    elif action == "delete":
        page.delete()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="login")

    assert titles(client.get("/zoeken/", {"q": "zonnepanelen"})) == []
    assert client.get("/zoeken/suggesties/", {"q": title_word}).json()["results"] == []


# Suggestions


def test_suggestions_match_title_word_beginnings_without_accents(client, home_page):
    coop = make_coop_page(home_page, "Breda", title="Coöperatie De Vrije Uitloop")
    StandardPageFactory(parent=home_page, title="Over ons")

    data = client.get("/zoeken/suggesties/", {"q": "cooperatie vrije uitl"}).json()

    assert data["query"] == "cooperatie vrije uitl"
    assert data["results"] == [
        {"title": coop.title, "url": coop.url, "type": "coöperatie"},
    ]
    titles = [
        s["title"] for s in client.get("/zoeken/suggesties/", {"q": "coöp"}).json()["results"]
    ]
    assert coop.title in titles and "Over ons" not in titles


def test_suggestions_need_two_letters(client, home_page):
    StandardPageFactory(parent=home_page, title="Wonen")
    assert client.get("/zoeken/suggesties/", {"q": "w"}).json()["results"] == []
    assert client.get("/zoeken/suggesties/", {"q": "wo"}).json()["results"][0]["title"] == "Wonen"


@pytest.mark.usefixtures("no_page_cache")
def test_suggestions_use_a_fixed_number_of_queries(client, home_page, settings):
    settings.CONTENT_CACHE_TIMEOUT = 0
    StandardPageFactory(parent=home_page, title="Wonen")
    make_coop_page(home_page, "Breda", title="Wonen samen")
    client.get("/zoeken/suggesties/", {"q": "won"})  # warm the content-type cache
    with CaptureQueriesContext(connection) as few:
        client.get("/zoeken/suggesties/", {"q": "won"})
    for number in range(10):
        StandardPageFactory(parent=home_page, title=f"Wonen {number}")
        make_coop_page(home_page, "Breda", title=f"Wonen samen {number}")
    with CaptureQueriesContext(connection) as many:
        data = client.get("/zoeken/suggesties/", {"q": "won"}).json()
    assert len(data["results"]) == 8
    assert len(few) == len(many) == EXPECTED_SUGGESTION_QUERIES


# View restrictions, results, site (for URLs); the best matches first (search.ranking),
# then the live, public ones ranked among them.
# Plus one for the municipalities with entries (none starts with "won": no directory lookup).
EXPECTED_SUGGESTION_QUERIES = 6


def test_repeated_suggestions_come_from_the_cache_until_content_changes(client, home_page):
    StandardPageFactory(parent=home_page, title="Wonen")
    first = client.get("/zoeken/suggesties/", {"q": "won"}).json()
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/zoeken/suggesties/", {"q": "won"}).json()
    assert again == first and len(queries) == 0
    StandardPageFactory(parent=home_page, title="Wonen in de wijk")
    titles = [s["title"] for s in client.get("/zoeken/suggesties/", {"q": "won"}).json()["results"]]
    assert "Wonen in de wijk" in titles


def test_header_has_an_accessible_search_box(client, home_page):
    html = client.get("/").content.decode()
    assert '<form class="site-search" action="/zoeken/" method="get" role="search"' in html
    assert '<label class="visually-hidden" for="site-zoekterm">Zoeken op de site</label>' in html
    assert 'data-autocomplete="/zoeken/suggesties/"' in html
    assert "search/autocomplete.js" in html


# Editors


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redactie", "redactie@example.org", "x")
    client.force_login(user)
    return client


def test_admin_shows_promoted_results_and_most_searched(editor_client, home_page):
    page = StandardPageFactory(parent=home_page, title="Contact")
    SearchPromotion.objects.create(query=Query.get("bellen"), page=page, sort_order=0)
    editor_client.get("/zoeken/", {"q": "Wonen"})

    dashboard = editor_client.get("/admin/").content.decode()
    assert "Aanbevolen resultaten" in dashboard
    assert "Meest gezocht" in dashboard
    promotions = editor_client.get("/admin/searchpicks/")
    assert promotions.status_code == 200
    assert "bellen" in promotions.content.decode()
    report = editor_client.get("/admin/searchpicks/reports/search-terms/")
    assert report.status_code == 200
    assert "wonen" in report.content.decode()


# The type filter with one page of every type


@pytest.mark.parametrize(
    ("type_value", "expected"),
    [
        ("nieuws", "news.NewsPage"),
        ("agenda", "news.ConferencePage"),
        ("cooperaties", "coops.CoopPage"),
        ("paginas", "home.StandardPage"),
        ("", None),
    ],
)
def test_type_filter_with_every_page_type(client, home_page, type_value, expected):
    pages = {param.id: param.values[0](home_page, "Samen wonen") for param in PAGE_MAKERS}

    response = client.get("/zoeken/", {"q": "samen wonen", "type": type_value})

    found = {page.pk for page, _kind, _text in response.context["entries"]}
    if expected is None:
        assert found == {page.pk for page in pages.values()}
    else:
        assert found == {pages[expected].pk}
    labels = {kind for _page, kind, _text in response.context["entries"]}
    assert labels <= {"nieuwsbericht", "conferentie", "coöperatie", "standaardpagina"}


# The directory's search field


def test_suggestions_can_be_narrowed_to_one_type(client, home_page):
    StandardPageFactory(parent=home_page, title="Wonen in de wijk")
    coop = make_coop_page(home_page, "Breda", title="Wonen Samen")
    client.get("/zoeken/suggesties/", {"q": "won"})  # warm the content-type cache

    with CaptureQueriesContext(connection) as queries:
        data = client.get("/zoeken/suggesties/", {"q": "won", "type": "cooperaties"}).json()

    assert [s["title"] for s in data["results"]] == [coop.title]
    assert len(queries) == EXPECTED_SUGGESTION_QUERIES
    everything = client.get("/zoeken/suggesties/", {"q": "won", "type": "onbekend"}).json()
    assert len(everything["results"]) == 2


def test_directory_search_field_has_suggestions_and_stays_a_plain_form(client, home_page):
    index = make_coop_page(home_page, "Breda").get_parent()

    html = client.get(index.url, {"q": "wonen"}).content.decode()

    assert '<form method="get" action="/cooperaties/" role="search"' in html
    assert (
        '<input type="search" id="id_q" name="q" value="wonen" maxlength="200" autocomplete="off"'
        ' data-autocomplete="/zoeken/suggesties/?type=cooperaties">'
    ) in html
    assert "search/autocomplete.js" in html


def test_optional_url_is_empty_on_a_site_without_search(settings):
    from django.template import Context, Template

    template = Template(
        '{% load core_tags %}{% optional_url "search:suggestions" as url %}[{{ url }}]'
    )
    assert template.render(Context()) == "[/zoeken/suggesties/]"
    settings.ROOT_URLCONF = "tests.plugin.urls"  # the plugin in a site without search
    assert template.render(Context()) == "[]"


def test_paging_past_the_ranked_matches_shows_every_result_once(client, home_page, monkeypatch):
    """Beyond MAX_RANKED best matches the rest follow by id: none lost, none twice, none hidden."""
    monkeypatch.setattr("search.ranking.MAX_RANKED", 4)
    monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 3)
    best = StandardPageFactory(parent=home_page, title="Wonen", intro="Wonen wonen wonen.")
    hidden = StandardPageFactory(parent=home_page, title="Wonen geheim")
    hidden.view_restrictions.create(restriction_type="login")
    others = [
        StandardPageFactory(parent=home_page, title=f"Pagina {n}", intro="Over wonen.")
        for n in range(6)
    ]

    shown = []
    for number in (1, 2, 3):
        response = client.get("/zoeken/", {"q": "wonen", "page": number})
        assert response.context["results_page"].paginator.count == 7
        shown += titles(response)

    assert shown[0] == best.title
    assert sorted(shown) == sorted([best.title, *(page.title for page in others)])


def test_a_broad_word_is_counted_as_more_than_the_limit(client, home_page, monkeypatch):
    """The page counts up to MAX_COUNTED matches; beyond, it says so and pages that far."""
    monkeypatch.setattr("search.views.MAX_COUNTED", 4)
    monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 2)
    for number in range(6):
        StandardPageFactory(parent=home_page, title=f"Wonen {number}")
    draft = StandardPageFactory(parent=home_page, title="Wonen concept")
    draft.unpublish()

    broad = client.get("/zoeken/", {"q": "wonen"})
    assert "Meer dan 4 resultaten voor ‘wonen’" in broad.content.decode()
    assert broad.context["results_page"].paginator.num_pages == 2

    for page in home_page.get_children().filter(title__startswith="Wonen ")[:3]:
        page.unpublish()
    exact = client.get("/zoeken/", {"q": "wonen"})  # 3 live, and the drafts are not counted
    assert "3 resultaten voor ‘wonen’" in exact.content.decode()


def test_words_may_be_split_over_title_and_text(client, home_page):
    """One word in the title and one in the text: the page matches both words (AND)."""
    page = StandardPageFactory(parent=home_page, title="Zonnepanelen", intro="Op het woonerf.")
    StandardPageFactory(parent=home_page, title="Woonerfdag", intro="Open op woensdag.")
    assert titles(client.get("/zoeken/", {"q": "zonnepanelen woonerf"})) == [page.title]
    assert page.title in titles(client.get("/zoeken/", {"q": "woonerf"}))  # text only
