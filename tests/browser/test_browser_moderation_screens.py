"""The moderator's side of proposals by coöperaties, in Chromium (issue 14): the dashboard's
panel "Aangemelde coöperaties", a change proposal in Wagtail's revision compare, and the
embed code on the directory's edit view. With UPDATE_SCREENSHOTS=1 it writes the
screenshots docs/redactie.md shows (docs/img/).

Whom it protects: moderators, whose manual shows the screens they really get.
"""

import pytest
from playwright.sync_api import expect

from django.test import Client

from wagtail.models import Site

from coops.models import CoopIndexPage, CoopPage
from coops.proposals import change_token
from tests.browser.helpers import log_in
from tests.factories.coops import CoopIndexPageFactory, CoopPageFactory
from tests.factories.editorial import make_moderator
from tests.test_coop_proposals import URL, _data

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def directory(home_page):
    # The host the manual's readers know, in the embed code (the default site answers any).
    Site.objects.update(hostname="www.socialecooperaties.nl", port=443)
    index = CoopIndexPageFactory(parent=home_page, title="Coöperaties", slug="cooperaties")
    index.save_revision().publish()
    return CoopIndexPage.objects.get(pk=index.pk)


def _propose_a_change(entry):
    data = {
        "title": entry.title,
        "intro": "Wij bieden werk en een maaltijd in de wijk Noord, nu ook op zaterdag.",
        "kvk_number": entry.kvk_number,
        "kind": entry.kind,
        "legal_form": entry.legal_form,
        "website": "https://vrije-uitloop.example.org/",
        "email": entry.email,
        "municipality": str(entry.municipality_id),
        "sleutel": change_token(entry),
    }
    response = Client().post(f"{entry.url}wijziging-voorstellen/", data)
    assert "Uw wijziging is opgeslagen als voorstel" in response.content.decode()


def _element_shot(tab, screenshot, locator, name, margin=12):
    """A screenshot of one part of the screen (with a little of what surrounds it)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    clip = {
        "x": max(box["x"] - margin, 0),
        "y": max(box["y"] - margin, 0),
        "width": box["width"] + 2 * margin,
        "height": min(box["height"] + 2 * margin, 900),
    }
    screenshot(tab, name, clip=clip)


def test_the_moderators_screens_for_proposals(new_page, directory, screenshot):
    Client().post(URL, _data())  # "Meld uw coöperatie aan" by a visitor
    entry = CoopPageFactory(
        parent=directory,
        title="De Vrije Uitloop",
        slug="de-vrije-uitloop",
        intro="Wij bieden werk en een maaltijd in de wijk Noord.",
        email="info@vrije-uitloop.example.org",
    )
    entry.save_revision().publish()
    _propose_a_change(entry)
    entry = CoopPage.objects.get(pk=entry.pk)
    revision = entry.get_latest_revision()

    tab = new_page()
    log_in(tab, make_moderator())

    panel = tab.locator("#coop-proposals-section")
    expect(panel).to_contain_text("Buurtcoöperatie Noord")
    expect(panel).to_contain_text("Fatima de Vries")
    _element_shot(tab, screenshot, panel, "aangemelde-cooperaties")

    tab.goto(f"/admin/pages/{entry.pk}/revisions/compare/live...{revision.pk}/")
    main = tab.locator("#main")
    expect(main).to_contain_text("nu ook op zaterdag")
    expect(main).to_contain_text("vrije-uitloop.example.org")
    # The comparison is short: the top of the screen, with the menu for context.
    screenshot(tab, "wijziging-vergelijken", clip={"x": 0, "y": 0, "width": 1280, "height": 300})

    tab.goto(f"/admin/pages/{directory.pk}/edit/")
    code = tab.get_by_label("Code om in te voegen")
    expect(code).to_have_value(
        '<iframe src="https://www.socialecooperaties.nl/cooperaties/embed/?gemeente=GM0758" '
        'title="Sociale coöperaties" width="100%" height="480" loading="lazy"></iframe>'
    )
    snippet = tab.locator("section[data-panel]").filter(has=code).last
    _element_shot(tab, screenshot, snippet, "insluitcode")
    assert tab.console_errors == []
