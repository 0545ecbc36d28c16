"""Signing up for a conference: the one place that decides whether a place is left.

Two people asking for the last place at the same moment must never both get it.
On PostgreSQL the conference row is locked (SELECT … FOR UPDATE) inside the
transaction, so the second request waits and then counts the first sign-up.
SQLite has no row locks; there the transaction starts with a write, which takes
SQLite's database-wide write lock before anything is counted.

The models come from the conference itself (`type(conference)`, `conference.registrations`),
so this module sits below news.models and news.views in the import order.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


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
        transaction.on_commit(lambda: send_confirmation_safely(registration, conference))
    return registration


def send_confirmation_safely(registration, conference):
    """Mail the confirmation; a mail server that fails is logged, never the visitor's error.

    The registration is saved by then: a 500 would make the visitor retry and be told
    "al aangemeld" without ever learning that the first attempt worked.
    """
    try:
        send_confirmation(registration, conference)
    except Exception:
        logger.exception(
            "Bevestiging van aanmelding %s (conferentie %s) niet verstuurd",
            registration.pk,
            conference.pk,
        )


def send_confirmation(registration, conference):
    context = {"registration": registration, "conference": conference}
    send_mail(
        subject=_("Aanmelding ontvangen: %(title)s") % {"title": conference.title},
        message=render_to_string("news/email/registration_confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[registration.email],
    )
