"""The models of `core` (Django looks for them here): the content version in the database, for
sites without a shared cache (core.cache.version), and the webhooks' (core.webhooks)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.webhooks.models import WebhookDelivery, WebhookSubscription

__all__ = ["ContentVersion", "WebhookDelivery", "WebhookSubscription"]


class ContentVersion(models.Model):
    """One row: the current content version and when it changed."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("inhoudsversie")
        verbose_name_plural = _("inhoudsversies")

    def __str__(self):
        return self.token
