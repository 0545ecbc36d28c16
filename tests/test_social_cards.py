"""Shared on social media (issue 16): every page has an og:image, generated when the page
has none; the touch icons and the web app manifest a phone's home screen reads."""

import io
import re

import pytest
from PIL import Image

from django.template import Context, Template

from home.models import SiteSettings
from tests.factories.home import StandardPageFactory
from tests.factories.news import ConferencePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def og_image(client, page):
    html = client.get(page.url).content.decode()
    return re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]


def test_a_page_without_an_image_shares_its_generated_card(client, news_index):
    page = NewsPageFactory(parent=news_index, title="Manifestatie", image=None)
    url = og_image(client, page)
    assert url.startswith(f"http://testserver/deelkaart/{page.pk}-") and url.endswith(".png")
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control and "max-age=31536000" in cache_control
    assert "public" in cache_control
    assert "Set-Cookie" not in response  # the full-page cache and a CDN may keep it
    picture = Image.open(io.BytesIO(response.content))
    assert picture.size == (1200, 630) and picture.format == "PNG"
    again = client.get(url.removeprefix("http://testserver"))
    assert again.content == response.content  # drawn once, then read from the storage


def test_the_card_url_changes_with_what_it_shows(client, news_index, home_page):
    page = NewsPageFactory(parent=news_index, title="Eerste titel", image=None)
    first = og_image(client, page)
    page.title = "Tweede titel"
    page.save_revision().publish()
    second = og_image(client, page)
    assert second != first
    # A crawler holding the old URL is sent to the current card.
    response = client.get(first.removeprefix("http://testserver"))
    assert response.status_code == 301
    assert response["Location"] == second.removeprefix("http://testserver")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.organisation_name = "Andere naam"
    settings.save()
    assert og_image(client, page) != second


def test_each_page_type_gets_a_card(client, news_index, home_page):
    pages = [
        home_page,
        news_index,
        StandardPageFactory(parent=home_page),
        ConferencePageFactory(parent=news_index),
    ]
    for page in pages:
        url = og_image(client, page)
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, page


def test_no_card_for_a_draft_or_a_page_that_does_not_exist(client, news_index):
    draft = NewsPageFactory(parent=news_index, live=False)
    assert client.get(f"/deelkaart/{draft.pk}-000000000000.png").status_code == 404
    assert client.get("/deelkaart/999999-000000000000.png").status_code == 404
    assert client.post(f"/deelkaart/{draft.pk}-000000000000.png").status_code == 405


def test_touch_icons_and_manifest(client, home_page):
    html = client.get("/").content.decode()
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html
    assert '<link rel="manifest" href="/site.webmanifest">' in html
    icon = client.get("/apple-touch-icon.png")
    assert icon["Content-Type"] == "image/png"
    picture = Image.open(io.BytesIO(icon.content))
    assert picture.size == (180, 180)
    assert picture.convert("RGB").getpixel((2, 2)) == (0xA4, 0x12, 0x3F)  # the brand colour
    manifest = client.get("/site.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "Sociale Coöperaties" and data["theme_color"] == "#a4123f"
    pngs = [entry for entry in data["icons"] if entry["type"] == "image/png"]
    assert {entry["sizes"] for entry in pngs} == {"192x192", "512x512"}
    for entry in pngs:  # the SVG is a static file (WhiteNoise, not the test client)
        size = Image.open(io.BytesIO(client.get(entry["src"]).content)).size
        assert f"{size[0]}x{size[1]}" == entry["sizes"]
    assert client.get("/icon-100.png").status_code == 404


def test_the_preview_of_a_page_never_saved_renders_without_a_card(news_index, rf):
    """The editor's first preview of a new page: it has no id, so no card and no 500."""
    page = NewsPageFactory.build(title="Nieuw", image=None)
    assert page.pk is None
    html = Template("{% load seo_tags %}[{% social_card_url page %}]").render(
        Context({"page": page, "request": rf.get("/")})
    )
    assert html == "[]"
