"""What is left of a conference's sign-ups after the retention period: anonymous counts only.

`manage.py purge_registrations` deletes the registrations (names, e-mail addresses, invoice
details, the mail log) and keeps one count per conference and status, and one per workshop.
"""

import calendar

from django.db import models
from django.utils.translation import gettext_lazy as _


def months_after(moment, months):
    """`moment` plus whole calendar months (31 August + 6 months: 28 or 29 February)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class RegistrationTally(models.Model):
    """An anonymous count that outlives the purged sign-ups (per conference, per workshop)."""

    conference = models.ForeignKey(
        "news.ConferencePage",
        verbose_name=_("conferentie"),
        on_delete=models.CASCADE,
        related_name="registration_tallies",
    )
    workshop = models.ForeignKey(
        "news.ConferenceSession",
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    workshop_title = models.CharField(_("workshop"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12)
    count = models.PositiveIntegerField(_("aantal"))
    checked_in = models.PositiveIntegerField(_("aanwezig"), default=0)
    purged_at = models.DateTimeField(_("gewist op"), auto_now_add=True)

    class Meta:
        ordering = ["conference", "workshop_title", "status"]
        verbose_name = _("anonieme telling")
        verbose_name_plural = _("anonieme tellingen")

    def __str__(self):
        return f"{self.conference_id} {self.workshop_title or '-'} {self.status}: {self.count}"
