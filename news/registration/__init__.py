"""Signing up for a conference, the waiting list and the participant's own links.

- `signup`: a place or a place on the waiting list (the one place that counts places);
- `waitlist`: cancelling, offering a freed place to the first in line, claiming, expiry;
- `links`: the signed links in the e-mails (no accounts).

Every change to who holds a place locks the conference row first (`locking.lock_conference`),
so sign-ups, cancellations, claims and expiries for one conference happen one after another.
The models come from the conference itself (`type(conference)`, `conference.registrations`),
so this package sits below news.models and news.views in the import order.
"""

from news.registration.links import (
    claim_token,
    manage_token,
    own_link,
    read_claim_token,
    read_manage_token,
)
from news.registration.signup import (
    AlreadyRegistered,
    RegistrationClosed,
    WorkshopFull,
    change,
    register,
)
from news.registration.waitlist import (
    CancellationClosed,
    OfferNotAvailable,
    cancel,
    claim,
    expire_offers,
)

__all__ = [
    "AlreadyRegistered",
    "CancellationClosed",
    "OfferNotAvailable",
    "RegistrationClosed",
    "WorkshopFull",
    "cancel",
    "change",
    "claim",
    "claim_token",
    "expire_offers",
    "manage_token",
    "own_link",
    "read_claim_token",
    "read_manage_token",
    "register",
]
