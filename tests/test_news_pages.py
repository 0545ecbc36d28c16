"""News and conference pages: tree rules, the listing, the agenda and what pages say."""

import datetime
import json
import re
import zoneinfo

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from coops.models import Theme
from home.models import HomePage, StandardPage
from news.models import (
    ConferencePage,
    ConferenceSession,
    ConferenceSpeaker,
    NewsIndexPage,
    NewsItemPage,
    NewsPage,
)
from tests.factories.news import ConferencePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2017, 1, 15, 12, 0, tzinfo=AMSTERDAM)


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=AMSTERDAM)


def can_create_at(parent_class, child_class):
    return child_class in parent_class.allowed_subpage_models() and (
        parent_class in child_class.allowed_parent_page_models()
    )


def titles(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


# Tree rules ------------------------------------------------------------------


def test_news_index_lives_under_the_home_page_only_once(news_index):
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert not can_create_at(StandardPage, NewsIndexPage)
    assert not NewsIndexPage.can_create_at(news_index.get_parent())  # max_count = 1


def test_news_and_conferences_live_under_the_index_only():
    assert set(NewsIndexPage.allowed_subpage_models()) == {NewsPage, ConferencePage}
    for model in (NewsPage, ConferencePage):
        assert model.allowed_parent_page_models() == [NewsIndexPage]
        assert model.allowed_subpage_models() == []
        assert not can_create_at(HomePage, model)
    assert not NewsItemPage.is_creatable


# Listing, filters, pagination ----------------------------------------------


def test_listing_shows_news_and_conferences_newest_first_12_per_page(client, news_index):
    for n in range(14):
        NewsPageFactory(
            parent=news_index, title=f"Bericht {n:02d}", date=datetime.date(2020, 1, n + 1)
        )
    ConferencePageFactory(parent=news_index, title="De conferentie", date=datetime.date(2021, 1, 1))
    html = client.get(news_index.url).content.decode()
    assert titles(html)[:3] == ["De conferentie", "Bericht 13", "Bericht 12"]
    assert len(titles(html)) == 12
    assert "Pagina 1 van 2" in html
    second = client.get(news_index.url + "?page=2").content.decode()
    assert titles(second) == ["Bericht 02", "Bericht 01", "Bericht 00"]


@pytest.mark.parametrize("bad", ["abc", "0", "-1", "999", "1.5", "%00"])
def test_bad_page_parameter_is_never_an_error(client, news_index, bad):
    NewsPageFactory(parent=news_index, title="Enig bericht")
    response = client.get(news_index.url, {"page": bad})
    assert response.status_code == 200
    assert titles(response.content.decode()) == ["Enig bericht"]


def test_filters_by_tag_theme_and_year_and_pagination_keeps_them(client, news_index):
    work = Theme.objects.get(slug="werk")
    for n in range(13):
        page = NewsPageFactory(
            parent=news_index, title=f"Werk {n:02d}", date=datetime.date(2016, 1, n + 1)
        )
        page.tags.add("Breda")
        page.themes.add(work)
        page.save_revision().publish()
    other = NewsPageFactory(parent=news_index, title="Ander jaar", date=datetime.date(2017, 3, 1))
    other.tags.add("Breda")
    other.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Zonder tag", date=datetime.date(2016, 5, 1))

    html = client.get(
        news_index.url, {"tag": "breda", "theme": "werk", "year": "2016"}
    ).content.decode()
    assert len(titles(html)) == 12 and "Ander jaar" not in html and "Zonder tag" not in html
    assert "?tag=breda&amp;theme=werk&amp;year=2016&amp;page=2" in html
    second = client.get(
        news_index.url, {"tag": "breda", "theme": "werk", "year": "2016", "page": 2}
    )
    assert titles(second.content.decode()) == ["Werk 00"]
    assert titles(client.get(news_index.url, {"year": "2017"}).content.decode()) == ["Ander jaar"]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"tag": "bestaat-niet"},
        {"theme": "<script>"},
        {"year": ["2016", "x"]},
    ],
)
def test_bad_filters_are_ignored_with_a_message_never_a_500(client, news_index, params):
    NewsPageFactory(parent=news_index, title="Altijd zichtbaar", date=datetime.date(2016, 1, 1))
    response = client.get(news_index.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == ["Altijd zichtbaar"]
    assert 'role="alert"' in html and "<script>" not in html.split("<main")[1]


def test_drafts_and_private_items_never_listed(client, news_index):
    NewsPageFactory(parent=news_index, title="Openbaar bericht")
    NewsPageFactory(parent=news_index, title="Concept bericht", live=False)
    private = NewsPageFactory(parent=news_index, title="Besloten bericht")
    private.view_restrictions.create(restriction_type="login")
    ConferencePageFactory(
        parent=news_index, title="Concept conferentie", live=False, end=at(2030, 1, 1)
    )
    html = client.get(news_index.url).content.decode()
    assert titles(html) == ["Openbaar bericht"]
    agenda = client.get(news_index.url + "agenda/").content.decode()
    assert "Concept conferentie" not in agenda


def _count(client, url):
    client.get(url)  # warm Wagtail's site-root cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _fill(news_index, start, stop):
    """News and conferences alternately, all tagged, until there are `stop` items."""
    for i in range(start, stop):
        if i % 2:
            day = at(2017, 1, 1) + datetime.timedelta(days=i)
            ConferencePageFactory(
                parent=news_index,
                title=f"Bijeenkomst {i}",
                start=day,
                end=day + datetime.timedelta(hours=7),
            )
        else:
            page = NewsPageFactory(parent=news_index, title=f"Vulling {i}")
            page.tags.add("breda")
            page.save_revision().publish()


LISTINGS = {
    "": 14,
    "agenda/": 11,
    "rss/": 9,
    "atom/": 9,
    "tag/breda/rss/": 11,
    "agenda/ical/": 9,
}


@pytest.mark.usefixtures("no_page_cache")
def test_listings_run_in_a_fixed_number_of_queries(client, news_index):
    """News index, agenda, feeds and calendar: no query per item (2 items, then 14: paginated)."""
    _fill(news_index, 0, 2)
    few = {path: _count(client, news_index.url + path) for path in LISTINGS}
    _fill(news_index, 2, 14)
    many = {path: _count(client, news_index.url + path) for path in LISTINGS}
    assert few == many == LISTINGS


# Agenda --------------------------------------------------------------------


def test_agenda_splits_at_now_upcoming_soonest_first_then_past(client, news_index, time_machine):
    time_machine.move_to(NOW, tick=False)
    ConferencePageFactory(
        parent=news_index, title="Later", start=at(2017, 6, 1), end=at(2017, 6, 1, 17)
    )
    ConferencePageFactory(
        parent=news_index, title="Straks", start=at(2017, 2, 10), end=at(2017, 2, 10, 17)
    )
    ConferencePageFactory(
        parent=news_index, title="Bezig", start=at(2017, 1, 15, 9), end=at(2017, 1, 15, 17)
    )
    ConferencePageFactory(
        parent=news_index, title="Vorig jaar", start=at(2016, 3, 1), end=at(2016, 3, 1, 17)
    )
    ConferencePageFactory(
        parent=news_index, title="Net geweest", start=at(2017, 1, 2), end=at(2017, 1, 2, 17)
    )
    html = client.get(news_index.url + "agenda/").content.decode()
    upcoming, past = html.split('id="geweest"')
    found = re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', upcoming)
    assert found == ["Bezig", "Straks", "Later"]
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', past) == ["Net geweest", "Vorig jaar"]
    time_machine.move_to(at(2017, 3, 1), tick=False)
    later = client.get(news_index.url + "agenda/").content.decode().split('id="geweest"')[0]
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', later) == ["Later"]


# Conference page and validation ----------------------------------------------


def test_conference_validation_speaks_dutch():
    page = ConferencePage(title="X", slug="x", start=at(2017, 2, 10, 17), end=at(2017, 2, 10, 9))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["end"] == ["Het einde moet na het begin liggen."]
    page = ConferencePage(
        title="X",
        slug="x",
        start=at(2017, 2, 10),
        end=at(2017, 2, 10, 17),
        registration_url="https://example.org",
        builtin_registration=True,
        registration_deadline=at(2017, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"registration_url", "registration_deadline"}
    session = ConferenceSession(start_time=datetime.time(11), end_time=datetime.time(10), title="W")
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "De eindtijd moet na de begintijd liggen." in error.value.message_dict["end_time"]


def test_editor_tabs_have_dutch_headings():
    headings = [str(child.heading) for child in ConferencePage.edit_handler.children]
    assert headings[:5] == ["Inhoud", "Programma", "Sprekers en partners", "Aanmelden", "Promotie"]


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def og(html):
    return dict(re.findall(r'<meta property="(og:[a-z_:]+)" content="([^"]*)">', html))


def test_conference_page_shows_facts_event_json_ld_and_open_graph(client, news_index, time_machine):
    time_machine.move_to(NOW, tick=False)
    page = ConferencePageFactory(
        parent=news_index, title="Tussen wil en wet", intro="Sociaal ondernemen."
    )
    page.speakers = [ConferenceSpeaker(name="Pieter Hilhorst", role="politicoloog en publicist")]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "De Gruyter Fabriek, Veemarktkade 8, 5222 AE &#x27;s-Hertogenbosch" in html
    assert "€ 75 per deelnemer" in html and "Zet in mijn agenda" in html
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2017-02-10T09:30:00+01:00"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Veemarktkade 8",
        "postalCode": "5222 AE",
        "addressLocality": "'s-Hertogenbosch",
        "addressCountry": "NL",
    }
    assert data["offers"]["price"] == "75.00" and data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["performer"][0] == {
        "@type": "Person",
        "name": "Pieter Hilhorst",
        "jobTitle": "politicoloog en publicist",
    }
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    tags = og(html)
    assert tags["og:title"] == "Tussen wil en wet" and tags["og:url"] == page.full_url


def test_free_conference_says_gratis(client, news_index):
    page = ConferencePageFactory(parent=news_index, price=0)
    assert "Gratis" in client.get(page.url).content.decode()


def test_news_page_has_news_article_json_ld_open_graph_and_related_coops(client, news_index):
    page = NewsPageFactory(
        parent=news_index, title="De Vrije Uitloop", date=datetime.date(2016, 11, 14)
    )
    html = client.get(page.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "De Vrije Uitloop"
    assert data["datePublished"].startswith("2016-11-14T")  # a datetime with offset
    assert og(html)["og:type"] == "article"


def test_index_advertises_its_feeds(client, news_index):
    html = client.get(news_index.url + "?tag=breda").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/nieuws/atom/"' in html and 'type="text/calendar"' in html


def test_unknown_page_under_index_is_404(client, news_index):
    assert client.get(news_index.url + "bestaat-niet/").status_code == 404
    assert client.get(news_index.url + "tag/bestaat-niet/rss/").status_code == 404


def test_page_model_tree_is_sound(news_index):
    NewsPageFactory(parent=news_index)
    assert Page.find_problems() == ([], [], [], [], [])
