"""Scheduled publishing and expiry happen when the scheduler process runs (Procfile: scheduler)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.core.management import call_command

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 11, 14, 9, 0, tzinfo=AMSTERDAM)
GO_LIVE = dt.datetime(2026, 11, 14, 10, 0, tzinfo=AMSTERDAM)


def api_titles(client):
    response = client.get("/api/v2/pages/", {"type": "home.StandardPage"})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def run_scheduler_once():
    call_command("run_scheduler", "--once", stdout=io.StringIO())


def test_page_goes_live_only_after_its_time_and_the_scheduler(client, home_page):
    with time_machine.travel(NOW, tick=False) as traveller:
        page = StandardPageFactory(
            parent=home_page, title="Manifestatie", live=False, go_live_at=GO_LIVE
        )
        # The editor's "publish" with a go-live time in the future schedules the revision.
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        assert page.scheduled_revision is not None

        run_scheduler_once()  # before the time: nothing happens
        assert client.get("/manifestatie/").status_code == 404
        assert "Manifestatie" not in api_titles(client)

        traveller.move_to(GO_LIVE + dt.timedelta(minutes=1))
        assert client.get("/manifestatie/").status_code == 404  # time alone does not publish
        run_scheduler_once()
        assert client.get("/manifestatie/").status_code == 200
        assert "Manifestatie" in api_titles(client)


def test_page_expires_after_its_time_and_the_scheduler(client, home_page):
    with time_machine.travel(NOW, tick=False) as traveller:
        page = StandardPageFactory(parent=home_page, title="Oproep", expire_at=GO_LIVE)
        page.save_revision().publish()
        assert client.get("/oproep/").status_code == 200

        run_scheduler_once()
        assert client.get("/oproep/").status_code == 200

        traveller.move_to(GO_LIVE + dt.timedelta(minutes=1))
        run_scheduler_once()
        page.refresh_from_db()
        assert not page.live
        assert page.expired
        assert client.get("/oproep/").status_code == 404
        assert "Oproep" not in api_titles(client)
