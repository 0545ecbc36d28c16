"""A page per municipality and the Sociaal Aandeelhouderschap overview.

Whom it protects: municipalities and their residents (what coöperaties there are, whether
the municipality is a social shareholder), search engines (only pages with something on
them in the sitemap) and the people behind unpublished entries (never shown).
"""

import datetime
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from coops.models import Municipality
from tests.factories.coops import CoopPageFactory, ThemeFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def breda():
    return Municipality.objects.get(code="GM0758")


def _entry(coop_index, **kwargs):
    page = CoopPageFactory(parent=coop_index, **kwargs)
    page.save_revision().publish()
    return page


def test_the_page_lists_entries_shareholdings_and_news(client, coop_index, news_index, breda):
    coop = _entry(
        coop_index,
        title="De Vrije Uitloop",
        social_shareholder=breda,
        social_shareholder_since=datetime.date(2016, 11, 14),
        social_shareholder_term_years=5,
        themes=[ThemeFactory(name="Werk", slug="werk")],
    )
    news = NewsPageFactory(parent=news_index, title="Breda wordt aandeelhouder")
    news.related_coops.set([coop])
    news.save_revision().publish()
    response = client.get("/cooperaties/gemeente/breda/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Gemeente Breda</h1>" in html
    assert "CBS-code GM0758" in html
    assert "1 coöperatie in Breda" in html
    assert "De Vrije Uitloop" in html
    assert "sinds 14 november 2016, voor 5 jaar" in html
    assert "Breda wordt aandeelhouder" in html
    assert 'data-geojson="/cooperaties/export/geojson/?gemeente=GM0758"' in html


def test_a_municipality_without_entries_says_so(client, coop_index):
    response = client.get("/cooperaties/gemeente/tilburg/")
    assert response.status_code == 200
    assert "nog geen coöperatie uit deze gemeente" in response.content.decode()
    assert "(nog) geen sociaal aandeelhouder" in response.content.decode()


def test_an_unknown_municipality_is_a_404(client, coop_index):
    assert client.get("/cooperaties/gemeente/atlantis/").status_code == 404
    assert client.get("/cooperaties/gemeente/GM9999/").status_code == 404


def test_the_cbs_code_redirects_to_the_slug(client, coop_index):
    response = client.get("/cooperaties/gemeente/GM0796/")
    assert response.status_code == 301
    assert response["Location"] == "/cooperaties/gemeente/s-hertogenbosch/"
    assert client.get("/cooperaties/gemeente/gm0796/")["Location"].endswith("/s-hertogenbosch/")


def test_drafts_and_restricted_entries_are_not_shown(client, coop_index, breda):
    draft = CoopPageFactory(parent=coop_index, title="Concept-coop", live=False)
    draft.save_revision()
    hidden = _entry(coop_index, title="Besloten coop", social_shareholder=breda)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    html = client.get("/cooperaties/gemeente/breda/").content.decode()
    assert "Concept-coop" not in html and "Besloten coop" not in html
    assert "(nog) geen sociaal aandeelhouder" in html
    overview = client.get("/cooperaties/sociaal-aandeelhouderschap/").content.decode()
    assert "Besloten coop" not in overview
    geojson = client.get("/cooperaties/sociaal-aandeelhouderschap/geojson/").json()
    assert geojson["features"] == []


def test_the_sitemap_lists_only_municipalities_with_a_live_public_entry(client, coop_index):
    _entry(coop_index, municipality=Municipality.objects.get(code="GM0758"))
    draft = CoopPageFactory(
        parent=coop_index, municipality=Municipality.objects.get(code="GM0855"), live=False
    )
    draft.save_revision()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/cooperaties/gemeente/breda/" in sitemap
    assert "/gemeente/tilburg/" not in sitemap


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("no_page_cache")  # a repeated request would be a cache hit (0 queries)
def test_the_municipality_page_is_a_fixed_number_of_queries(client, coop_index, news_index, image):
    theme = ThemeFactory(name="Wonen", slug="wonen")
    breda = Municipality.objects.get(code="GM0758")

    def add(n):
        for i in range(n):
            coop = _entry(coop_index, themes=[theme], logo=image, social_shareholder=breda)
            news = NewsPageFactory(parent=news_index, title=f"Bericht {coop.pk} {i}")
            news.related_coops.set([coop])
            news.save_revision().publish()

    add(1)
    client.get("/cooperaties/gemeente/breda/")  # renditions are made on the first view
    few = _count(client, "/cooperaties/gemeente/breda/")
    add(4)
    client.get("/cooperaties/gemeente/breda/")
    many = _count(client, "/cooperaties/gemeente/breda/")
    assert few == many == 17


def test_the_shareholdings_overview_and_geojson(client, coop_index, breda):
    _entry(
        coop_index,
        title="De Vrije Uitloop",
        social_shareholder=breda,
        social_shareholder_since=datetime.date(2016, 11, 14),
        social_shareholder_term_years=5,
    )
    html = client.get("/cooperaties/sociaal-aandeelhouderschap/").content.decode()
    assert '<a href="/cooperaties/gemeente/breda/">Breda</a>' in html
    assert "14 november 2016" in html and "5 jaar" in html
    response = client.get("/cooperaties/sociaal-aandeelhouderschap/geojson/")
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    feature = json.loads(response.content)["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [breda.lon, breda.lat]}
    assert feature["properties"]["municipality"] == {"code": "GM0758", "name": "Breda"}
    assert feature["properties"]["since"] == "2016-11-14"
    assert feature["properties"]["term_years"] == 5
