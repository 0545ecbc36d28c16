"""What a visitor and a search engine notice on every page (issue 16): the conference's
facts card and past state, descriptions and social tags, robots.txt, the 404, Dutch dates."""

import datetime
import re
import zoneinfo

import pytest
from wagtail_factories import ImageFactory

from coops.models import Municipality
from home import demo
from home.models import SiteSettings
from news.models import ConferencePage, ConferencePartner
from tests.factories.coops import CoopPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.news import ConferencePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
BEFORE = datetime.datetime(2017, 1, 15, 12, 0, tzinfo=AMSTERDAM)
AFTER = datetime.datetime(2017, 3, 1, 12, 0, tzinfo=AMSTERDAM)


def meta(html):
    """{name or property: content} of the page's <meta> tags."""
    return dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', html))


class TestConferencePage:
    def test_facts_card_with_map_link_and_calendar_before_the_event(
        self, client, news_index, time_machine
    ):
        time_machine.move_to(BEFORE, tick=False)
        page = ConferencePageFactory(parent=news_index, title="Tussen wil en wet")
        html = client.get(page.url).content.decode()
        card = html.split('class="event-layout__facts')[1].split("</aside>")[0]
        assert "vrijdag 10 februari 2017, 09:30" in card and "17:00" in card
        assert "€ 75 per deelnemer" in card
        assert "https://www.openstreetmap.org/search?query=De%20Gruyter%20Fabriek" in card
        assert "Zet in mijn agenda" in card
        assert "Afgelopen" not in html

    def test_a_past_event_says_afgelopen_and_offers_no_calendar_or_sign_up(
        self, client, news_index, time_machine
    ):
        time_machine.move_to(AFTER, tick=False)
        page = ConferencePageFactory(parent=news_index, builtin_registration=True)
        html = client.get(page.url).content.decode()
        assert "Afgelopen" in html and "Deze conferentie is afgelopen." in html
        assert "Zet in mijn agenda" not in html
        assert "/ical/" not in html.split("<main")[1]
        assert 'id="aanmelden"' not in html

    def test_partners_link_to_their_cooperatie_page(self, client, news_index, coop_index):
        coop = CoopPageFactory(parent=coop_index, title="De Vrije Uitloop", slug="vrije-uitloop")
        page = ConferencePageFactory(parent=news_index)
        page.partners = [
            ConferencePartner(name="De Vrije Uitloop", coop=coop),
            ConferencePartner(name="Movisie", url="https://www.movisie.nl/"),
        ]
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert '<a href="/cooperaties/vrije-uitloop/">De Vrije Uitloop</a>' in html
        assert '<a href="https://www.movisie.nl/" rel="external">Movisie</a>' in html

    def test_demo_text_does_not_repeat_the_facts(self, home_page):
        demo.load(report=lambda *args: None)
        page = ConferencePage.objects.get(slug="tussen-wil-en-wet")
        text = str(page.body)
        assert "Datum en locatie" not in text and "75 euro" not in text


class TestFoundAndShared:
    def test_description_falls_back_to_the_intro(self, client, home_page):
        page = StandardPageFactory(parent=home_page, title="Over ons", intro="Wie wij zijn.")
        tags = meta(client.get(page.url).content.decode())
        assert tags["description"] == "Wie wij zijn."
        assert tags["og:description"] == "Wie wij zijn."
        assert tags["og:title"] == "Over ons"
        # No image of its own: the generated social card, shown large.
        assert tags["twitter:card"] == "summary_large_image"

    def test_search_description_wins(self, client, news_index):
        page = NewsPageFactory(parent=news_index, intro="Intro.", search_description="Kort.")
        assert meta(client.get(page.url).content.decode())["description"] == "Kort."

    def test_a_page_with_an_image_shares_it(self, client, news_index):
        page = NewsPageFactory(parent=news_index, image=ImageFactory(title="Plein"))
        tags = meta(client.get(page.url).content.decode())
        assert tags["og:image"].startswith("http://testserver/media/images/")
        assert ".fill-1200x630" in tags["og:image"]  # cropped for the share card
        assert tags["og:image:width"] and tags["og:image:height"]
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["og:type"] == "article"

    def test_every_page_type_has_social_tags(self, client, news_index, coop_index):
        pages = [
            news_index,
            NewsPageFactory(parent=news_index),
            ConferencePageFactory(parent=news_index),
            coop_index,
            CoopPageFactory(parent=coop_index),
            news_index.get_parent().specific,
        ]
        for page in pages:
            tags = meta(client.get(page.url).content.decode())
            assert {"og:title", "og:url", "og:type", "twitter:card"} <= tags.keys(), page

    def test_robots_txt_names_the_sitemap(self, client, home_page):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
        assert "Disallow: /admin/" in response.content.decode()

    def test_favicon_is_an_svg_of_our_own(self, client, home_page):
        html = client.get("/").content.decode()
        icon = r'<link rel="icon" href="[^"]+favicon[^"]*\.svg" type="image/svg\+xml">'
        assert re.search(icon, html)


