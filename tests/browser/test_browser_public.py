"""The public site as a visitor sees it (issue 16): at 1366 and 390 px, no horizontal
scrolling at 320 px, the menu button by keyboard, and axe-core with 0 violations.

`UPDATE_SCREENSHOTS=1` writes the viewport screenshots to docs/screenshots/ (linked from
the README); otherwise nothing is written.
"""

import datetime
import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image as PILImage
from playwright.sync_api import expect

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images.models import Image

from home import brand, demo
from news.models import ConferencePage, ConferenceSession, NewsIndexPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"desktop": 1366, "mobile": 390}
PAGES = {
    "home": "/",
    "nieuws": "/nieuws/",
    "nieuwsbericht": "/nieuws/de-vrije-uitloop-en-het-bijzonder-statuut/",
    "conferentie-open": "/nieuws/manifestatie-2027/",
    "conferentie-afgelopen": "/nieuws/tussen-wil-en-wet/",
    "agenda": "/nieuws/agenda/",
    "overzicht": "/cooperaties/",
    "overzicht-filters": "/cooperaties/?provincie=Noord-Brabant&aandeelhouder=ja",
    "cooperatie": "/cooperaties/de-vrije-uitloop/",
    "zoeken": "/zoeken/?q=cooperatie",
    "404": "/bestaat-niet/",
}


def brand_image(title, seed):
    """A picture the project makes itself (home.brand, no downloaded photos)."""
    return Image.objects.create(
        title=f"{title} (gegenereerd beeld)",
        description="Gegenereerde illustratie in de huisstijl.",
        file=ImageFile(io.BytesIO(brand.illustration(seed)), name=f"gegenereerd-{seed}.png"),
    )


@pytest.fixture
def public_site(home_page):
    """The seed's demo content (with its generated pictures) and one gathering to come."""
    demo.load(report=lambda *args: None)  # with its generated pictures
    index = NewsIndexPage.objects.get()
    start = timezone.localtime(timezone.now()).replace(hour=10, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=40)
    upcoming = ConferencePage(
        title="Manifestatie Sociale Coöperaties 2027",
        slug="manifestatie-2027",
        subtitle="Samen een nieuw sociaal contract",
        date=timezone.localdate(),
        start=start,
        end=start + datetime.timedelta(hours=6),
        venue_name="Jaarbeurs",
        street="Jaarbeursplein 6",
        postcode="3521 AL",
        city="Utrecht",
        price=0,
        audience="Leden van sociale coöperaties, gemeenten en iedereen die mee wil doen.",
        intro="Een dag over werk, inkomen en zeggenschap, met praktijkverhalen uit het land.",
        image=brand_image("Manifestatie", 7),
    )
    index.add_child(instance=upcoming)
    upcoming.programme = [
        ConferenceSession(
            start_time=datetime.time(10), end_time=datetime.time(11), title="Opening"
        ),
        ConferenceSession(
            start_time=datetime.time(11), end_time=datetime.time(12, 30), title="Werkplaatsen"
        ),
    ]
    upcoming.save_revision().publish()
    return home_page


def assert_no_violations(tab):
    """axe-core finds nothing at all: no violation of any impact."""
    results = Axe().run(tab)
    violations = results.response["violations"]
    summary = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(str(node["target"][0]) for node in v["nodes"][:3])
        for v in violations
    )
    assert not violations, f"axe-core op {tab.url}:\n{summary}"


def save_screenshot(tab, name):
    if os.environ.get("UPDATE_SCREENSHOTS") != "1":
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    tab.screenshot(path=str(path))
    with PILImage.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, method=PILImage.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


@pytest.mark.parametrize("device", WIDTHS)
def test_every_page_at_both_widths_has_no_axe_violations(new_page, public_site, device):
    tab = new_page()
    tab.set_viewport_size({"width": WIDTHS[device], "height": 900 if device == "desktop" else 844})
    for name, url in PAGES.items():
        response = tab.goto(url)
        assert response.status == (404 if name == "404" else 200), url
        tab.wait_for_load_state("networkidle")
        if name == "404":  # the browser reports the page's own status as an error
            tab.console_errors[:] = [e for e in tab.console_errors if "404 (Not Found)" not in e]
        assert_no_violations(tab)
        save_screenshot(tab, f"{name}-{WIDTHS[device]}")
    assert tab.console_errors == []


def test_no_horizontal_scrolling_at_320_px(new_page, public_site):
    tab = new_page()
    tab.set_viewport_size({"width": 320, "height": 640})
    for url in PAGES.values():
        tab.goto(url)
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{url} schuift {overflow} px horizontaal bij 320 px"


def test_menu_button_opens_and_closes_by_keyboard(new_page, public_site):
    tab = new_page()
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto("/")
    button = tab.get_by_role("button", name="Menu")
    menu = tab.get_by_role("navigation", name="Hoofdmenu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    # Skip link, site name, then the menu button.
    for _ in range(3):
        tab.keyboard.press("Tab")
    expect(button).to_be_focused()
    tab.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Nieuws")).to_be_visible()
    tab.keyboard.press("Tab")
    expect(menu.get_by_role("link").first).to_be_focused()
    tab.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(menu).to_be_hidden()
    # On a wide screen there is no button: the menu is always shown.
    tab.set_viewport_size({"width": 1366, "height": 900})
    expect(button).to_be_hidden()
    expect(menu).to_be_visible()


def test_without_javascript_the_menu_is_simply_shown(browser, live_server, public_site):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    tab = context.new_page()
    tab.goto("/")
    expect(
        tab.get_by_role("navigation", name="Hoofdmenu").get_by_role("link").first
    ).to_be_visible()
    expect(tab.locator(".menu-toggle")).to_be_hidden()
    context.close()


def test_directory_on_a_phone_shows_results_before_the_filters(new_page, public_site):
    tab = new_page()
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto("/cooperaties/")
    expect(tab.get_by_label("Provincie", exact=True)).to_be_hidden()  # panel closed
    results = tab.locator("#results-heading").bounding_box()
    assert results["y"] < 844, "de resultaten beginnen onder het eerste scherm"
    tab.get_by_text("Meer filters").click()
    expect(tab.get_by_label("Provincie", exact=True)).to_be_visible()
