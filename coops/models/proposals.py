"""Entries proposed by coöperaties themselves, waiting for a moderator."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoopProposal(models.Model):
    """Who proposed a new entry through "Meld uw coöperatie aan" (the draft is the page)."""

    page = models.ForeignKey(
        "coops.CoopPage",
        verbose_name=_("coöperatie"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    submitter_name = models.CharField(_("naam van de indiener"), max_length=200)
    submitter_email = models.EmailField(_("e-mailadres van de indiener"))
    created_at = models.DateTimeField(_("ingediend"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanmelding van een coöperatie")
        verbose_name_plural = _("aanmeldingen van coöperaties")

    def __str__(self):
        return f"{self.page} ({self.submitter_email})"


class EntryCheck(models.Model):
    """When a coöperatie last confirmed its entry, apart from the page's revisions.

    A confirmation changes no content, so it makes no revision (and a later publish of an
    older draft can't turn the date back).
    """

    page = models.OneToOneField(
        "coops.CoopPage",
        verbose_name=_("coöperatie"),
        on_delete=models.CASCADE,
        related_name="freshness",
    )
    checked_on = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)
    asked_on = models.DateField(_("laatst gevraagd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("controle van een coöperatie")
        verbose_name_plural = _("controles van coöperaties")

    def __str__(self):
        return str(self.page)
