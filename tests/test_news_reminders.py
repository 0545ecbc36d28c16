"""Issue 15: reminders before the conference and organisers' messages; each mail once, logged."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from news.models import ConferencePage, ParticipantMessage, Registration, SentMail
from news.registration import register
from tests.factories.news import ConferencePageFactory
from tests.test_news_waitlist import mail_at_once  # noqa: F401 (fixture)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
START = datetime.datetime(2017, 2, 10, 9, 30, tzinfo=AMSTERDAM)


@pytest.fixture
def conference(news_index, time_machine):
    time_machine.move_to(datetime.datetime(2017, 1, 15, 12, tzinfo=AMSTERDAM), tick=False)
    page = ConferencePageFactory(
        parent=news_index,
        title="Tussen wil en wet",
        builtin_registration=True,
        registration_capacity=1,
        reminder_days_before=3,
    )
    page.save_revision().publish()
    conference = ConferencePage.objects.get(pk=page.pk)
    register(conference, {"name": "Anna", "email": "anna@example.org"})
    register(conference, {"name": "Bert", "email": "bert@example.org"})  # waiting list
    mail.outbox.clear()
    return conference


def remind():
    call_command("send_reminders", stdout=None)


@pytest.mark.django_db
def test_reminders_go_the_configured_days_before_once_to_confirmed_participants(
    conference, time_machine
):
    time_machine.move_to(START - datetime.timedelta(days=3, minutes=1), tick=False)
    remind()
    assert mail.outbox == []

    time_machine.move_to(START - datetime.timedelta(days=3), tick=False)
    remind()
    [reminder] = mail.outbox
    assert reminder.to == ["anna@example.org"]  # not Bert, who is waiting
    assert reminder.subject == "Herinnering: Tussen wil en wet"
    assert "De Gruyter Fabriek, Veemarktkade 8" in reminder.body
    assert "/aanmelding/?code=" in reminder.body
    [(filename, content, mimetype)] = reminder.attachments
    assert (filename, mimetype) == ("tussen-wil-en-wet.ics", "text/calendar")
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["location"]).startswith("De Gruyter Fabriek")
    assert SentMail.objects.get().key == "herinnering"

    time_machine.move_to(START - datetime.timedelta(days=1), tick=False)
    remind()
    call_command("run_scheduler", "--once", stdout=None)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_reminder_when_switched_off_or_after_the_start(conference, time_machine):
    ConferencePage.objects.filter(pk=conference.pk).update(reminder_days_before=None)
    time_machine.move_to(START - datetime.timedelta(days=1), tick=False)
    remind()
    ConferencePage.objects.filter(pk=conference.pk).update(reminder_days_before=3)
    time_machine.move_to(START + datetime.timedelta(minutes=1), tick=False)
    remind()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failing_mail_server_is_retried_and_logs_only_what_went(
    conference, time_machine, monkeypatch
):
    time_machine.move_to(START - datetime.timedelta(days=2), tick=False)
    attempts = []

    def broken(self, *args, **kwargs):
        attempts.append(1)
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    remind()
    assert len(attempts) == 3 and not SentMail.objects.exists()
    monkeypatch.undo()
    remind()
    assert len(mail.outbox) == 1 and SentMail.objects.count() == 1


@pytest.mark.django_db
def test_an_organiser_sends_a_message_to_all_confirmed_participants_once(
    client, conference, django_capture_on_commit_callbacks
):
    admin = get_user_model().objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/participant_messages/new/",
            {
                "conference": conference.pk,
                "subject": "Het programma staat online",
                "body": "Kies uw workshop via de link.",
            },
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["anna@example.org"] and message.subject == "Het programma staat online"
    assert "Kies uw workshop via de link." in message.body
    sent = ParticipantMessage.objects.get()
    assert sent.created_by == admin
    assert SentMail.objects.get().key == f"bericht-{sent.pk}"
    # Running the task again (a retry) sends nothing twice.
    from news.tasks import send_participant_message

    send_participant_message.enqueue(sent.pk)
    assert len(mail.outbox) == 1
    assert Registration.objects.get(email="bert@example.org").sent_mails.count() == 0
