"""Signing up for a conference: the one place that decides whether a place is left.

Two people asking for the last place at the same moment must never both get it.
On PostgreSQL the conference row is locked (SELECT … FOR UPDATE) inside the
transaction, so the second request waits and then counts the first sign-up.
SQLite has no row locks; there the transaction starts with a write, which takes
SQLite's database-wide write lock before anything is counted.

The models come from the conference itself (`type(conference)`, `conference.registrations`),
so this module sits below news.models and news.views in the import order.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from core.tasks import after_commit
from news.tasks import send_registration_confirmation


class RegistrationClosed(Exception):
    """No sign-up possible; `status` says why (vol, gesloten, afgelopen)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class AlreadyRegistered(Exception):
    pass


def _lock_conference(conference):
    pages = type(conference)._base_manager
    pk = conference.pk
    if connection.vendor == "sqlite":
        # A no-op UPDATE: takes SQLite's write lock now rather than at the INSERT, so a
        # concurrent sign-up waits here instead of counting stale rows.
        pages.filter(pk=pk).update(registration_status=F("registration_status"))
        return pages.get(pk=pk)
    return pages.select_for_update(of=("self",)).get(pk=pk)


def register(conference, data, now=None):
    """Store a sign-up for `conference` and mail a confirmation; return the Registration.

    Raises RegistrationClosed when the conference is full, past its deadline or
    closed, and AlreadyRegistered when the email address has signed up before.
    """
    now = now or timezone.now()
    statuses = type(conference).RegistrationStatus
    registrations = conference.registrations.model.objects
    with transaction.atomic():
        locked = _lock_conference(conference)
        taken = registrations.filter(conference_id=locked.pk).count()
        status = locked.current_registration_status(now=now, count=taken)
        if not locked.builtin_registration:
            raise RegistrationClosed(statuses.CLOSED)
        if status != statuses.OPEN:
            raise RegistrationClosed(status)
        email = data["email"].strip()
        if registrations.filter(conference_id=locked.pk, email__iexact=email).exists():
            raise AlreadyRegistered
        try:
            with transaction.atomic():
                registration = registrations.create(
                    conference_id=locked.pk,
                    name=data["name"].strip(),
                    email=email,
                    organisation=data.get("organisation", "").strip(),
                    workshop=data.get("workshop", "") or "",
                    remarks=data.get("remarks", "").strip(),
                )
        except IntegrityError as error:
            raise AlreadyRegistered from error
        # The confirmation goes to the task worker once the sign-up is saved: a mail
        # server that fails never fails the visitor, who would retry and be told
        # "al aangemeld" without learning that the first attempt worked.
        after_commit(send_registration_confirmation, registration.pk)
    return registration
