"""The models of `core` (Django looks for them here)."""

from core.webhooks.models import WebhookDelivery, WebhookSubscription

__all__ = ["WebhookDelivery", "WebhookSubscription"]
