"""Issue 15: personal data that expires (purge after the retention period) and one person's data."""

import datetime
import json
import zoneinfo

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from news.models import ConferencePage, ConferenceSession, Registration, RegistrationTally
from news.models.retention import months_after
from news.registration import register
from tests.factories.home import StandardPageFactory
from tests.factories.news import open_conference, workshop
from tests.test_news_waitlist import mail_at_once  # noqa: F401 (fixture)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
BEFORE = datetime.datetime(2017, 1, 15, 12, tzinfo=AMSTERDAM)
END = datetime.datetime(2017, 2, 10, 17, tzinfo=AMSTERDAM)


@pytest.fixture
def conference(news_index, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    programme = [workshop("Wijkbudget")]
    conference = open_conference(news_index, programme, registration_capacity=2, price=0)
    wijk = ConferenceSession.objects.get()
    register(conference, {"name": "Anna", "email": "anna@example.org"}, workshops=[wijk.pk])
    register(conference, {"name": "Bert", "email": "bert@example.org"})
    register(conference, {"name": "Cees", "email": "cees@example.org"})  # waiting
    Registration.objects.filter(name="Anna").update(checked_in_at=END)
    return conference


def test_months_after_keeps_the_day_or_takes_the_last_of_the_month():
    assert months_after(END, 6) == datetime.datetime(2017, 8, 10, 17, tzinfo=AMSTERDAM)
    last_of_august = datetime.datetime(2017, 8, 31, tzinfo=AMSTERDAM)
    assert months_after(last_of_august, 6) == datetime.datetime(2018, 2, 28, tzinfo=AMSTERDAM)


@pytest.mark.django_db
def test_purge_erases_personal_data_after_the_retention_period_and_keeps_counts(
    conference, time_machine
):
    time_machine.move_to(months_after(END, 6) - datetime.timedelta(minutes=1), tick=False)
    call_command("purge_registrations", stdout=None)
    assert Registration.objects.count() == 3

    time_machine.move_to(months_after(END, 6), tick=False)
    call_command("run_scheduler", "--once", stdout=None)
    assert not Registration.objects.exists()
    tallies = {
        (t.workshop_title, t.status): (t.count, t.checked_in)
        for t in RegistrationTally.objects.filter(conference=conference)
    }
    assert tallies == {
        ("", "bevestigd"): (2, 1),
        ("", "wachtlijst"): (1, 0),
        ("Wijkbudget", "bevestigd"): (1, 1),
    }
    for tally in RegistrationTally.objects.all():
        assert "anna" not in str(tally.__dict__).lower()
    call_command("purge_registrations", stdout=None)  # a second run changes nothing
    assert RegistrationTally.objects.count() == 3


@pytest.mark.django_db
def test_the_retention_period_is_set_per_conference(conference, time_machine):
    ConferencePage.objects.filter(pk=conference.pk).update(retention_months=1)
    time_machine.move_to(months_after(END, 1), tick=False)
    call_command("purge_registrations", "--dry-run", stdout=None)
    assert Registration.objects.count() == 3
    call_command("purge_registrations", stdout=None)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_the_form_says_how_long_data_is_kept_and_links_the_privacy_statement(
    client, conference, home_page
):
    html = client.get(conference.url).content.decode()
    assert "wissen ze 6 maanden na afloop, op 10 augustus 2017." in html
    assert "privacyverklaring" not in html
    privacy = StandardPageFactory(parent=home_page, title="Privacyverklaring", slug="privacy")
    ConferencePage.objects.filter(pk=conference.pk).update(privacy_page=privacy)
    html = client.get(conference.url).content.decode()
    assert '<a href="/privacy/">Lees onze privacyverklaring</a>' in html
    privacy.unpublish()
    assert "privacyverklaring" not in client.get(conference.url).content.decode()


@pytest.mark.django_db
def test_an_editor_exports_one_persons_data_and_a_moderator_erases_it(client, conference):
    editor = get_user_model().objects.create_user("editor", "e@example.org", "x")
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    client.force_login(editor)
    url = "/admin/deelnemers/persoon/"
    page = client.get(url, {"email": "ANNA@example.org"}).content.decode()
    assert "Tussen wil en wet" in page and "Wissen" not in page
    export = client.get(url, {"email": "anna@example.org", "export": "json"})
    data = json.loads(export.content)
    [registration] = data["registrations"]
    assert registration["name"] == "Anna" and registration["workshops"] == ["Wijkbudget"]
    assert registration["mails"] == [] and registration["checked_in_at"].startswith("2017-02-10")
    client.post(url, {"email": "anna@example.org", "confirm": "1"})
    assert Registration.objects.filter(name="Anna").exists()  # editors can't erase

    moderator = get_user_model().objects.create_user("mod", "m@example.org", "x")
    moderator.groups.add(Group.objects.get(name="Moderatoren"))
    client.force_login(moderator)
    client.post(url, {"email": "anna@example.org", "confirm": "1"})
    assert not Registration.objects.filter(email="anna@example.org").exists()
    # Her place went to the first on the waiting list.
    assert Registration.objects.get(name="Cees").status == "aangeboden"
