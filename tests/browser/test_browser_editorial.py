"""A Redacteur writes, a Moderator approves, a visitor reads — in a real Chromium (issue 7)."""

import pytest
from playwright.sync_api import expect
from wagtail_factories import ImageFactory

from wagtail.models import Collection

from home.models import StandardPage
from tests.browser.helpers import (
    add_image,
    add_paragraph,
    approve,
    assert_accessible,
    log_in,
    open_preview,
    start_page,
    submit_for_moderation,
)
from tests.factories.editorial import make_editor, make_moderator
from tests.factories.home import StandardPageFactory


def site_path(page):
    """The page's path on the site ("/over-ons/"), whether or not it is live yet."""
    _site_id, _root_url, path = page.get_url_parts()
    return path


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_writes_moderator_approves_visitor_reads(new_page, home_page, screenshot):
    editor, moderator = make_editor(), make_moderator()
    ImageFactory(
        title="Manifestatie op het plein",
        description="Mensen op een plein",
        collection=Collection.get_first_root_node(),
    )

    # A Redacteur writes a page and previews it.
    tab = new_page()
    log_in(tab, editor)
    screenshot(tab, "dashboard")
    start_page(tab, home_page, "home", "standardpage")
    tab.locator("#id_title").fill("Manifestatie Sociale Coöperaties")
    tab.locator("#id_intro").fill("Kom op 14 november naar de manifestatie.")
    add_paragraph(tab, "Burgers pakken zich samen voor een nieuw sociaal contract.")
    add_image(tab, "Manifestatie op het plein", "Mensen met spandoeken op een plein")
    screenshot(tab, "pagina-schrijven")
    preview = open_preview(tab)
    expect(preview.locator("h1")).to_have_text("Manifestatie Sociale Coöperaties")
    screenshot(tab, "voorbeeld")
    card = open_preview(tab, mode="kaartje")
    expect(card.locator(".card h2").first).to_have_text("Manifestatie Sociale Coöperaties")
    screenshot(tab, "voorbeeld-kaartje")

    # The Redacteur cannot publish, only submit.
    expect(tab.get_by_role("button", name="Publiceren")).to_have_count(0)
    submit_for_moderation(tab)
    page = StandardPage.objects.get(title="Manifestatie Sociale Coöperaties")
    assert not page.live
    assert page.workflow_in_progress

    # A visitor does not see it yet.
    visitor = new_page()
    path = site_path(page)
    assert visitor.goto(path).status == 404
    visitor.console_errors.clear()  # that 404 was the point

    # A Moderator approves it from the dashboard.
    mod_tab = new_page()
    log_in(mod_tab, moderator)
    screenshot(mod_tab, "moderator-dashboard")
    approve(mod_tab, "Manifestatie Sociale Coöperaties")
    page.refresh_from_db()
    assert page.live

    # The visitor now sees it on the site and in the API.
    response = visitor.goto(path)
    assert response.status == 200
    expect(visitor.locator("h1")).to_have_text("Manifestatie Sociale Coöperaties")
    expect(visitor.locator("main")).to_contain_text("nieuw sociaal contract")
    expect(visitor.locator("main img")).to_have_attribute(
        "alt", "Mensen met spandoeken op een plein"
    )
    assert_accessible(visitor)
    api = visitor.request.get("/api/v2/pages/?type=home.StandardPage")
    assert "Manifestatie Sociale Coöperaties" in [item["title"] for item in api.json()["items"]]
    assert visitor.console_errors == []


def test_home_and_standard_page_are_accessible(new_page, home_page):
    page = StandardPageFactory(parent=home_page, title="Over ons", show_in_menus=True)
    tab = new_page()
    tab.goto("/")
    assert_accessible(tab)
    tab.goto(site_path(page))
    expect(tab.locator("h1")).to_have_text("Over ons")
    assert_accessible(tab)


def test_accessibility_check_reports_serious_violations(new_page):
    """The axe-core helper really fails on a serious violation (an image without alt text)."""
    tab = new_page()
    tab.set_content('<html lang="nl"><body><main><img src="/x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(tab)
