"""Signed links instead of accounts: one salt per purpose, each link names one registration.

A link to manage a sign-up works until the conference ends (the view checks the end, so
moving the conference moves the expiry); a claim link carries the offer's expiry, so a link
of an earlier, lapsed offer never claims a later one.
"""

from urllib.parse import urlencode

from django.core import signing

MANAGE_SALT = "news.registration.manage"
CLAIM_SALT = "news.registration.claim"


def manage_token(registration):
    return signing.dumps(registration.pk, salt=MANAGE_SALT)


def read_manage_token(token):
    """The registration id the token was made for, or None for a token we did not sign."""
    try:
        value = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def claim_token(registration):
    return signing.dumps(
        [registration.pk, registration.offer_expires_at.timestamp()], salt=CLAIM_SALT
    )


def read_claim_token(token):
    """(registration id, offer expiry as a timestamp), or None for a token we did not sign."""
    try:
        value = signing.loads(token, salt=CLAIM_SALT)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        return None
    return value[0], value[1]


def own_link(conference, route, token, base=None):
    """The path (or, with `base`, the URL) of a participant's own page."""
    query = urlencode({"code": token})
    return f"{base or conference.url}{conference.reverse_subpage(route).lstrip('/')}?{query}"
