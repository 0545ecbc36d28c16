"""Sign-ups for conferences that use the built-in registration, with their waiting list."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class RegistrationState(models.TextChoices):
    CONFIRMED = "bevestigd", _("bevestigd")
    WAITING = "wachtlijst", _("op de wachtlijst")
    OFFERED = "aangeboden", _("plaats aangeboden")
    CANCELLED = "geannuleerd", _("geannuleerd")
    EXPIRED = "verlopen", _("aanbod verlopen")


RegistrationState.HOLDING_A_PLACE = (RegistrationState.CONFIRMED, RegistrationState.OFFERED)
RegistrationState.ACTIVE = (
    RegistrationState.CONFIRMED,
    RegistrationState.OFFERED,
    RegistrationState.WAITING,
)


class RegistrationQuerySet(models.QuerySet):
    def holding_a_place(self):
        """Confirmed sign-ups and places offered to someone on the waiting list."""
        return self.filter(status__in=RegistrationState.HOLDING_A_PLACE)

    def waiting(self):
        """The waiting list, first in line first."""
        return self.filter(status=RegistrationState.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    """One person signed up for one conference. Editors see these under "Aanmeldingen"."""

    Status = RegistrationState

    conference = models.ForeignKey(
        "news.ConferencePage",
        verbose_name=_("conferentie"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    workshops = models.ManyToManyField(
        "news.ConferenceSession",
        verbose_name=_("workshops"),
        blank=True,
        related_name="registrations",
        limit_choices_to={"kind": "workshop"},
    )
    dietary = models.CharField(_("dieetwensen"), max_length=300, blank=True)
    remarks = models.TextField(_("opmerkingen"), max_length=2000, blank=True)
    # Paying by invoice (conferences with a price only).
    invoice_address = models.TextField(_("factuuradres"), max_length=500, blank=True)
    invoice_email = models.EmailField(_("e-mailadres voor facturen"), blank=True)
    invoice_reference = models.CharField(
        _("inkoopordernummer of referentie"), max_length=100, blank=True
    )
    vat_number = models.CharField(_("btw-nummer"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    offer_expires_at = models.DateTimeField(_("aanbod geldig tot"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("aanwezig sinds"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    changed_at = models.DateTimeField(_("gewijzigd op"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(
                "conference",
                Lower("email"),
                condition=Q(status__in=RegistrationState.ACTIVE),
                name="news_registration_unique_active_email_per_conference",
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.conference.title}"

    @property
    def workshop_titles(self):
        """'Bijzonder Statuut; Wijkbudget' (for the export and the attendee list)."""
        return "; ".join(session.title for session in self.workshops.all())

    @property
    def is_active(self):
        return self.status in self.Status.ACTIVE

    def waiting_position(self):
        """1 for the first in line; None when not on the waiting list."""
        if self.status != self.Status.WAITING:
            return None
        ahead = Registration.objects.waiting().filter(
            Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk),
            conference_id=self.conference_id,
        )
        return ahead.count() + 1
