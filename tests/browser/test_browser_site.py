"""News, the directory and conferences in a real Chromium (issue 7, scenarios 1–4).

A Redacteur writes a news article, a Moderator approves it, and a visitor finds it on the
news index, in the site search, the RSS feed and the API; a visitor filters the directory
and opens an entry; a visitor fills a conference until it is full. axe-core checks every
public page on the way.
"""

import datetime
import re

import feedparser
import pytest
from playwright.sync_api import expect
from wagtail_factories import ImageFactory

from django.utils import timezone

from wagtail.models import Collection

from coops.models import CoopPage, Municipality, Theme
from news.models import NewsPage, Registration
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
from tests.factories.coops import CoopIndexPageFactory, CoopPageFactory
from tests.factories.editorial import make_editor, make_moderator
from tests.factories.news import ConferencePageFactory, NewsIndexPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Manifestatie Sociale Coöperaties in Utrecht"


def test_news_article_from_draft_to_feed_search_and_api(new_page, home_page, screenshot):
    news_index = NewsIndexPageFactory(parent=home_page)
    editor, moderator = make_editor(), make_moderator()
    ImageFactory(
        title="Spandoeken op het Jaarbeursplein",
        description="Mensen op een plein",
        collection=Collection.get_first_root_node(),
    )

    # 1. A Redacteur writes a news article with a paragraph and an image, previews it, submits.
    tab = new_page()
    log_in(tab, editor)
    start_page(tab, news_index, "news", "newspage")
    tab.locator("#id_title").fill(TITLE)
    tab.locator("#id_intro").fill("Honderden leden kwamen bijeen voor een nieuw sociaal contract.")
    add_paragraph(tab, "Mensen pakken zich samen voor een nieuw sociaal contract.")
    add_image(tab, "Spandoeken op het Jaarbeursplein", "Leden met spandoeken op het plein")
    preview = open_preview(tab)
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.locator("main")).to_contain_text("nieuw sociaal contract")
    screenshot(tab, "nieuwsbericht-voorbeeld")
    expect(tab.get_by_role("button", name="Publiceren")).to_have_count(0)
    submit_for_moderation(tab)
    article = NewsPage.objects.get(title=TITLE)
    assert not article.live

    # Nobody outside the admin sees the draft.
    visitor = new_page()
    visitor.goto("/nieuws/")
    expect(visitor.locator("main")).not_to_contain_text(TITLE)
    assert TITLE not in visitor.request.get("/nieuws/rss/").text()

    # 2. A Moderator approves it; the visitor finds it everywhere.
    moderator_tab = new_page()
    log_in(moderator_tab, moderator)
    approve(moderator_tab, TITLE)
    article.refresh_from_db()
    assert article.live

    visitor.goto("/nieuws/")
    assert_accessible(visitor)
    visitor.get_by_role("link", name=TITLE).first.click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator("main img").last).to_have_attribute(
        "alt", "Leden met spandoeken op het plein"
    )
    assert_accessible(visitor)

    visitor.goto("/zoeken/?q=manifestatie")
    expect(visitor.locator("main").get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(visitor)

    feed = feedparser.parse(visitor.request.get("/nieuws/rss/").body())
    assert TITLE in [entry.title for entry in feed.entries]
    api = visitor.request.get("/api/v2/pages/?type=news.NewsPage&fields=intro")
    assert api.status == 200
    assert [item["title"] for item in api.json()["items"]] == [TITLE]
    assert visitor.console_errors == []


@pytest.fixture
def directory(home_page):
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    index = CoopIndexPageFactory(parent=home_page)
    CoopPageFactory(
        parent=index,
        title="Coöperatie De Vrije Uitloop U.A.",
        slug="de-vrije-uitloop",
        lat=51.589,
        lon=4.776,
        special_statute=True,
        themes=[themes["werk"], themes["inkomen"]],
    )
    CoopPageFactory(
        parent=index,
        title="Buurtcoöperatie Graafsewijk",
        slug="graafsewijk",
        municipality=Municipality.objects.get(code="GM0796"),
        lat=51.70,
        lon=5.32,
        kind=CoopPage.Kind.NEIGHBOURHOOD,
        themes=[themes["buurt"]],
    )
    CoopPageFactory(
        parent=index,
        title="Energiecoöperatie Zuilen",
        slug="zuilen",
        municipality=Municipality.objects.get(code="GM0344"),
        themes=[themes["energie"], themes["werk"]],
    )
    return index


def test_visitor_filters_the_directory_and_opens_an_entry(new_page, directory):
    tab = new_page()
    tab.goto("/cooperaties/")
    filters = tab.get_by_role("complementary", name="Zoeken en filteren")
    filters.get_by_label("Provincie", exact=True).select_option("Noord-Brabant")
    filters.get_by_role("checkbox", name="Werk").check()
    filters.get_by_role("button", name="Zoeken").click()
    expect(tab).to_have_url(re.compile(r"provincie=Noord-Brabant.*thema=werk"))
    expect(tab.locator("#results-heading")).to_have_text("1 coöperatie gevonden")
    results = tab.locator(".coop-list")
    expect(results).to_contain_text("De Vrije Uitloop")
    expect(results).not_to_contain_text("Graafsewijk")
    expect(results).not_to_contain_text("Zuilen")
    expect(tab.locator("#coop-map")).to_be_visible()
    assert_accessible(tab)

    results.get_by_role("link", name="Coöperatie De Vrije Uitloop U.A.").click()
    expect(tab.locator("h1")).to_have_text("Coöperatie De Vrije Uitloop U.A.")
    expect(tab.locator("#coop-map")).to_be_visible()
    expect(tab.locator("#coop-map .leaflet-interactive")).to_have_count(1)
    assert_accessible(tab)
    assert tab.console_errors == []


def test_visitor_registers_until_the_conference_is_full(new_page, home_page, screenshot):
    news_index = NewsIndexPageFactory(parent=home_page)
    start = timezone.now() + datetime.timedelta(days=60)
    conference = ConferencePageFactory(
        parent=news_index,
        title="Tussen wil en wet",
        slug="tussen-wil-en-wet",
        start=start,
        end=start + datetime.timedelta(hours=7),
        builtin_registration=True,
        registration_capacity=2,
        price=0,
    )
    tab = new_page()
    tab.goto("/nieuws/tussen-wil-en-wet/")
    assert_accessible(tab)
    for name, email in [("Anna de Vries", "anna@example.nl"), ("Bram Jansen", "bram@example.nl")]:
        tab.goto("/nieuws/tussen-wil-en-wet/")
        form = tab.locator("form", has=tab.get_by_label("E-mailadres"))
        form.get_by_label("Naam").fill(name)
        form.get_by_label("E-mailadres").fill(email)
        form.get_by_role("button", name="Aanmelden").click()
        expect(tab.locator(".registration")).to_contain_text("Bedankt voor uw aanmelding")

    tab.goto("/nieuws/tussen-wil-en-wet/")
    expect(tab.locator(".registration")).to_contain_text("Deze conferentie is vol")
    # Full: the form now puts a visitor on the waiting list (issue 15).
    expect(tab.get_by_role("button", name="Zet mij op de wachtlijst")).to_be_visible()
    assert_accessible(tab)
    assert Registration.objects.filter(conference=conference).count() == 2
    assert tab.console_errors == []

    # A Redacteur sees the count on the dashboard and the sign-ups under "Aanmeldingen".
    editor_tab = new_page()
    log_in(editor_tab, make_editor())
    panel = editor_tab.locator("#upcoming-conferences-section")
    expect(panel).to_contain_text("Tussen wil en wet")
    expect(panel).to_contain_text("2 / 2")
    screenshot(editor_tab, "dashboard-conferenties")
    editor_tab.goto("/admin/registrations/")
    expect(editor_tab.locator("main")).to_contain_text("Anna de Vries")
    expect(editor_tab.locator("main")).to_contain_text("Bram Jansen")
    screenshot(editor_tab, "aanmeldingen")
