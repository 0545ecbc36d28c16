"""Issue 14 in Chromium: "Meld uw coöperatie aan", a municipality page and the embeddable
widget pass axe-core with no violation (and no console error: the widget's map loads).

Framing by another origin is tested on the headers (tests/test_embed.py); a partner page
framing the live server did not load in this Chromium (see the report of the embed work).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from coops.models import CoopIndexPage
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
