"""Feeds as readers and calendar apps parse them: RSS, Atom and iCalendar."""

import datetime
import zoneinfo

import feedparser
import pytest
from icalendar import Calendar

from news.models import ConferencePage
from tests.factories.news import ConferencePageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def news(news_index):
    tagged = NewsPageFactory(
        parent=news_index,
        title="De Vrije Uitloop",
        date=datetime.date(2016, 11, 14),
        intro="Breda.",
    )
    tagged.tags.add("Bijzonder Statuut")
    tagged.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Manifestatie", date=datetime.date(2017, 9, 1))
    NewsPageFactory(parent=news_index, title="Concept", live=False)
    private = NewsPageFactory(parent=news_index, title="Besloten")
    private.view_restrictions.create(restriction_type="login")
    return tagged


@pytest.mark.parametrize("path", ["rss/", "atom/"])
def test_feed_lists_public_news_newest_first(client, news_index, news, path):
    response = client.get(news_index.url + path)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == ("rss20" if path == "rss/" else "atom10")
    assert [entry.title for entry in feed.entries] == ["Manifestatie", "De Vrije Uitloop"]
    entry = feed.entries[1]
    assert entry.link == "http://testserver/nieuws/de-vrije-uitloop/"
    assert entry.summary == "Breda."
    assert entry.published_parsed[:3] == (2016, 11, 14)
    assert [tag.term for tag in entry.tags] == ["Bijzonder Statuut"]


@pytest.mark.parametrize("path", ["rss/", "atom/"])
def test_tag_feed_has_only_that_tag(client, news_index, news, path):
    feed = feedparser.parse(client.get(f"{news_index.url}tag/bijzonder-statuut/{path}").content)
    assert [entry.title for entry in feed.entries] == ["De Vrije Uitloop"]
    assert "Bijzonder Statuut" in feed.feed.title


FEEDS = ["rss/", "atom/"]


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_have_the_elements_readers_require(client, news_index, news, path):
    """What a feed validator checks first: RSS 2.0 channel/item, Atom feed/entry elements."""
    feed = feedparser.parse(client.get(news_index.url + path).content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title and feed.feed.link
    if path == "atom/":
        assert feed.feed.id and feed.feed.updated_parsed
        assert feed.feed.author == "Sociale Coöperaties"
    else:
        assert feed.feed.description
    for entry in feed.entries:
        assert entry.title and entry.link and entry.id
        if path == "atom/":
            # Atom: an author on every entry (the feed validator's error), updated, id.
            assert entry.author == "Sociale Coöperaties"
            assert entry.updated_parsed


@pytest.mark.parametrize("path", FEEDS)
def test_an_item_keeps_its_id_when_its_slug_changes(client, news_index, news, path):
    """Readers deduplicate on the GUID: a renamed page must not come back as a new item."""
    before = {
        e.title: e.id for e in feedparser.parse(client.get(news_index.url + path).content).entries
    }
    assert before["De Vrije Uitloop"].startswith("tag:")
    assert before["De Vrije Uitloop"].endswith(f":pagina-{news.pk}")
    news.slug = "vrije-uitloop-breda"
    news.save_revision().publish()
    entries = feedparser.parse(client.get(news_index.url + path).content).entries
    renamed = next(entry for entry in entries if entry.title == "De Vrije Uitloop")
    assert renamed.link.endswith("/vrije-uitloop-breda/")
    assert renamed.id == before["De Vrije Uitloop"]
    if path == "rss/":
        assert renamed.guidislink is False


@pytest.mark.parametrize("path", FEEDS)
def test_an_items_image_is_an_enclosure(client, news_index, news, image, path):
    news.image = image
    news.save_revision().publish()
    entries = feedparser.parse(client.get(news_index.url + path).content).entries
    with_image = next(entry for entry in entries if entry.title == "De Vrije Uitloop")
    [enclosure] = with_image.enclosures
    assert enclosure.href.startswith("http") and ".max-800x800" in enclosure.href
    assert enclosure.type == "image/png"
    assert int(enclosure.length) > 0
    without = next(entry for entry in entries if entry.title == "Manifestatie")
    assert without.enclosures == []


def _event(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    return calendar, events


def test_conference_ics_has_what_calendar_apps_need(client, news_index, time_machine):
    time_machine.move_to(datetime.datetime(2016, 12, 1, 10, tzinfo=AMSTERDAM), tick=False)
    page = ConferencePageFactory(
        parent=news_index, title="Tussen wil en wet", subtitle="Conferentie op 10 februari 2017"
    )
    page.save_revision().publish()
    response = client.get(page.url + "ical/")
    assert 'filename="' in response["Content-Disposition"]
    calendar, [event] = _event(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == datetime.datetime(2017, 2, 10, 9, 30, tzinfo=AMSTERDAM)
    assert event.decoded("DTEND") == datetime.datetime(2017, 2, 10, 17, 0, tzinfo=AMSTERDAM)
    assert str(event["LOCATION"]) == "De Gruyter Fabriek, Veemarktkade 8, 5222 AE 's-Hertogenbosch"
    assert str(event["URL"]) == "http://testserver/nieuws/tussen-wil-en-wet/"
    assert "Conferentie op 10 februari 2017" in str(event["DESCRIPTION"])
    uid, sequence, stamp = str(event["UID"]), int(event["SEQUENCE"]), event.decoded("DTSTAMP")

    time_machine.move_to(datetime.datetime(2016, 12, 20, 10, tzinfo=AMSTERDAM), tick=False)
    page = ConferencePage.objects.get(pk=page.pk)
    page.title = "Tussen wil en wet (gewijzigd)"
    page.save_revision().publish()
    _calendar, [again] = _event(client.get(page.url + "ical/"))
    assert str(again["UID"]) == uid
    assert int(again["SEQUENCE"]) > sequence
    assert again.decoded("DTSTAMP") > stamp


def test_agenda_ics_is_one_subscribable_calendar_without_drafts(client, news_index):
    ConferencePageFactory(parent=news_index, title="Eerste")
    ConferencePageFactory(parent=news_index, title="Tweede")
    ConferencePageFactory(parent=news_index, title="Concept", live=False)
    _calendar, events = _event(client.get(news_index.url + "agenda/ical/"))
    assert sorted(str(event["SUMMARY"]) for event in events) == ["Eerste", "Tweede"]
    assert len({str(event["UID"]) for event in events}) == 2
