"""The embeddable widget framed by another origin, in Chromium: an origin in
EMBED_ALLOWED_ORIGINS shows the widget inside its iframe; any other is refused by
`frame-ancestors`.

Whom it protects: municipalities and partners (the iframe code from the admin works on their
site once their origin is allowed) and visitors (no unknown site can frame the widget).

The partner sites are small servers on other ports of 127.0.0.1: an origin is scheme, host
and port, so another port is another origin. An earlier try (a page of the live server
framing the widget from `localhost`) ended in chrome-error for two reasons outside the
widget: the framing page was one of ours, whose own strict CSP (`frame-src 'self'` and the
video hosts) refuses to frame any other origin ("Framing 'http://localhost:…' violates the
following Content Security Policy directive: frame-src"), and the `new_page` fixture aborts
every request that is not to the live server. So the partner page here is not ours, and
this test makes its own browser context that lets the loopback origins through, nothing else.
"""

import pytest
from playwright.sync_api import expect

from tests import loopback
from tests.factories.coops import CoopPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class PartnerSite(loopback.LoopbackServer):
    """A page on its own origin whose only content is an iframe of `frame_url`."""

    def __init__(self, frame_url):
        page = (
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente</title>'
            f'</head><body><h1>Gemeente</h1><iframe src="{frame_url}" title="Coöperaties" '
            'width="600" height="500"></iframe></body></html>'
        ).encode()

        class Handler(loopback.QuietHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

        super().__init__(Handler)


@pytest.fixture
def widget_url(coop_index, live_server):
    page = CoopPageFactory(parent=coop_index, title="De Vrije Uitloop", city="Breda")
    page.save_revision().publish()
    return f"{live_server.url}/cooperaties/embed/?gemeente=breda"


@pytest.fixture
def partners(widget_url):
    with PartnerSite(widget_url) as allowed, PartnerSite(widget_url) as other:
        yield allowed, other


@pytest.fixture
def tab(browser, live_server, partners):
    """A tab that reaches the live server and the partner sites, nothing else (no tiles)."""
    origins = (live_server.url, *(partner.origin for partner in partners))
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(15_000)
    context.route(lambda url: not url.startswith(origins), lambda route: route.abort())
    tab = context.new_page()
    tab.messages = []
    tab.on("console", lambda message: tab.messages.append(message.text))
    yield tab
    context.unroute_all(behavior="ignoreErrors")
    context.route("**/*", lambda route: route.abort())
    context.close()


def test_an_allowed_origin_shows_the_widget_and_another_is_refused(tab, partners, settings):
    allowed, other = partners
    settings.EMBED_ALLOWED_ORIGINS = [allowed.origin]

    tab.goto(allowed.origin + "/")
    widget = tab.frame_locator("iframe")
    expect(widget.get_by_role("heading", name="Sociale coöperaties in Breda")).to_be_visible()
    expect(widget.get_by_role("link", name="De Vrije Uitloop")).to_be_visible()
    assert not any("frame-ancestors" in text for text in tab.messages), tab.messages

    tab.goto(other.origin + "/")
    expect(tab.get_by_role("heading", name="Gemeente")).to_be_visible()
    tab.wait_for_load_state("networkidle")
    frame = tab.frames[1]
    expect(widget.get_by_role("heading", name="Sociale coöperaties in Breda")).to_have_count(0)
    assert frame.url.startswith("chrome-error://"), frame.url
    refusals = [text for text in tab.messages if "frame-ancestors" in text]
    assert refusals and allowed.origin in refusals[0], tab.messages
