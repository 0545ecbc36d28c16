"""Search that forgives (issue 16): the visitor's words marked in the results, a date per
result, a word being typed found as a prefix, municipalities among the suggestions, and
no theme facet that would lead to nothing."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from coops.models import CoopIndexPage, Municipality, Theme
from search.templatetags.search_tags import highlight
from tests.factories.coops import CoopPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.news import NewsPageFactory
from tests.search_helpers import coop_index

pytestmark = pytest.mark.django_db


def result_titles(client, query):
    html = client.get("/zoeken/", {"q": query}).content.decode()
    return html.split('id="resultaten"')[1].split("</section>")[0]


class TestHighlight:
    def test_marks_words_as_the_search_matches_them(self):
        assert highlight("Coöperatie De Vrije Uitloop", "coop") == (
            "<mark>Coöperatie</mark> De Vrije Uitloop"
        )
        assert highlight("Sociale coöperaties in Breda", "cooperatie breda") == (
            "Sociale <mark>coöperaties</mark> in <mark>Breda</mark>"
        )
        assert (
            highlight("In 's-Hertogenbosch", "den bosch") == "In &#x27;s-<mark>Hertogenbosch</mark>"
        )

    def test_escapes_everything_else(self):
        assert highlight("<b>wonen</b> & werk", "wonen") == (
            "&lt;b&gt;<mark>wonen</mark>&lt;/b&gt; &amp; werk"
        )
        assert highlight("<script>", "") == "&lt;script&gt;"


def test_results_mark_the_words_and_show_a_date(client, home_page, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Coöperatie opgericht",
        intro="Een nieuwe coöperatie in de wijk.",
        date=datetime.date(2016, 11, 14),
    )
    results = result_titles(client, "coöperatie")
    assert "<mark>Coöperatie</mark> opgericht" in results
    assert "Een nieuwe <mark>coöperatie</mark> in de wijk." in results
    assert '<time datetime="2016-11-14">14 november 2016</time>' in results


def test_the_word_being_typed_is_a_prefix(client, home_page):
    index = coop_index(home_page)
    breda = CoopPageFactory(parent=index, title="De Vrije Uitloop", city="Breda")
    StandardPageFactory(parent=home_page, title="Coöperatie uitgelegd", intro="Wat het is.")
    assert breda.title in result_titles(client, "Bred")
    assert "<mark>Coöperatie</mark> uitgelegd" in result_titles(client, "coöp")
    # Earlier words are whole words: "wet" is not "wethouder" unless it is being typed.
    StandardPageFactory(parent=home_page, title="Wethouder", intro="Wethouder sociale zaken.")
    assert "Wethouder" not in result_titles(client, "wet sociale")


class TestMunicipalitySuggestions:
    def test_a_municipality_with_entries_leads_to_the_filtered_directory(self, client, home_page):
        index = coop_index(home_page)
        CoopPageFactory(parent=index, title="De Vrije Uitloop")  # in Breda
        results = client.get("/zoeken/suggesties/", {"q": "Bred"}).json()["results"]
        assert results[0] == {
            "title": "Breda",
            "url": "/cooperaties/?gemeente=GM0758",
            "type": "gemeente",
        }
        assert client.get(results[0]["url"]).status_code == 200
        narrowed = client.get("/zoeken/suggesties/", {"q": "Bred", "type": "nieuws"}).json()
        assert narrowed["results"] == []

    def test_common_names_and_only_municipalities_with_visible_entries(self, client, home_page):
        index = coop_index(home_page)
        bosch = Municipality.objects.get(code="GM0796")
        CoopPageFactory(parent=index, title="Samen in de wijk", municipality=bosch)
        hidden = CoopPageFactory(
            parent=index, title="Besloten", municipality=Municipality.objects.get(code="GM0363")
        )
        PageViewRestriction.objects.create(page=hidden, restriction_type="login")
        titles = [
            r["title"] for r in client.get("/zoeken/suggesties/", {"q": "den bo"}).json()["results"]
        ]
        assert titles == ["'s-Hertogenbosch"]
        assert client.get("/zoeken/suggesties/", {"q": "amsterd"}).json()["results"] == []
        # No directory to lead to: no municipality suggestions.
        CoopIndexPage.objects.get(pk=index.pk).unpublish()
        assert client.get("/zoeken/suggesties/", {"q": "den bo"}).json()["results"] == []

    def test_query_count_is_fixed(self, client, home_page, settings, no_page_cache):
        settings.CONTENT_CACHE_TIMEOUT = 0
        index = coop_index(home_page)
        CoopPageFactory(parent=index, title="Bredase wijk")
        client.get("/zoeken/suggesties/", {"q": "bred"})  # warm the content-type cache
        with CaptureQueriesContext(connection) as few:
            client.get("/zoeken/suggesties/", {"q": "bred"})
        for number in range(5):
            CoopPageFactory(parent=index, title=f"Bredase wijk {number}")
        with CaptureQueriesContext(connection) as many:
            data = client.get("/zoeken/suggesties/", {"q": "bred"}).json()
        assert data["results"][0]["title"] == "Breda" and len(data["results"]) == 7
        assert len(few) == len(many)


def test_theme_facets_leave_out_themes_without_results(client, home_page):
    index = coop_index(home_page)
    CoopPageFactory(parent=index, title="Wonen samen", themes=[Theme.objects.get(slug="wonen")])
    html = client.get("/cooperaties/").content.decode()
    facets = html.split('id="facet-themes"')[1].split("</ul>")[0]
    assert "Wonen" in facets and "Energie" not in facets
