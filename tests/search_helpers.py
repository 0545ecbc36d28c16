"""Pages to search in, one maker per page type.

Search tests are parametrized over PAGE_MAKERS, so a new page type joins every
Dutch-language test with one entry: a function (parent, text) -> live page whose
indexed text (not its title: each type's own search fields) contains `text`.
Titles are neutral ("Item 3") so that only `text` decides what a search finds.
"""

import itertools

import pytest

from coops.models import CoopIndexPage
from news.models import NewsIndexPage
from tests.factories.coops import CoopPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.news import ConferencePageFactory, NewsPageFactory

_numbers = itertools.count()


def neutral_title():
    return f"Item {next(_numbers)}"


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_standard_page(parent, text):
    return StandardPageFactory(parent=parent, intro=text)


def coop_index(home_page):
    index = CoopIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = publish_child(home_page, CoopIndexPage(title="Coöperaties", slug="cooperaties"))
    return index


def news_index(home_page):
    index = NewsIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = publish_child(home_page, NewsIndexPage(title="Nieuws", slug="nieuws"))
    return index


def make_coop_page(parent, text, title=None):
    """A directory entry that says `text` in its intro (CoopPage indexes intro, body, place)."""
    return CoopPageFactory(
        parent=coop_index(parent),
        title=title or neutral_title(),
        intro=text[:300],
        municipality=None,
    )


def make_news_page(parent, text):
    return NewsPageFactory(parent=news_index(parent), title=neutral_title(), intro=text)


def make_conference_page(parent, text):
    # Without the factory's venue in 's-Hertogenbosch: only `text` may match.
    return ConferencePageFactory(
        parent=news_index(parent),
        title=neutral_title(),
        intro=text,
        venue_name="",
        street="",
        postcode="",
        city="",
    )


PAGE_MAKERS = [
    pytest.param(make_standard_page, id="home.StandardPage"),
    pytest.param(make_coop_page, id="coops.CoopPage"),
    pytest.param(make_news_page, id="news.NewsPage"),
    pytest.param(make_conference_page, id="news.ConferencePage"),
]
