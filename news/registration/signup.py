"""Signing up: a place while there is one, else a place on the waiting list.

Two people asking for the last place at the same moment must never both get it: the count
and the insert happen under the conference lock (news.registration.locking).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.tasks import after_commit
from news.forms import INVOICE_FIELDS
from news.registration.locking import full_workshops, lock_conference, places_free
from news.tasks import send_registration_mail


class RegistrationClosed(Exception):
    """No sign-up possible; `status` says why (gesloten, afgelopen)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class AlreadyRegistered(Exception):
    pass


class WorkshopFull(Exception):
    """A chosen workshop has no place left; `sessions` are their ids."""

    def __init__(self, sessions):
        super().__init__(sessions)
        self.sessions = sessions


# What a participant may fill in and change later through their own link (and the workshops).
CHANGEABLE_FIELDS = ("name", "organisation", "dietary")
# What the sign-up form asks besides (the invoice fields only with a price).
STORED_FIELDS = (*CHANGEABLE_FIELDS, "remarks", *INVOICE_FIELDS)


def cleaned_values(data, fields):
    return {field: (data.get(field) or "").strip() for field in fields if field in data}


def register(conference, data, workshops=(), now=None):
    """Store a sign-up for `conference`, mail it after commit; return the Registration.

    When the conference is full the sign-up goes on the waiting list (status "wachtlijst").
    `workshops` are the chosen sessions' ids. Raises WorkshopFull when one has no place left,
    RegistrationClosed when the conference is past its deadline or closed, and
    AlreadyRegistered when the e-mail address has an active sign-up already.
    """
    now = now or timezone.now()
    statuses = type(conference).RegistrationStatus
    registrations = conference.registrations.model.objects
    status_of = conference.registrations.model.Status
    with transaction.atomic():
        locked = lock_conference(conference)
        free = places_free(locked)
        status = locked.current_registration_status(
            now=now, count=None if free is None else locked.registration_capacity - free
        )
        if not locked.builtin_registration:
            raise RegistrationClosed(statuses.CLOSED)
        if status not in (statuses.OPEN, statuses.FULL):
            raise RegistrationClosed(status)
        email = data["email"].strip()
        active = registrations.filter(status__in=status_of.ACTIVE)
        if active.filter(conference_id=locked.pk, email__iexact=email).exists():
            raise AlreadyRegistered
        # Nobody jumps the queue: with people waiting, a newcomer waits too.
        full = free is not None and (
            free <= 0 or registrations.waiting().filter(conference_id=locked.pk).exists()
        )
        full_sessions = full_workshops(locked, workshops)
        if full_sessions:
            raise WorkshopFull(full_sessions)
        try:
            with transaction.atomic():
                registration = registrations.create(
                    conference_id=locked.pk,
                    email=email,
                    status=status_of.WAITING if full else status_of.CONFIRMED,
                    **cleaned_values(data, STORED_FIELDS),
                )
        except IntegrityError as error:
            raise AlreadyRegistered from error
        registration.workshops.set(workshops)
        kind = "waiting" if full else "confirmation"
        after_commit(send_registration_mail, registration.pk, kind)
    return registration


def change(registration, data, workshops, now=None):
    """Store a participant's changes (their own link); raises WorkshopFull like `register`."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_conference(registration.conference)
        current = set(registration.workshops.values_list("pk", flat=True))
        full_sessions = full_workshops(locked, workshops, keep=current)
        if full_sessions:
            raise WorkshopFull(full_sessions)
        type(registration).objects.filter(pk=registration.pk).update(
            changed_at=now, **cleaned_values(data, CHANGEABLE_FIELDS)
        )
        registration.workshops.set(workshops)
