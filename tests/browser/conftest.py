"""End-to-end tests in the system Chromium (Debian's `chromium`), driven by Playwright.

No browser is ever downloaded: Playwright launches /usr/bin/chromium (or $CHROMIUM_PATH).
Without Chromium the tests are skipped with a clear message, except under CI (CI=true),
where they fail instead. The summary at the end says whether they ran and how long they took.
"""

import os
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image as PILImage

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
UNDER_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "img"

_report = {"ran": 0, "skipped_reason": None, "seconds": 0.0}


def chromium_missing_reason():
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is niet geïnstalleerd (make install-dev)"
    if not (Path(CHROMIUM_PATH).is_file() or shutil.which(CHROMIUM_PATH)):
        return f"Chromium ontbreekt op {CHROMIUM_PATH} (apt-get install chromium)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = chromium_missing_reason()
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if reason is None or not browser_items:
        return
    if UNDER_CI:
        # Under CI the browser tests never skip: they fail in the `browser` fixture.
        return
    _report["skipped_reason"] = reason
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=f"browsertests overgeslagen: {reason}"))


def pytest_terminal_summary(terminalreporter):
    if _report["skipped_reason"]:
        terminalreporter.write_line(
            f"BROWSERTESTS OVERGESLAGEN: {_report['skipped_reason']}", yellow=True, bold=True
        )
    elif _report["ran"]:
        terminalreporter.write_line(
            f"Browsertests uitgevoerd in Chromium: {_report['ran']} tests, "
            f"{_report['seconds']:.1f} s",
            green=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def _time_browser_test(request):
    if not request.node.get_closest_marker("browser"):
        yield
        return
    started = time.perf_counter()
    yield
    _report["ran"] += 1
    _report["seconds"] += time.perf_counter() - started


@pytest.fixture
def browser(monkeypatch):
    """Chromium for one test. Not session-wide: Playwright's sync API keeps an event loop
    running on the main thread, which would make Django refuse ORM calls in later tests."""
    # The ORM calls a browser test makes between steps are synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    reason = chromium_missing_reason()
    if reason is not None:
        pytest.fail(f"Browsertests kunnen niet draaien onder CI: {reason}")
    from playwright.sync_api import expect, sync_playwright

    # The machine running the suite may be busy; wait as long for assertions as for actions.
    expect.set_options(timeout=15_000)

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """A factory for fresh browser tabs (one per person: editor, moderator, visitor).

    Each tab collects console errors in ``tab.console_errors``; only the live server on
    the loopback interface is reachable, so no test can touch the network.
    """
    contexts = []

    def make(locale="nl-NL"):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        context.route(
            lambda url: not url.startswith(live_server.url),
            lambda route: route.abort(),
        )
        contexts.append(context)
        tab = context.new_page()
        tab.console_errors = []

        def on_console(message):
            if message.type != "error":
                return
            # Requests to other hosts (map tiles) are aborted above; the browser reports
            # each as a failed resource. Only those are expected; everything else counts.
            source = message.location.get("url", "")
            if message.text.startswith("Failed to load resource") and not source.startswith(
                live_server.url
            ):
                return
            tab.console_errors.append(message.text)

        tab.on("console", on_console)
        # Failed requests to the live server, for failure messages (the server's own log
        # has the traceback).
        tab.failed_responses = []
        tab.on(
            "response",
            lambda response: (
                tab.failed_responses.append(
                    f"{response.status} {response.request.method} {response.url}"
                )
                if response.status >= 400
                else None
            ),
        )
        tab.on("pageerror", lambda error: tab.console_errors.append(f"pageerror: {error}"))
        return tab

    yield make
    if os.environ.get("BROWSER_DEBUG_DIR"):
        debug_dir = Path(os.environ["BROWSER_DEBUG_DIR"])
        debug_dir.mkdir(parents=True, exist_ok=True)
        for n, context in enumerate(contexts):
            for m, tab in enumerate(context.pages):
                (debug_dir / f"tab-{n}-{m}.html").write_text(tab.content())
                tab.screenshot(path=str(debug_dir / f"tab-{n}-{m}.png"))
    for context in contexts:
        # The admin releases its editing session with a beacon when a tab closes; the
        # database is being reset by then, so keep that request from reaching the server.
        context.unroute_all(behavior="ignoreErrors")
        context.route("**/*", lambda route: route.abort())
        context.close()


@pytest.fixture
def screenshot():
    """Save a screenshot for docs/redactie.md when UPDATE_SCREENSHOTS=1, else to tmp only."""
    target = SCREENSHOT_DIR if os.environ.get("UPDATE_SCREENSHOTS") == "1" else None

    def take(tab, name, **kwargs):
        if target is None:
            return None
        target.mkdir(parents=True, exist_ok=True)
        tab.wait_for_load_state("networkidle")
        path = target / f"{name}.png"
        tab.screenshot(path=str(path), **kwargs)
        # Keep the committed PNGs small: 1280 px wide and a 64-colour palette is plenty.
        with PILImage.open(path) as image:
            small = image.convert("RGB").quantize(colors=64, method=PILImage.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
        return path

    return take
