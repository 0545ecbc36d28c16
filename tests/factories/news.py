import datetime
import zoneinfo

import factory
import wagtail_factories

from news.models import (
    ConferencePage,
    ConferencePartner,
    ConferenceSession,
    ConferenceSpeaker,
    NewsIndexPage,
    NewsPage,
    Registration,
)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nieuws"
    slug = "nieuws"
    intro = "Nieuws van de sociale coöperaties."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bericht {n}")
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    intro = "Een korte samenvatting."

    class Meta:
        model = NewsPage


class ConferencePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Conferentie {n}")
    date = datetime.date(2016, 12, 1)
    start = datetime.datetime(2017, 2, 10, 9, 30, tzinfo=AMSTERDAM)
    end = datetime.datetime(2017, 2, 10, 17, 0, tzinfo=AMSTERDAM)
    venue_name = "De Gruyter Fabriek"
    street = "Veemarktkade 8"
    postcode = "5222 AE"
    city = "'s-Hertogenbosch"
    price = 75
    price_note = "per deelnemer"

    class Meta:
        model = ConferencePage


class ConferenceSessionFactory(factory.django.DjangoModelFactory):
    """A programme item of `page` (pass a ConferencePage)."""

    title = factory.Sequence(lambda n: f"Onderdeel {n}")
    start_time = datetime.time(9, 30)
    end_time = datetime.time(10, 30)
    kind = ConferenceSession.Kind.PLENARY

    class Meta:
        model = ConferenceSession


def workshop(title, round_=1, capacity=None, host=""):
    """An unsaved workshop for a programme: round 1 at 13:00, round 2 at 15:00, an hour each."""
    hour = 13 if round_ == 1 else 15
    return ConferenceSession(
        start_time=datetime.time(hour),
        end_time=datetime.time(hour + 1),
        title=title,
        kind=ConferenceSession.Kind.WORKSHOP,
        round=round_,
        capacity=capacity,
        speakers=host,
    )


def open_conference(parent, programme=(), **fields):
    """A live conference with the built-in registration form, read back from the database."""
    fields = {"title": "Tussen wil en wet", "builtin_registration": True, **fields}
    page = ConferencePageFactory(parent=parent, **fields)
    page.programme = list(programme)
    page.save_revision().publish()
    return ConferencePage.objects.get(pk=page.pk)


class ConferenceSpeakerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Spreker {n}")
    role = "dagvoorzitter"
    organisation = "Movisie"

    class Meta:
        model = ConferenceSpeaker


class ConferencePartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")
    url = "https://example.org/"

    class Meta:
        model = ConferencePartner


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A sign-up for `conference` (pass a ConferencePage with builtin_registration)."""

    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")
    organisation = "Gemeente Breda"

    class Meta:
        model = Registration
