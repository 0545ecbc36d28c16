"""Issue 14 in Chromium: "Meld uw coöperatie aan", a municipality page and the embeddable
widget pass axe-core with no violation (and no console error: the widget's map loads).

Framing by another origin: tests/browser/test_browser_embed_framing.py (and the headers in
tests/test_embed.py).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from coops.models import CoopIndexPage, CoopPage, Municipality
from tests.factories.coops import CoopIndexPageFactory, CoopPageFactory, ThemeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def directory(home_page):
    index = CoopIndexPageFactory(parent=home_page, title="Coöperaties", slug="cooperaties")
    index.save_revision().publish()
    work = ThemeFactory(name="Werk", slug="werk")
    for title, city in (("De Vrije Uitloop", "Breda"), ("Zorgkracht", "Prinsenbeek")):
        page = CoopPageFactory(parent=index, title=title, city=city, lat=51.59, lon=4.78)
        page.themes.set([work])
        page.save()
        page.save_revision().publish()
    return CoopIndexPage.objects.get(pk=index.pk)


def assert_no_violations(tab):
    violations = Axe().run(tab).response["violations"]
    summary = "\n".join(f"- {v['id']} ({v['impact']}): {v['help']}" for v in violations)
    assert not violations, f"axe-core op {tab.url}:\n{summary}"


@pytest.mark.parametrize(
    "url",
    [
        "/cooperaties/aanmelden/",
        "/cooperaties/gemeente/breda/",
        "/cooperaties/embed/?gemeente=breda",
    ],
)
def test_no_axe_violations(new_page, directory, url):
    tab = new_page()
    assert tab.goto(url).status == 200
    tab.wait_for_load_state("networkidle")
    assert_no_violations(tab)
    assert tab.console_errors == []


def test_the_directory_map_toggles_the_social_shareholding_layer(new_page, directory):
    """The layer's GeoJSON loads on the first tick, not with the page; axe is happy with the
    checkbox outside the map, and the overview page is its text alternative."""
    entry = CoopPage.objects.get(title="De Vrije Uitloop")
    entry.social_shareholder = Municipality.objects.get(code="GM0758")
    entry.save_revision().publish()
    tab = new_page()
    layer_requests = []
    tab.on(
        "request",
        lambda request: (
            layer_requests.append(request.url)
            if "sociaal-aandeelhouderschap/geojson" in request.url
            else None
        ),
    )
    assert tab.goto("/cooperaties/").status == 200
    toggle = tab.get_by_label("Toon sociaal aandeelhouderschap")
    expect(toggle).to_be_visible()
    tab.wait_for_load_state("networkidle")
    assert layer_requests == []  # lazy: nothing until the visitor asks
    markers = tab.locator("#coop-map path.leaflet-interactive")
    expect(markers).to_have_count(2)

    toggle.check()
    expect(tab.get_by_role("status").filter(has_text="op de kaart")).to_have_text(
        "1 sociaal aandeelhouder op de kaart"
    )
    expect(markers).to_have_count(3)
    assert len(layer_requests) == 1
    assert_no_violations(tab)

    toggle.uncheck()
    expect(markers).to_have_count(2)
    toggle.check()
    expect(markers).to_have_count(3)
    assert len(layer_requests) == 1  # fetched once
    link = tab.get_by_role("link", name="Sociaal aandeelhouderschap als lijst")
    assert link.get_attribute("href") == "/cooperaties/sociaal-aandeelhouderschap/"
    assert tab.console_errors == []
