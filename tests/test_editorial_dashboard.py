"""The dashboard's upcoming conferences with their registration counts (issue 7)."""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.dashboard import UpcomingConferencesPanel
from news.models import Registration
from tests.factories.editorial import make_editor
from tests.factories.news import ConferencePageFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 14, 12, 0, tzinfo=dt.UTC)


def add_conference(index, title, days_ahead, *, capacity=None, sign_ups=0):
    start = NOW + dt.timedelta(days=days_ahead)
    conference = ConferencePageFactory(
        parent=index,
        title=title,
        start=start,
        end=start + dt.timedelta(hours=6),
        builtin_registration=capacity is not None,
        registration_capacity=capacity,
    )
    for n in range(sign_ups):
        Registration.objects.create(
            conference=conference, name=f"Deelnemer {n}", email=f"deelnemer{n}@example.nl"
        )
    return conference


def test_lists_upcoming_live_conferences_soonest_first_with_counts(news_index):
    add_conference(news_index, "Later", 40, capacity=50, sign_ups=1)
    add_conference(news_index, "Binnenkort", 10, capacity=2, sign_ups=2)
    add_conference(news_index, "Zonder aanmelding", 20)
    add_conference(news_index, "Voorbij", -10, capacity=10, sign_ups=3)
    add_conference(news_index, "Concept", 5).unpublish()

    conferences = UpcomingConferencesPanel().get_conferences(now=NOW)

    assert [(c.title, c.registration_count, c.registration_capacity) for c in conferences] == [
        ("Binnenkort", 2, 2),
        ("Zonder aanmelding", 0, None),
        ("Later", 1, 50),
    ]


def test_query_count_is_fixed(news_index):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            conferences = UpcomingConferencesPanel().get_conferences(now=NOW)
            [(c.title, c.start, c.registration_count) for c in conferences]
        return len(ctx.captured_queries)

    add_conference(news_index, "Een", 10, capacity=5, sign_ups=1)
    few = count_queries()
    for n in range(4):
        add_conference(news_index, f"Conferentie {n}", 20 + n, capacity=5, sign_ups=n)
    assert count_queries() == few == 1


def test_dashboard_shows_counts_and_capacity(client, news_index):
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    conference = ConferencePageFactory(
        parent=news_index,
        title="Tussen wil en wet",
        start=start,
        end=start + dt.timedelta(hours=6),
        builtin_registration=True,
        registration_capacity=75,
    )
    Registration.objects.create(conference=conference, name="Anna", email="anna@example.nl")
    client.force_login(make_editor())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Komende conferenties en aanmeldingen" in html
    assert "Tussen wil en wet" in html
    assert "1 / 75" in html
