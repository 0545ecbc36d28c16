"""Mail to a conference's participants: reminders, organisers' messages, and the log of what went.

Each (registration, key) is sent once: the key is news.tasks.REMINDER_KEY for the reminder and
"bericht-<id>" for a message; the unique constraint is what makes a second run a no-op.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantMessage(models.Model):
    """A message from the organisers to all confirmed participants ("programma staat online")."""

    conference = models.ForeignKey(
        "news.ConferencePage",
        verbose_name=_("conferentie"),
        on_delete=models.CASCADE,
        related_name="participant_messages",
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"), max_length=10000)
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bericht aan deelnemers")
        verbose_name_plural = _("berichten aan deelnemers")

    def __str__(self):
        return self.subject

    @property
    def key(self):
        return f"bericht-{self.pk}"


class SentMail(models.Model):
    """One mail that went to one participant (reminder or message): sent once, logged."""

    registration = models.ForeignKey(
        "news.Registration",
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="sent_mails",
    )
    key = models.CharField(_("soort"), max_length=40)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("verstuurde e-mail")
        verbose_name_plural = _("verstuurde e-mails")
        constraints = [
            models.UniqueConstraint("registration", "key", name="news_sentmail_once_per_key")
        ]

    def __str__(self):
        return f"{self.key} – {self.registration_id}"
