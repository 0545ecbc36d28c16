"""News and conferences: the page types, the programme and the built-in registration."""

from news.models.conference import ConferencePage, RegistrationStatus
from news.models.index import NewsIndexPage
from news.models.mailings import ParticipantMessage, SentMail
from news.models.pages import NewsItemPage, NewsItemTag, NewsPage, NewsSource
from news.models.programme import ConferencePartner, ConferenceSession, ConferenceSpeaker
from news.models.registration import Registration
from news.models.retention import RegistrationTally

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
    "ParticipantMessage",
    "Registration",
    "RegistrationStatus",
    "RegistrationTally",
    "SentMail",
]
