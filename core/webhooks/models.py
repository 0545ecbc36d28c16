"""Webhook subscriptions and their delivery log."""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import get_page_models

#: Event name -> the subscription's field that switches it on.
EVENTS = {
    "page.published": "on_published",
    "page.unpublished": "on_unpublished",
    "page.deleted": "on_deleted",
}


def new_secret():
    return secrets.token_urlsafe(32)


def page_content_types():
    """Only page types can be chosen as a subscription's filter."""
    return Q(
        pk__in=[ct.pk for ct in ContentType.objects.get_for_models(*get_page_models()).values()]
    )


class WebhookSubscriptionQuerySet(models.QuerySet):
    def for_event(self, event, content_type):
        """Active subscriptions to `event` for pages of `content_type` (none chosen: all types)."""
        return (
            self.filter(active=True, **{EVENTS[event]: True})
            .filter(Q(page_types=None) | Q(page_types=content_type))
            .distinct()
        )


class WebhookSubscription(models.Model):
    name = models.CharField(_("naam"), max_length=100, help_text=_("Voor wie of wat is dit?"))
    url = models.URLField(
        _("adres"),
        max_length=500,
        help_text=_("De app ontvangt hier een JSON-POST per gebeurtenis."),
    )
    secret = models.CharField(
        _("geheim"),
        max_length=128,
        default=new_secret,
        help_text=_(
            "Hiermee controleert de app de handtekening (X-Webhook-Signature). Geef het alleen "
            "aan de beheerder van de app."
        ),
    )
    active = models.BooleanField(_("actief"), default=True)
    on_published = models.BooleanField(_("bij publiceren"), default=True)
    on_unpublished = models.BooleanField(_("bij depubliceren"), default=True)
    on_deleted = models.BooleanField(_("bij verwijderen"), default=True)
    page_types = models.ManyToManyField(
        ContentType,
        blank=True,
        limit_choices_to=page_content_types,
        verbose_name=_("paginatypes"),
        help_text=_("Leeg: alle paginatypes."),
        related_name="+",
    )

    objects = WebhookSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wacht")
        RETRYING = "retrying", _("wordt opnieuw geprobeerd")
        DELIVERED = "delivered", _("afgeleverd")
        FAILED = "failed", _("mislukt")

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("webhook"),
    )
    event = models.CharField(_("gebeurtenis"), max_length=40)
    page_id = models.PositiveBigIntegerField(_("pagina-id"))
    body = models.TextField(_("inhoud"), help_text=_("De JSON zoals verstuurd."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    response_code = models.PositiveSmallIntegerField(_("antwoordcode"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook-aflevering")
        verbose_name_plural = _("webhook-afleveringen")

    def __str__(self):
        return f"{self.event} {self.page_id} → {self.subscription}"
