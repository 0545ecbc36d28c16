"""Issue 15: a claim and the expiry of the same offer, at the same moment, on PostgreSQL.

The claimer clicks a second before the offer lapses; the scheduler, a second after, withdraws
it and offers the place to the next in line. Both read the offer before either writes. With
the conference row lock (news.registration.locking) one waits for the other and reads what it
wrote; without it the place is given twice (over capacity) or the claimer is told "bevestigd"
while the place went to someone else. Both threads pause at their first write until the other
arrives there too, or for at most two seconds (the lock keeps the second one out).
"""

import contextlib
import datetime
import threading
import zoneinfo

import pytest

from django.db import connection, connections

from news.models import ConferencePage, Registration
from news.registration import OfferNotAvailable, claim, expire_offers
from tests.factories.news import ConferencePageFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
OFFER_ENDS = datetime.datetime(2017, 1, 20, 12, tzinfo=AMSTERDAM)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def offered(news_index):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers database-wide")
    page = ConferencePageFactory(
        parent=news_index, builtin_registration=True, registration_capacity=1
    )
    page.save_revision().publish()
    conference = ConferencePage.objects.get(pk=page.pk)
    bert = Registration.objects.create(
        conference=conference,
        name="Bert",
        email="bert@example.org",
        status="aangeboden",
        offer_expires_at=OFFER_ENDS,
    )
    Registration.objects.create(
        conference=conference, name="Cees", email="cees@example.org", status="wachtlijst"
    )
    return bert


def race(monkeypatch, bert):
    """Claim (just in time) and expire (just late) at once; return the claim's outcome."""
    barrier = threading.Barrier(2)
    paused = threading.local()
    save = Registration.save

    def save_after_the_other_has_read(self, *args, **kwargs):
        if not getattr(paused, "done", False):
            paused.done = True
            # A broken barrier: the other thread waits for the lock, so go on alone.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=2)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Registration, "save", save_after_the_other_has_read)
    outcome = {}

    def claimer():
        try:
            claim(bert, OFFER_ENDS.timestamp(), now=OFFER_ENDS - SECOND)
            outcome["claim"] = "bevestigd"
        except OfferNotAvailable:
            outcome["claim"] = "geweigerd"
        finally:
            connections.close_all()

    def scheduler():
        try:
            expire_offers(Registration.objects, now=OFFER_ENDS + SECOND)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claimer), threading.Thread(target=scheduler)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcome.get("claim")


def consistent(claimed, bert):
    statuses = dict(Registration.objects.values_list("name", "status"))
    held = Registration.objects.holding_a_place().count()
    if claimed == "bevestigd":
        return held <= 1 and statuses == {"Bert": "bevestigd", "Cees": "wachtlijst"}
    return held <= 1 and statuses == {"Bert": "verlopen", "Cees": "aangeboden"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_claim_and_the_expiry_of_the_same_offer_never_give_the_place_twice(monkeypatch, offered):
    claimed = race(monkeypatch, offered)
    assert claimed in ("bevestigd", "geweigerd")
    assert consistent(claimed, offered)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_the_conference_lock_the_same_race_goes_wrong(monkeypatch, offered):
    """The test above is meaningful: the same race without the lock breaks either way."""
    monkeypatch.setattr(
        "news.registration.waitlist.lock_conference",
        lambda conference: type(conference)._base_manager.get(pk=conference.pk),
    )
    claimed = race(monkeypatch, offered)
    assert not consistent(claimed, offered)
