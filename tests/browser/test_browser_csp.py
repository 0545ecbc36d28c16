"""The Content-Security-Policy blocks nothing the site or the admins need (issue 17).

Each frame of each tab reports every `securitypolicyviolation` event to the test (a
binding, so the admin's preview iframe reports too). The public pages get the strict
policy; the admins (/admin/, /django-admin/) the allowances in CSP_ADMIN_ALLOWANCES.
"""

import pytest
from playwright.sync_api import expect
from wagtail_factories import ImageFactory

from django.contrib.auth import get_user_model

from wagtail.models import Collection

from tests.browser.helpers import add_image, add_paragraph, log_in, open_preview, start_page
from tests.browser.test_browser_public import PAGES, public_site  # noqa: F401 - fixture
from tests.factories.coops import CoopPageFactory
from tests.factories.editorial import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}` +
    ` (${event.sourceFile || ""}:${event.lineNumber}) ${event.sample || ""}`
  );
});
"""


@pytest.fixture
def watched_tab(new_page):
    """A tab whose frames report CSP violations into ``tab.csp_violations``."""

    def make():
        tab = new_page()
        tab.csp_violations = []
        tab.context.expose_binding(
            "__cspViolation", lambda source, text: tab.csp_violations.append(text)
        )
        tab.context.add_init_script(REPORTER)
        return tab

    return make


def visit(tab, path):
    response = tab.goto(path)
    assert response.headers.get("content-security-policy"), path
    tab.wait_for_load_state("networkidle")


def test_public_pages_break_no_rule_of_the_policy(watched_tab, public_site):  # noqa: F811
    tab = watched_tab()
    for path in PAGES.values():
        visit(tab, path)
    # The maps drew their markers (Leaflet styles them from script, which the policy allows).
    for path in ("/cooperaties/", "/cooperaties/de-vrije-uitloop/"):
        visit(tab, path)
        expect(tab.locator("#coop-map path.leaflet-interactive").first).to_be_attached()
    assert tab.csp_violations == [], "\n".join(tab.csp_violations)


def test_the_home_page_map_loads_when_scrolled_into_view(watched_tab, public_site):  # noqa: F811
    """Issue 16: the directory's small map on the home page, lazy and within the policy."""
    tab = watched_tab()
    tab.set_viewport_size({"width": 1280, "height": 600})
    visit(tab, "/")
    assert tab.evaluate("typeof L") == "undefined"  # below the fold: Leaflet not yet loaded
    tab.locator(".home-directory__map").scroll_into_view_if_needed()
    expect(tab.locator("#coop-map path.leaflet-interactive").first).to_be_attached()
    expect(tab.locator("[data-coop-map-button]")).to_be_hidden()
    assert tab.csp_violations == [], "\n".join(tab.csp_violations)


LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    for (const source of entry.sources || []) {
      const node = source.node;
      if (node && node.nodeType === 1 && !node.closest("#coop-map")) {
        window.__shifts.push(node.className);
      }
    }
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def test_the_directory_map_keeps_its_place_and_survives_failed_tiles(watched_tab, public_site):  # noqa: F811
    """Issue 16: the map's box is there from the first paint, so drawing it moves nothing;
    tiles that fail to load (here every one: only loopback is reachable) leave a plain
    background, one note, and the markers."""
    tab = watched_tab()
    tab.set_viewport_size({"width": 1366, "height": 900})
    tab.context.add_init_script(LAYOUT_SHIFTS)
    visit(tab, "/cooperaties/")
    expect(tab.locator("#coop-map path.leaflet-interactive").first).to_be_attached()
    assert tab.evaluate("window.__shifts") == [], "the list moved when the map was drawn"
    expect(tab.locator("#coop-map.coop-map--no-tiles")).to_be_attached()
    expect(tab.locator("#coop-map .leaflet-control-attribution")).to_contain_text(
        "Achtergrondkaart niet beschikbaar"
    )
    assert tab.csp_violations == [], "\n".join(tab.csp_violations)
    assert tab.console_errors == [], tab.console_errors


def test_the_public_policy_is_strict(watched_tab, public_site):  # noqa: F811
    tab = watched_tab()
    policy = tab.goto("/").headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"


def test_the_wagtail_admin_breaks_no_rule_of_its_policy(watched_tab, home_page, coop_index):
    get_user_model().objects.create_superuser("beheerder", "beheer@example.org", PASSWORD)
    ImageFactory(
        title="Plein", description="Een plein", collection=Collection.get_first_root_node()
    )
    coop = CoopPageFactory(parent=coop_index, title="Coöperatie Kaart")
    coop.save_revision().publish()
    tab = watched_tab()
    log_in(tab, get_user_model().objects.get(username="beheerder"))
    screens = [
        "/admin/",
        f"/admin/pages/{home_page.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/users/",
        "/admin/reports/locked/",
        f"/admin/pages/{home_page.pk}/edit/",
        f"/admin/pages/{coop.pk}/edit/",
        "/django-admin/",
        "/django-admin/axes/accessattempt/",
    ]
    for path in screens:
        visit(tab, path)

    # The page editor: a paragraph, an image from the chooser, the preview.
    start_page(tab, home_page, "home", "standardpage")
    tab.locator("#id_title").fill("Pagina met beleid")
    add_paragraph(tab, "Een alinea.")
    add_image(tab, "Plein", "Een plein met mensen")
    preview = open_preview(tab)
    expect(preview.locator("h1")).to_have_text("Pagina met beleid")
    assert tab.csp_violations == [], "\n".join(tab.csp_violations)
