"""The waiting list: a cancelled place goes to the first in line, who has a while to claim it.

Each step locks the conference row first (news.registration.locking), so a cancellation, a
claim and the expiry of an offer for one conference never interleave: the places held
(confirmed plus offered) never exceed the maximum.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.tasks import after_commit
from news.registration.locking import full_workshops, lock_conference, places_free
from news.tasks import send_registration_mail


class CancellationClosed(Exception):
    """The cancellation deadline has passed."""


class OfferNotAvailable(Exception):
    """The offer was claimed, withdrawn or has expired."""


def _fresh(registration):
    """The registration re-read inside the locked transaction."""
    return type(registration).objects.get(pk=registration.pk)


def offer_free_places(conference, now):
    """Offer each free place of a locked conference to the next in line; return the offers."""
    free = places_free(conference)
    if free is None or free <= 0:
        return []
    offers = list(conference.registrations.waiting()[:free])
    expires = now + timedelta(hours=conference.offer_hours)
    for registration in offers:
        # A workshop that filled up while they waited is no longer theirs to take.
        chosen = registration.workshops.values_list("pk", flat=True)
        registration.workshops.remove(*full_workshops(conference, chosen))
        registration.status = registration.Status.OFFERED
        registration.offer_expires_at = expires
        registration.save(update_fields=["status", "offer_expires_at"])
        after_commit(send_registration_mail, registration.pk, "offer")
    return offers


def cancel(registration, now=None, any_time=False):
    """Cancel a sign-up (or leave the waiting list); a freed place is offered at once.

    `any_time`: also after the cancellation deadline (an organiser, or erasure on request).
    """
    now = now or timezone.now()
    with transaction.atomic():
        conference = lock_conference(registration.conference)
        registration = _fresh(registration)
        if not registration.is_active:
            return registration
        if not (any_time or conference.cancellation_possible(now)):
            raise CancellationClosed
        registration.status = registration.Status.CANCELLED
        registration.offer_expires_at = None
        registration.changed_at = now
        registration.save(update_fields=["status", "offer_expires_at", "changed_at"])
        after_commit(send_registration_mail, registration.pk, "cancelled")
        if conference.current_registration_status(now=now) != conference.RegistrationStatus.ENDED:
            offer_free_places(conference, now)
    return registration


def claim(registration, expires_timestamp, now=None):
    """Turn an offered place into a confirmed one, if the offer still stands."""
    now = now or timezone.now()
    with transaction.atomic():
        lock_conference(registration.conference)
        registration = _fresh(registration)
        standing = (
            registration.status == registration.Status.OFFERED
            and registration.offer_expires_at is not None
            and registration.offer_expires_at.timestamp() == expires_timestamp
            and registration.offer_expires_at > now
        )
        if not standing:
            raise OfferNotAvailable
        registration.status = registration.Status.CONFIRMED
        registration.offer_expires_at = None
        registration.changed_at = now
        registration.save(update_fields=["status", "offer_expires_at", "changed_at"])
        after_commit(send_registration_mail, registration.pk, "confirmation")
    return registration


def expire_offers(registrations, now=None):
    """Withdraw lapsed offers and offer those places to the next in line; return the count.

    `registrations` is the Registration manager (the command passes it; this package never
    imports the models).
    """
    now = now or timezone.now()
    lapsed = registrations.filter(
        status=registrations.model.Status.OFFERED, offer_expires_at__lte=now
    )
    expired = 0
    for conference_id in set(lapsed.values_list("conference_id", flat=True)):
        with transaction.atomic():
            first = lapsed.filter(conference_id=conference_id).select_related("conference").first()
            if first is None:
                continue
            conference = lock_conference(first.conference)
            for registration in lapsed.filter(conference_id=conference_id):
                registration.status = registration.Status.EXPIRED
                registration.offer_expires_at = None
                registration.save(update_fields=["status", "offer_expires_at"])
                after_commit(send_registration_mail, registration.pk, "expired")
                expired += 1
            offer_free_places(conference, now)
    return expired
