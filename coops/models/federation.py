"""What the site knows of its entries in a Murmurations index (one row per profile URL)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MurmurationsNode(models.Model):
    """An entry's profile as a node of the index at `MURMURATIONS_INDEX_URL`.

    Kept after the entry is deleted (`page` becomes empty), so the index can still be told
    to drop the node, and the admin shows what happened (Rapporten › Murmurations).
    """

    class Status(models.TextChoices):
        # Ours, before the index answered:
        PENDING = "pending", _("wordt aangemeld")
        # The index's own statuses (/v2/nodes/{node_id}):
        RECEIVED = "received", _("ontvangen door de index")
        VALIDATED = "validated", _("gecontroleerd door de index")
        POSTED = "posted", _("opgenomen in de index")
        VALIDATION_FAILED = "validation_failed", _("afgekeurd door de index")
        POST_FAILED = "post_failed", _("opnemen mislukt")
        # Ours, while removing:
        REMOVING = "removing", _("wordt verwijderd")
        DELETED = "deleted", _("verwijderd uit de index")

    page = models.ForeignKey(
        "coops.CoopPage",
        verbose_name=_("coöperatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="murmurations_nodes",
    )
    title = models.CharField(_("naam"), max_length=255)
    profile_url = models.URLField(_("profiel-URL"), max_length=2000, unique=True)
    node_id = models.CharField(_("node-id in de index"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    failure_reasons = models.JSONField(_("redenen van de index"), default=list, blank=True)
    last_error = models.TextField(
        _("laatste fout"),
        blank=True,
        help_text=_("Wat er bij de laatste poging misging (wordt automatisch opnieuw geprobeerd)."),
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("Murmurations-node")
        verbose_name_plural = _("Murmurations-nodes")

    def __str__(self):
        return self.title or self.profile_url


class MurmurationsSource(models.Model):
    """Where an entry made by `manage.py import_murmurations` came from."""

    page = models.ForeignKey(
        "coops.CoopPage",
        verbose_name=_("coöperatie"),
        on_delete=models.CASCADE,
        related_name="murmurations_sources",
    )
    profile_url = models.URLField(_("profiel-URL"), max_length=2000, unique=True)
    index_url = models.URLField(_("index"), max_length=2000)
    #: sha256 of the profile as last imported: an unchanged profile changes nothing.
    profile_hash = models.CharField(_("controlegetal van het profiel"), max_length=64)
    imported_at = models.DateTimeField(_("geïmporteerd"), auto_now=True)

    class Meta:
        verbose_name = _("Murmurations-bron")
        verbose_name_plural = _("Murmurations-bronnen")

    def __str__(self):
        return self.profile_url
