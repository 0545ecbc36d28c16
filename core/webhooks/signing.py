"""The webhook signature: HMAC-SHA256 with the subscription's secret over `timestamp.body`.

Receivers recompute it (README, "Webhooks") and refuse an old timestamp, so a captured request
cannot be replayed later.
"""

import hashlib
import hmac

TIMESTAMP_HEADER = "X-Webhook-Timestamp"
SIGNATURE_HEADER = "X-Webhook-Signature"
EVENT_HEADER = "X-Webhook-Event"
DELIVERY_HEADER = "X-Webhook-Delivery"
SCHEME = "sha256="


def signature(secret, timestamp, body):
    """`sha256=<hex>` of `body` (bytes) sent at `timestamp` (Unix seconds)."""
    message = f"{timestamp}.".encode() + body
    return SCHEME + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret, timestamp, body, header):
    """True when `header` is the signature of `body` at `timestamp` (constant-time compare)."""
    return hmac.compare_digest(signature(secret, timestamp, body), header)
