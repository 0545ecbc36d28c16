"""News and conferences: the page types and the built-in registration."""

from news.models.conference import (
    ConferencePage,
    ConferencePartner,
    ConferenceSession,
    ConferenceSpeaker,
    RegistrationStatus,
)
from news.models.pages import (
    NewsIndexPage,
    NewsItemPage,
    NewsItemTag,
    NewsPage,
    NewsSource,
)
from news.models.registration import Registration

__all__ = [
    "ConferencePage",
    "ConferencePartner",
    "ConferenceSession",
    "ConferenceSpeaker",
    "NewsIndexPage",
    "NewsItemPage",
    "NewsItemTag",
    "NewsPage",
    "NewsSource",
    "Registration",
    "RegistrationStatus",
]
