"""Issue 13: the production task backend (django-tasks-db) and its real worker."""

import datetime
import zoneinfo

import pytest

from django.core import mail
from django.core.management import call_command

from news.registration import register
from tests.factories.news import ConferencePageFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def conference(news_index):
    page = ConferencePageFactory(
        parent=news_index,
        builtin_registration=True,
        registration_capacity=10,
        registration_deadline=datetime.datetime(2099, 2, 1, tzinfo=AMSTERDAM),
        start=datetime.datetime(2099, 2, 10, 10, tzinfo=AMSTERDAM),
        end=datetime.datetime(2099, 2, 10, 17, tzinfo=AMSTERDAM),
    )
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection
def test_the_confirmation_waits_for_the_worker_and_the_worker_sends_it(conference, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    register(conference, {"name": "Anna de Vries", "email": "anna@example.org"})
    assert mail.outbox == []  # the visitor's request only stored a task
    mails = DBTaskResult.objects.filter(task_path="news.tasks.send_registration_confirmation")
    assert [task.status for task in mails] == ["READY"]

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")

    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert [task.status for task in mails.all()] == ["SUCCESSFUL"]


def test_dev_and_tests_run_tasks_at_once(conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(conference, {"name": "Bram", "email": "bram@example.org"})
    assert [message.to for message in mail.outbox] == [["bram@example.org"]]
