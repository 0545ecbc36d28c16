"""The embeddable widget (`/cooperaties/embed/`, coops/embed.py) for other sites' iframes.

Whom it protects: municipalities and partners who show our list on their site (it must
frame there and nowhere else, open links outside their page, and stay small), and the
people behind hidden entries (the widget shows live, public entries only; the privacy
matrix in tests/test_privacy.py covers it too).
"""

import re
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders

from wagtail.models import PageViewRestriction

from coops.models import Municipality
from tests.factories.coops import CoopPageFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = "/cooperaties/embed/"


def _entry(coop_index, **kwargs):
    page = CoopPageFactory(parent=coop_index, **kwargs)
    page.save_revision().publish()
    return page


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def entries(coop_index):
    work = ThemeFactory(name="Werk", slug="werk")
    care = ThemeFactory(name="Zorg", slug="zorg")
    tilburg = Municipality.objects.get(code="GM0855")
    return {
        "breda_work": _entry(coop_index, title="De Vrije Uitloop", city="Breda", themes=[work]),
        "breda_care": _entry(coop_index, title="Zorgkracht", city="Prinsenbeek", themes=[care]),
        "tilburg": _entry(coop_index, title="Stadsmakers", municipality=tilburg, themes=[work]),
    }


def titles(response):
    html = response.content.decode()
    return re.findall(r'<li><a [^>]*rel="noopener">([^<]+)<span', html)


def test_the_widget_lists_entries_with_place_and_new_tab_links(client, entries):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == ["De Vrije Uitloop", "Stadsmakers", "Zorgkracht"]
    slug = entries["breda_work"].slug
    assert (
        f'<a href="http://testserver/cooperaties/{slug}/" target="_blank" '
        'rel="noopener">De Vrije Uitloop'
    ) in html
    assert '<span class="embed__place">Prinsenbeek</span>' in html
    assert '<span class="embed__place">Tilburg</span>' in html  # no city: the municipality
    assert "(opent in een nieuw tabblad)" in html
    assert 'data-geojson="/cooperaties/export/geojson/"' in html


