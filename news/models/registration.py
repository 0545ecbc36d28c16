"""Sign-ups for conferences that use the built-in registration."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Registration(models.Model):
    """One person signed up for one conference. Editors see these under "Aanmeldingen"."""

    conference = models.ForeignKey(
        "news.ConferencePage",
        verbose_name=_("conferentie"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    workshop = models.CharField(_("workshop"), max_length=200, blank=True)
    remarks = models.TextField(_("opmerkingen"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    class Meta:
        ordering = ["conference", "created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                "conference",
                Lower("email"),
                name="news_registration_unique_email_per_conference",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.conference.title}"
