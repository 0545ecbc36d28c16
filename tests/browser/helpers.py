"""Steps people take in the admin and on the site, reusable across browser scenarios.

Written against Wagtail 8's Dutch admin as a person sees it (labels, buttons), so the
news and directory scenarios can reuse them: log in, start a page of any type, add a
paragraph, preview, submit for moderation, approve, and check accessibility with axe-core.
"""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories.editorial import PASSWORD

BLOCKING_IMPACTS = {"serious", "critical"}


def log_in(tab, user):
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(user.get_username())
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type='submit']").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    expect(tab.locator("#main")).to_be_visible()


def start_page(tab, parent, app_label, model_name):
    """Open the create form for a page type under ``parent``."""
    tab.goto(f"/admin/pages/add/{app_label}/{model_name}/{parent.pk}/")
    # Wait for the admin's scripts (slug sync, StreamField) before typing.
    tab.wait_for_load_state("networkidle")
    expect(tab.locator("#id_title")).to_be_visible()


def add_paragraph(tab, text, field="body"):
    """Append a rich-text "Alinea" block to a StreamField and type ``text`` into it."""
    section = tab.locator(f"[data-contentpath='{field}']").first
    section.get_by_role("button", name="Blok invoegen").last.click()
    tab.get_by_role("option", name="Alinea").click()
    editor = section.locator("[contenteditable='true']").last
    editor.click()
    editor.type(text)


def add_image(tab, image_title, alt_text, field="body"):
    """Append an "Afbeelding" block, pick an existing image in the chooser, give it alt text."""
    section = tab.locator(f"[data-contentpath='{field}']").first
    section.get_by_role("button", name="Blok invoegen").last.click()
    tab.get_by_role("option", name="Afbeelding").click()
    chooser = section.locator("[data-contentpath='image']").last
    chooser.locator("button[data-chooser-action-choose]").first.click()
    tab.locator(".modal").get_by_role("link", name=image_title).first.click()
    expect(chooser.locator("[data-chooser-title]").first).to_have_text(image_title)
    section.locator("[data-contentpath='alt_text'] input").last.fill(alt_text)


def open_preview(tab, mode=None):
    """Open the side panel preview (optionally in a preview mode) and return its frame."""
    # An autosave that creates the page re-renders the side panels; let it land first.
    # The page's first autosave may start only now (on a busy machine) and re-render the
    # side panels, dropping a chosen mode: check the iframe really shows the mode, and
    # choose it again when it does not.
    for attempt in range(3):
        wait_for_autosave(tab)
        toggle = tab.locator("[data-side-panel-toggle='preview']")
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        if mode is None:
            break
        tab.locator("#id_preview_mode").select_option(mode)
        try:
            expect(tab.locator("#w-preview-iframe")).to_have_attribute(
                "src", re.compile(rf"mode={re.escape(mode)}\b"), timeout=10_000
            )
            break
        except AssertionError:
            if attempt == 2:
                raise
    return tab.frame_locator("#w-preview-iframe")


def footer_action(tab, selector):
    """Click an action in the page editor's footer, opening its menu when needed."""
    button = tab.locator(f"footer {selector}")
    if not button.is_visible():
        tab.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def wait_for_autosave(tab):
    """Let Wagtail 8's autosave finish before submitting.

    The admin autosaves a new page (creating it) shortly after the first change; submitting
    the create form while that request is in flight would create the page twice (the slug
    is then taken). Once the page is saved, the admin moves to the page's edit URL and the
    form edits that page instead. The indicator is re-rendered by that save (it may then
    carry no state at all), and on a busy machine the first autosave may not have started
    yet (then the submit creates the page): so wait until no save is running, and fail
    with the failing requests when autosave paused on an error.
    """
    indicator = tab.locator("#w-autosave-indicator")
    if not indicator.count():
        return
    try:
        expect(indicator).not_to_have_attribute(
            "data-w-autosave-state-value", re.compile("saving|paused")
        )
    except AssertionError as error:
        state = indicator.get_attribute("data-w-autosave-state-value")
        failed = "\n".join(getattr(tab, "failed_responses", [])) or "geen"
        raise AssertionError(
            f"autosave niet opgeslagen (status {state!r}); mislukte verzoeken:\n{failed}"
        ) from error


def submit_for_moderation(tab):
    """Submit the page being edited to the workflow ("Stuur door naar …")."""
    wait_for_autosave(tab)
    footer_action(tab, "button[name='action-submit']")
    expect(tab.locator(".messages")).to_contain_text("ingediend")


def approve(tab, page_title):
    """As a moderator: open the page from the dashboard's review list and approve it."""
    tab.goto("/admin/")
    tab.get_by_role("link", name=page_title).first.click()
    # "Goedkeuren en publiceren" (the variant without a comment dialog).
    footer_action(
        tab, "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    expect(tab.locator(".messages")).to_contain_text(page_title)


def assert_accessible(tab, context=None):
    """Run axe-core (bundled in axe-playwright-python) in the tab; fail on serious/critical."""
    results = Axe().run(tab, context=context)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    summary = "\n".join(
        f"- {violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in blocking
    )
    assert not blocking, f"axe-core vond ernstige toegankelijkheidsfouten op {tab.url}:\n{summary}"
    return results
