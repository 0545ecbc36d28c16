"""The conference row lock that puts every change to its places in one line.

On PostgreSQL the conference row is locked (SELECT … FOR UPDATE) inside the transaction, so a
second request waits and then counts what the first wrote. SQLite has no row locks; there the
transaction starts with a write, which takes SQLite's database-wide write lock before anything
is counted.
"""

from django.db import connection
from django.db.models import F


def lock_conference(conference):
    """The conference, re-read under a lock held until the transaction ends."""
    pages = type(conference)._base_manager
    pk = conference.pk
    if connection.vendor == "sqlite":
        # A no-op UPDATE: takes SQLite's write lock now rather than at the INSERT, so a
        # concurrent sign-up waits here instead of counting stale rows.
        pages.filter(pk=pk).update(registration_status=F("registration_status"))
        return pages.get(pk=pk)
    return pages.select_for_update(of=("self",)).get(pk=pk)


def places_free(conference):
    """Free places of a locked conference (None: no maximum)."""
    if conference.registration_capacity is None:
        return None
    taken = conference.registrations.holding_a_place().count()
    return conference.registration_capacity - taken


def full_workshops(conference, session_ids, keep=()):
    """Of the chosen workshops of a locked conference, those without a place (ids).

    `keep`: the participant's own current choices, which they keep.
    """
    chosen = set(session_ids) - set(keep)
    return {
        session.pk
        for _round, sessions in conference.workshop_rounds()
        for session in sessions
        if session.pk in chosen and session.is_full()
    }
