"""Sending a webhook delivery: signed, with a short timeout, retried with backoff."""

import time

import requests

from django.utils import timezone

from core.tasks import background
from core.webhooks.models import WebhookDelivery
from core.webhooks.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature,
)

#: Attempts per delivery; the worker waits BACKOFF × 2ⁿ seconds between them (1, 2, 4, 8 min).
RETRIES = 5
BACKOFF = 60
#: Seconds to connect and to wait for an answer; a slow app must not hold a worker.
TIMEOUT = 5


class DeliveryFailed(Exception):
    """The receiver did not answer 2xx; `background` tries again later."""


@background(retries=RETRIES, backoff=BACKOFF)
def deliver_webhook(delivery_id):
    """POST delivery `delivery_id`, record the outcome, and raise while another try is left."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (
        WebhookDelivery.Status.DELIVERED,
        WebhookDelivery.Status.FAILED,
    ):
        return
    body = delivery.body.encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "sociale-cooperaties-webhooks/1",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(delivery.subscription.secret, timestamp, body),
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
    }
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    try:
        response = requests.post(
            delivery.subscription.url,
            data=body,
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        delivery.response_code, delivery.last_error = None, str(exc)[:1000]
    else:
        delivery.response_code = response.status_code
        delivery.last_error = "" if response.ok else response.text[:1000]
    if delivery.response_code is not None and 200 <= delivery.response_code < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
    elif delivery.attempts >= RETRIES:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.status = WebhookDelivery.Status.RETRYING
    delivery.save()
    if delivery.status == WebhookDelivery.Status.RETRYING:
        raise DeliveryFailed(f"{delivery}: {delivery.response_code or delivery.last_error}")
