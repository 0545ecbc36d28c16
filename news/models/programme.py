"""What a conference page lists: its programme, speakers and partners (inline in the editor)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from core.images import optional_image
from core.pages import is_visible


class ConferenceSession(Orderable):
    """One item on the programme: a plenary part or a workshop."""

    class Kind(models.TextChoices):
        PLENARY = "plenair", _("plenair")
        WORKSHOP = "workshop", _("workshop")

    page = ParentalKey("news.ConferencePage", on_delete=models.CASCADE, related_name="programme")
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.PLENARY)
    room = models.CharField(_("zaal"), max_length=100, blank=True)
    speakers = models.CharField(
        _("sprekers"),
        max_length=300,
        blank=True,
        help_text=_("Namen, gescheiden door komma's; bij een workshop: wie hem leidt."),
    )
    round = models.PositiveSmallIntegerField(
        _("ronde"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Alleen voor workshops: workshops in dezelfde ronde lopen tegelijk, een deelnemer "
            "kiest er één per ronde. Leeg: ronde 1."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Alleen voor workshops. Leeg: geen maximum."),
    )

    panels = [
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("room")]),
        FieldRowPanel([FieldPanel("round"), FieldPanel("capacity")]),
        FieldPanel("speakers"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programma")

    def __str__(self):
        return self.title

    @property
    def round_number(self):
        return self.round or 1

    def is_full(self):
        """Needs `taken` (ConferencePage.workshop_rounds sets it)."""
        return self.capacity is not None and self.taken >= self.capacity

    def places_left(self):
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("De eindtijd moet na de begintijd liggen.")})


class ConferenceSpeaker(Orderable):
    page = ParentalKey("news.ConferencePage", on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("rol"), max_length=250, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    photo = optional_image(_("foto"))

    panels = [FieldPanel(name) for name in ("name", "role", "organisation", "photo")]

    class Meta(Orderable.Meta):
        verbose_name = _("spreker")
        verbose_name_plural = _("sprekers")

    def __str__(self):
        return self.name


class ConferencePartner(Orderable):
    page = ParentalKey("news.ConferencePage", on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("naam"), max_length=200)
    url = models.URLField(_("website"), max_length=500, blank=True)
    logo = optional_image(_("logo"))
    coop = models.ForeignKey(
        "coops.CoopPage",
        verbose_name=_("coöperatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference_partnerships",
        help_text=_("Als de partner een coöperatie uit het overzicht is."),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo"), FieldPanel("coop")]

    @property
    def visible_coop(self):
        """The partner's coöperatie if a visitor may follow it (live and public), else None."""
        return self.coop if self.coop_id and is_visible(self.coop) else None

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name
