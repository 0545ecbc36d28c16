"""Issue 13: the production task backend (django-tasks-db) and its real worker."""

import pytest

from django.core import mail
from django.core.management import call_command

from news.registration import register

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker commits, closes
def test_the_confirmation_waits_for_the_worker_and_the_worker_sends_it(open_conference, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    register(open_conference, {"name": "Anna de Vries", "email": "anna@example.org"})
    assert mail.outbox == []  # the visitor's request only stored a task
    mails = DBTaskResult.objects.filter(task_path="news.tasks.send_registration_mail")
    assert [task.status for task in mails] == ["READY"]

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")

    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert [task.status for task in mails.all()] == ["SUCCESSFUL"]


def test_dev_and_tests_run_tasks_at_once(open_conference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(open_conference, {"name": "Bram", "email": "bram@example.org"})
    assert [message.to for message in mail.outbox] == [["bram@example.org"]]
