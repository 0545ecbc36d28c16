"""A conference's built-in registration: its settings (the "Aanmelden" tab) and its facts.

ConferencePage inherits this abstract model; the sign-up itself is news.registration.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from core.pages import is_visible
from news.models.programme import ConferenceSession
from news.models.registration import Registration
from news.models.retention import months_after


class RegistrationStatus(models.TextChoices):
    OPEN = "open", _("open")
    FULL = "vol", _("vol")
    CLOSED = "gesloten", _("gesloten")
    ENDED = "afgelopen", _("afgelopen")


class ConferenceRegistration(models.Model):
    """The registration settings of a conference page, and what follows from them."""

    registration_url = models.URLField(
        _("externe aanmeldlink"),
        max_length=500,
        blank=True,
        help_text=_("Laat leeg bij aanmelden via deze website."),
    )
    builtin_registration = models.BooleanField(
        _("aanmelden via deze website"),
        default=False,
        help_text=_("Toont een aanmeldformulier op de pagina; aanmeldingen staan in de admin."),
    )
    registration_capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen maximum. Bij het maximum sluit de aanmelding vanzelf."),
    )
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot het begin van de conferentie."),
    )
    cancellation_deadline = models.DateTimeField(
        _("annuleren kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot het begin van de conferentie."),
    )
    offer_hours = models.PositiveIntegerField(
        _("bedenktijd wachtlijst (uren)"),
        default=48,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Komt er een plaats vrij, dan krijgt de eerste op de wachtlijst een e-mail en zoveel "
            "uur om de plaats te claimen; daarna gaat het aanbod naar de volgende."
        ),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("herinnering (dagen vooraf)"),
        null=True,
        blank=True,
        default=2,
        help_text=_(
            "Zoveel dagen voor het begin krijgen bevestigde deelnemers een herinnering met de "
            "locatie en een agenda-bestand. Leeg: geen herinnering."
        ),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("gegevens bewaren (maanden na afloop)"),
        default=6,
        help_text=_(
            "Daarna worden namen, e-mailadressen en factuurgegevens gewist; alleen anonieme "
            "aantallen blijven over."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina met de privacyverklaring; het aanmeldformulier linkt ernaar."),
    )
    registration_status = models.CharField(
        _("status aanmelding"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.OPEN,
        help_text=_(
            "Zet op ‘gesloten’ om de aanmelding handmatig te sluiten. ‘Vol’ en ‘afgelopen’ "
            "volgen ook vanzelf uit het maximum en de datum."
        ),
    )

    registration_panels = [
        FieldPanel("registration_url"),
        MultiFieldPanel(
            [
                FieldPanel("builtin_registration"),
                FieldPanel("registration_capacity"),
                FieldPanel("registration_deadline"),
                FieldPanel("cancellation_deadline"),
                FieldPanel("offer_hours"),
                FieldPanel("reminder_days_before"),
                FieldPanel("retention_months"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Aanmelden via deze website"),
        ),
        FieldPanel("registration_status"),
    ]

    class Meta:
        abstract = True

    def registration_errors(self):
        """The Aanmelden tab's validation errors (ConferencePage.clean)."""
        errors = {}
        if self.registration_url and self.builtin_registration:
            errors["registration_url"] = _(
                "Kies een externe aanmeldlink óf aanmelden via deze website, niet allebei."
            )
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _(
                "De aanmelddatum moet vóór het einde van de conferentie liggen."
            )
        if self.registration_capacity is not None and not self.builtin_registration:
            errors["registration_capacity"] = _(
                "Een maximum geldt alleen bij aanmelden via deze website."
            )
        if self.cancellation_deadline and self.end and self.cancellation_deadline > self.end:
            errors["cancellation_deadline"] = _(
                "De annuleerdatum moet vóór het einde van de conferentie liggen."
            )
        return errors

    def visible_privacy_page(self):
        """The privacy statement the form links to, if a visitor may see it (live and public)."""
        page = self.privacy_page
        return page if page is not None and is_visible(page) else None

    def signed_up_count(self):
        count = getattr(self, "registration_count", None)
        if count is None:
            count = self.registrations.holding_a_place().count()
        return count

    def current_registration_status(self, now=None, count=None):
        """The status a visitor sees: the editor's choice, closed by the calendar and capacity."""
        now = now or timezone.now()
        if self.end and self.end < now:
            return RegistrationStatus.ENDED
        if self.start and self.start <= now:
            return RegistrationStatus.CLOSED
        if self.registration_status != RegistrationStatus.OPEN:
            return self.registration_status
        if self.builtin_registration:
            if self.registration_deadline and self.registration_deadline < now:
                return RegistrationStatus.CLOSED
            if self.registration_capacity is not None:
                taken = self.signed_up_count() if count is None else count
                if taken >= self.registration_capacity:
                    return RegistrationStatus.FULL
        return RegistrationStatus.OPEN

    def cancellation_possible(self, now=None):
        """Participants may cancel until the cancellation deadline (or the start)."""
        now = now or timezone.now()
        return now < (self.cancellation_deadline or self.start)

    def places_left(self):
        """Free places, or None without a maximum."""
        if self.registration_capacity is None:
            return None
        return max(self.registration_capacity - self.signed_up_count(), 0)

    def retention_ends(self):
        """When the personal data of this conference's sign-ups is erased."""
        return months_after(timezone.localtime(self.end), self.retention_months)

    def workshop_rounds(self):
        """[(round, [workshop sessions with `taken`])], by round: what the form offers.

        `taken` counts the participants who hold a place (confirmed or offered), in one query.
        """
        sessions = [
            session
            for session in self.programme.all()
            if session.kind == ConferenceSession.Kind.WORKSHOP
        ]
        if not sessions:
            return []
        taken = dict(
            Registration.workshops.through.objects.filter(
                conferencesession__in=sessions,
                registration__status__in=Registration.Status.HOLDING_A_PLACE,
            )
            .values("conferencesession")
            .annotate(count=Count("pk"))
            .values_list("conferencesession", "count")
        )
        rounds = {}
        for session in sessions:
            session.taken = taken.get(session.pk, 0)
            rounds.setdefault(session.round_number, []).append(session)
        return sorted(rounds.items())
