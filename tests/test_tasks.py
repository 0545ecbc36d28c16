"""core.tasks: work after commit, retried when it fails, never failing the caller."""

import pytest

from core import tasks

calls = []


@tasks.background(retries=3)
def flaky(label, fail_times):
    calls.append(label)
    if len(calls) <= fail_times:
        raise ConnectionError("weg")


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()


def test_a_failing_task_is_retried_until_it_succeeds(caplog):
    flaky.enqueue("a", 2)
    assert calls == ["a", "a", "a"]
    assert "poging 2 mislukt" in caplog.text
    assert "opgegeven" not in caplog.text


def test_a_task_gives_up_after_its_retries_and_logs_an_error(caplog):
    flaky.enqueue("b", 10)
    assert calls == ["b", "b", "b"]
    assert "opgegeven na 3 pogingen" in caplog.text


def test_the_task_takes_the_functions_place_for_the_worker():
    assert flaky.module_path == "tests.test_tasks.flaky"


@pytest.mark.django_db
def test_after_commit_waits_for_the_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.after_commit(flaky, "c", 0)
        assert calls == []
    assert calls == ["c"]
