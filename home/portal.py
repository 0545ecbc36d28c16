"""The home page's sections: latest news, the next gatherings, the directory, shareholders.

Each section is one explicit queryset of its app, so the home page costs a fixed number of
queries whatever the number of articles, gatherings and entries (tests/test_home.py).
"""

from coops.models import CoopIndexPage, CoopPage
from news.models import NewsIndexPage, NewsPage

LATEST_NEWS = 4
NEXT_GATHERINGS = 3
SHAREHOLDERS = 12
#: The cards' image renditions (news/includes/item_card.html) in one query, not one per
#: card. All of an image's renditions: Wagtail looks only among prefetched ones, so a
#: filtered prefetch would make it create a rendition that already exists.
CARD_RENDITIONS = "image__renditions"


def latest_news(home, limit=LATEST_NEWS):
    return list(
        NewsPage.objects.live()
        .public()
        .descendant_of(home)
        .for_listing()
        .prefetch_related(CARD_RENDITIONS)
        .order_by("-date", "-pk")[:limit]
    )


def next_gatherings(news_index, now=None, limit=NEXT_GATHERINGS):
    if news_index is None:
        return []
    upcoming, _past = news_index.agenda(now=now)
    return list(upcoming.prefetch_related(CARD_RENDITIONS)[:limit])


def shareholders(home, limit=SHAREHOLDERS):
    """Entries with a municipality as social shareholder, by municipality."""
    return list(
        CoopPage.objects.live()
        .public()
        .descendant_of(home)
        .filter(social_shareholder__isnull=False)
        .with_cards()
        .order_by("social_shareholder__name", "title")[:limit]
    )


def sections(home, now=None):
    """Everything the portal shows, as template context."""
    news_index = NewsIndexPage.objects.live().public().descendant_of(home).first()
    directory = CoopIndexPage.objects.live().public().descendant_of(home).first()
    return {
        "news_index": news_index,
        "latest_news": latest_news(home),
        "next_gatherings": next_gatherings(news_index, now=now),
        "directory": directory,
        "coop_count": directory.entries().count() if directory else 0,
        "shareholders": shareholders(home),
    }