class TestDetails:
    def test_404_has_search_and_the_main_sections(self, client, home_page):
        StandardPageFactory(parent=home_page, title="Over ons", show_in_menus=True)
        response = client.get("/bestaat-niet/")
        assert response.status_code == 404
        html = response.content.decode()
        assert "<h1>Pagina niet gevonden</h1>" in html
        assert 'action="/zoeken/"' in html and 'name="q"' in html
        assert 'class="section-links"' in html and ">Over ons</a>" in html
        assert '<meta name="robots" content="noindex">' in html

    def test_cooperatie_shows_news_dates_in_dutch(self, client, news_index, coop_index):
        coop = CoopPageFactory(parent=coop_index, municipality=Municipality.objects.first())
        article = NewsPageFactory(
            parent=news_index, title="Sociaal Aandeelhouderschap", date=datetime.date(2016, 11, 14)
        )
        article.related_coops.add(coop)
        article.save_revision().publish()
        html = client.get(coop.url).content.decode()
        assert '<time datetime="2016-11-14">14 november 2016</time>' in html
        assert "(2016-11-14)" not in html

    def test_menu_button_is_a_disclosure_that_needs_no_script_to_reach_the_menu(
        self, client, home_page
    ):
        html = client.get("/").content.decode()
        # Hidden until the script enhances it; without script the menu is simply shown.
        assert (
            '<button type="button" class="menu-toggle" data-menu-toggle aria-controls="site-nav"'
            ' aria-expanded="false" hidden>' in html
        )
        assert 'id="site-nav"' in html

    def test_footer_shows_the_contact_details_from_the_settings(self, client, home_page):
        settings = SiteSettings.for_site(home_page.get_site())
        settings.contact_email = "info@socialecooperaties.nl"
        settings.contact_phone = "030 123 45 67"
        settings.save()
        footer = client.get("/").content.decode().split("<footer")[1]
        assert 'href="mailto:info@socialecooperaties.nl"' in footer
        assert 'href="tel:0301234567"' in footer


def test_the_agenda_follows_the_news_in_the_main_menu(client, news_index):
    news_index.show_in_menus = True
    news_index.save_revision().publish()
    html = client.get("/nieuws/agenda/").content.decode()
    menu = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert '<a href="/nieuws/" aria-current="true">Nieuws</a>' in menu
    assert '<a href="/nieuws/agenda/" aria-current="page">Agenda</a>' in menu
    menu = client.get("/nieuws/").content.decode().split('aria-label="Hoofdmenu"')[1]
    assert '<a href="/nieuws/" aria-current="page">Nieuws</a>' in menu
    assert '<a href="/nieuws/agenda/">Agenda</a>' in menu
    crumbs = html.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert '<a href="/nieuws/">Nieuws</a>' in crumbs and ">Agenda</span>" in crumbs


class TestNewsFiltersOnAPhone:
    def test_filters_are_a_panel_closed_until_used(self, client, news_index):
        article = NewsPageFactory(parent=news_index)
        html = client.get(news_index.url).content.decode()
        assert '<details class="filters-panel news-filters" data-open-when-wide>' in html
        assert "core/js/panels.js" in html  # opens it on a wide screen
        filtered = client.get(f"{news_index.url}?year={article.date.year}").content.decode()
        assert '<details class="filters-panel news-filters" data-open-when-wide open>' in filtered