def test_no_site_chrome_only_its_own_css_and_the_map(client, entries):
    html = client.get(URL).content.decode()
    assert "<header" not in html and "<nav" not in html and "<footer" not in html
    assert "site.css" not in html and "coops.css" not in html
    assert "coops/embed.css" in html and "leaflet.js" in html and "coops/map.js" in html
    assert "style=" not in html and " on" + "click" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gemeente=GM0758", ["De Vrije Uitloop", "Zorgkracht"]),
        ("gemeente=breda", ["De Vrije Uitloop", "Zorgkracht"]),
        ("gemeente=Breda&thema=werk", ["De Vrije Uitloop"]),
        ("thema=werk", ["De Vrije Uitloop", "Stadsmakers"]),
        ("thema=werk&thema=zorg", ["De Vrije Uitloop", "Stadsmakers", "Zorgkracht"]),
        # lenient, like the directory page: an unknown value is ignored, never an error
        ("gemeente=atlantis", ["De Vrije Uitloop", "Stadsmakers", "Zorgkracht"]),
        ("thema=bestaat-niet", ["De Vrije Uitloop", "Stadsmakers", "Zorgkracht"]),
    ],
)
def test_the_directory_filters_apply(client, entries, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_map_and_directory_links_keep_the_filters(client, entries):
    html = client.get(f"{URL}?gemeente=GM0758&thema=werk&sort=nieuw").content.decode()
    assert 'data-geojson="/cooperaties/export/geojson/?gemeente=GM0758&amp;thema=werk"' in html
    assert 'href="http://testserver/cooperaties/?gemeente=GM0758&amp;thema=werk"' in html
    assert "<h1>Sociale coöperaties in Breda" in html
    assert "(Werk)" in html


def test_nothing_matches(client, coop_index):
    html = client.get(f"{URL}?gemeente=tilburg").content.decode()
    assert "Er staan (nog) geen coöperaties" in html
    assert 'id="coop-map"' not in html


def test_only_live_public_entries(client, coop_index):
    _entry(coop_index, title="Openbaar")
    CoopPageFactory(parent=coop_index, title="Concept", live=False).save_revision()
    restricted = _entry(coop_index, title="Besloten")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    unpublished = _entry(coop_index, title="Ingetrokken")
    unpublished.refresh_from_db()
    unpublished.unpublish()
    assert titles(client.get(URL)) == ["Openbaar"]


def test_frame_ancestors_default_to_self_and_no_x_frame_options(client, coop_index, settings):
    settings.X_FRAME_OPTIONS = "DENY"
    response = client.get(URL)
    assert "X-Frame-Options" not in response
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
    # every other page still refuses to be framed
    assert client.get("/cooperaties/")["X-Frame-Options"] == "DENY"


def test_frame_ancestors_come_from_the_setting(client, coop_index, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["'self'", "https://www.breda.nl", "https://*.tilburg.nl"]
    policy = directives(client.get(URL)["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'", "https://www.breda.nl", "https://*.tilburg.nl"]


def test_an_origin_that_would_break_the_header_is_dropped(client, coop_index, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://ok.nl", "https://x.nl; script-src *", ""]
    policy = directives(client.get(URL)["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["https://ok.nl"]
    assert policy["script-src"] == ["'self'"]


def test_the_rest_of_the_policy_stays_strict(client, coop_index, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://www.breda.nl"]
    embed = directives(client.get(URL)["Content-Security-Policy"])
    site = directives(client.get("/cooperaties/")["Content-Security-Policy"])
    assert site["frame-ancestors"] == ["'self'"]
    del embed["frame-ancestors"], site["frame-ancestors"]
    assert embed == site
    assert embed["script-src"] == ["'self'"] and embed["style-src"] == ["'self'"]


def test_a_cached_copy_keeps_the_frame_policy(client, entries, settings):
    """The CSP middleware sits above the full-page cache; a hit must frame as the miss did."""
    settings.EMBED_ALLOWED_ORIGINS = ["https://www.breda.nl"]
    first = client.get(URL)
    assert first["X-Cache"] == "MISS" and not first.cookies
    again = client.get(URL)
    assert again["X-Cache"] == "HIT"
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "X-Frame-Options" not in again


def test_report_only_sites_still_limit_framing(client, coop_index, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://www.breda.nl"]
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = policy
    response = client.get(URL)
    assert response["Content-Security-Policy"] == "frame-ancestors https://www.breda.nl"
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_the_query_count_is_fixed(client, coop_index, django_assert_num_queries, no_page_cache):
    work = ThemeFactory(name="Werk", slug="werk")
    _entry(coop_index, title="Eén", themes=[work])
    client.get(URL)  # the first request also caches the sites' root paths (one query)
    with django_assert_num_queries(EMBED_QUERIES):
        assert len(titles(client.get(f"{URL}?gemeente=breda&thema=werk"))) == 1
    for number in range(5):
        _entry(coop_index, title=f"Meer {number}", city="Breda", themes=[work])
    with django_assert_num_queries(EMBED_QUERIES):
        assert len(titles(client.get(f"{URL}?gemeente=breda&thema=werk"))) == 6


#: The site and page lookups of Wagtail's serve (6), the municipality and the themes the
#: filters read (2), the entries (1) and the site for their full URLs (1): the same for one
#: entry or many.
EMBED_QUERIES = 10


def test_page_size(client, entries, capsys):
    html = client.get(f"{URL}?gemeente=breda").content
    own = sum(
        Path(finders.find(name)).stat().st_size for name in ("coops/embed.css", "coops/map.js")
    )
    with capsys.disabled():
        print(f"\nembed: HTML {len(html)} B, own CSS+JS {own} B")
    assert len(html) + own < 10_000


def test_editors_find_the_snippet_on_the_directory_edit_view(client, coop_index):
    coop_index.save_revision().publish()
    client.force_login(get_user_model().objects.create_superuser("beheer", password="pw"))
    html = client.get(f"/admin/pages/{coop_index.pk}/edit/").content.decode()
    assert "Insluiten op een andere website" in html
    assert '&lt;iframe src="http://testserver/cooperaties/embed/?gemeente=GM0758"' in html
    assert "EMBED_ALLOWED_ORIGINS" in html
