"""The home page as a portal: news, gatherings, the directory and the social shareholders."""

import datetime

import pytest
from wagtail_factories import ImageFactory

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coops.models import Municipality
from tests.factories.coops import CoopPageFactory
from tests.factories.news import ConferencePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def fill(news_index, coop_index, n, offset=0):
    """`n` news articles (with images), upcoming gatherings and shareholder entries."""
    breda = Municipality.objects.get(code="GM0758")
    for i in range(offset, offset + n):
        NewsPageFactory(
            parent=news_index,
            title=f"Bericht {i}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            image=ImageFactory(title=f"Beeld {i}"),
        )
        start = timezone.now() + datetime.timedelta(days=10 + i)
        ConferencePageFactory(
            parent=news_index,
            title=f"Bijeenkomst {i}",
            start=start,
            end=start + datetime.timedelta(hours=3),
            image=ImageFactory(title=f"Zaal {i}"),
        )
        CoopPageFactory(parent=coop_index, title=f"Coöperatie {i}", social_shareholder=breda)


def home_queries(client):
    client.get("/")  # warm the site-root cache, the menu and the renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.usefixtures("no_page_cache")
def test_home_page_queries_do_not_grow_with_news_gatherings_or_entries(
    client, news_index, coop_index
):
    fill(news_index, coop_index, 2)
    few, _html = home_queries(client)
    fill(news_index, coop_index, 4, offset=2)
    many, html = home_queries(client)
    # 24 whatever the number: the 13 of the empty portal (test_home.py) plus the
    # prefetches that run only when a section has rows (the latest news' tags, themes,
    # coöperaties, sources and renditions, the gatherings' renditions, the shareholders'
    # themes) and Wagtail's view-restriction lookups; no card adds a query of its own.
    assert (few, many) == (24, 24), [few, many]
    assert html.count('class="card__title"') == 4  # the latest four of six articles
    assert html.count('class="agenda-item"') == 3  # the next three gatherings
    assert "6 coöperaties in het overzicht" in html


def test_home_page_shows_each_section_with_links(client, news_index, coop_index):
    fill(news_index, coop_index, 1)
    html = client.get("/").content.decode()
    assert 'id="home-news"' in html and ">Bericht 0</a>" in html
    assert "Bijeenkomst 0" in html and 'href="/nieuws/agenda/"' in html
    assert 'action="/cooperaties/"' in html and "1 coöperatie in het overzicht" in html
    assert "Gemeente Breda" in html and ">Coöperatie 0</a>" in html
    assert 'srcset="' in html  # card images come in two sizes


def test_empty_sections_have_sensible_defaults(client, news_index):
    html = client.get("/").content.decode()
    assert "Er is nog geen nieuws." in html
    assert "Geen komende bijeenkomsten." in html
    assert "Bekijk de agenda met eerdere bijeenkomsten" in html
    assert 'id="home-shareholders"' not in html  # no shareholders: no section


def test_past_gatherings_are_not_on_the_home_page(client, news_index):
    ConferencePageFactory(parent=news_index, title="Tussen wil en wet")  # 2017
    html = client.get("/").content.decode()
    assert "Tussen wil en wet" not in html.split('id="home-agenda"')[1].split("</section>")[0]


def test_editors_choose_the_headings(client, home_page, news_index):
    home_page.news_heading = "Uit de beweging"
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert ">Uit de beweging</h2>" in html


def test_every_page_has_a_description_and_social_tags(client, home_page):
    html = client.get("/").content.decode()
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title"' in html and '<meta name="twitter:card"' in html
    assert 'rel="icon"' in html
