"""The directory of sociale coöperaties: municipalities, themes, the index and the entries."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.blocks import BodyStreamBlock


class Province(models.TextChoices):
    DRENTHE = "Drenthe", "Drenthe"
    FLEVOLAND = "Flevoland", "Flevoland"
    FRIESLAND = "Friesland", "Friesland"
    GELDERLAND = "Gelderland", "Gelderland"
    GRONINGEN = "Groningen", "Groningen"
    LIMBURG = "Limburg", "Limburg"
    NOORD_BRABANT = "Noord-Brabant", "Noord-Brabant"
    NOORD_HOLLAND = "Noord-Holland", "Noord-Holland"
    OVERIJSSEL = "Overijssel", "Overijssel"
    UTRECHT = "Utrecht", "Utrecht"
    ZEELAND = "Zeeland", "Zeeland"
    ZUID_HOLLAND = "Zuid-Holland", "Zuid-Holland"


class Municipality(models.Model):
    """A gemeente with its CBS code, loaded from coops/data/gemeenten.csv."""

    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^GM\d{4}$", _("Een CBS-code is GM gevolgd door vier cijfers."))
        ],
    )
    name = models.CharField(_("naam"), max_length=100, unique=True)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    lat = models.FloatField(_("breedtegraad"))
    lon = models.FloatField(_("lengtegraad"))
    is_active = models.BooleanField(
        _("bestaat nog"),
        default=True,
        help_text=_("Uit: de gemeente is opgeheven (bijvoorbeeld na een fusie)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


@register_snippet
class Theme(index.Indexed, models.Model):
    """A theme a coöperatie works on (Inkomen, Wonen, …), editable under Snippets."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(_("omschrijving"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name


POSTCODE_RE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")


def normalise_postcode(value):
    """'1234ab' → '1234 AB'; anything else unchanged (validation reports it)."""
    match = POSTCODE_RE.match(value or "")
    if not match:
        return (value or "").strip()
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value):
    if value and not POSTCODE_RE.match(value):
        raise ValidationError(_("Vul een Nederlandse postcode in, bijvoorbeeld 4811 AB."))


class CoopIndexPage(Page):
    """The directory (usually /cooperaties/): search, filters, map and exports."""

    intro = models.TextField(_("introductie"), blank=True)

    # The plugin must run in any Wagtail site, so the site names the parent type
    # (coopsite: home.HomePage); by default the directory may live anywhere.
    parent_page_types = getattr(settings, "COOPS_INDEX_PARENT_PAGE_TYPES", None)
    subpage_types = ["coops.CoopPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht coöperaties")
        verbose_name_plural = _("overzichten coöperaties")


class CoopPage(Page):
    """One sociale coöperatie."""

    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "wijkgericht", _("wijkgericht")
        THEMATIC = "thematisch", _("thematisch")

    class LegalForm(models.TextChoices):
        COOPERATIVE_UA = "cooperatie_ua", _("coöperatie U.A.")
        COOPERATIVE_WA = "cooperatie_wa", _("coöperatie W.A.")
        COOPERATIVE_BA = "cooperatie_ba", _("coöperatie B.A.")
        ASSOCIATION = "vereniging", _("vereniging")
        FOUNDATION = "stichting", _("stichting")
        OTHER = "anders", _("anders")

    class Status(models.TextChoices):
        FOUNDING = "in_oprichting", _("in oprichting")
        ACTIVE = "actief", _("actief")
        STOPPED = "gestopt", _("gestopt")

    intro = models.CharField(
        _("introductie"),
        max_length=300,
        blank=True,
        help_text=_("Eén of twee zinnen (max. 300 tekens); staat op kaartjes en in zoekmachines."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.NEIGHBOURHOOD
    )
    legal_form = models.CharField(
        _("rechtsvorm"), max_length=20, choices=LegalForm.choices, default=LegalForm.COOPERATIVE_UA
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))],
    )
    founded_year = models.PositiveSmallIntegerField(
        _("opgericht in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    members = models.PositiveIntegerField(_("aantal leden"), null=True, blank=True)

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coops",
    )
    province = models.CharField(
        _("provincie"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("Wordt ingevuld op basis van de gemeente."),
    )
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    lat = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(50.5), MaxValueValidator(53.8)],
    )
    lon = models.FloatField(
        _("lengtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(3.2), MaxValueValidator(7.3)],
    )

    themes = ParentalManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="coops"
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    social_shareholder = models.ForeignKey(
        Municipality,
        verbose_name=_("sociaal aandeelhouder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shareholdings",
        help_text=_("De gemeente die sociaal aandeelhouder is van deze coöperatie."),
    )
    social_shareholder_since = models.DateField(
        _("sociaal aandeelhouder sinds"), null=True, blank=True
    )
    social_shareholder_term_years = models.PositiveSmallIntegerField(
        _("looptijd (jaren)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    special_statute = models.BooleanField(_("Bijzonder Statuut"), default=False)
    special_statute_date = models.DateField(_("datum Bijzonder Statuut"), null=True, blank=True)

    parent_page_types = ["coops.CoopIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("coöperatie")
        verbose_name_plural = _("coöperaties")
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="coops_coopage_unique_kvk_number",
            )
        ]

    def clean(self):
        super().clean()
        self.postcode = normalise_postcode(self.postcode)
        errors = {}
        if not self.social_shareholder and (
            self.social_shareholder_since or self.social_shareholder_term_years
        ):
            errors["social_shareholder"] = _(
                "Kies de gemeente die sociaal aandeelhouder is, of laat de datum en looptijd leeg."
            )
        if self.special_statute_date and not self.special_statute:
            errors["special_statute"] = _(
                "Vink ‘Bijzonder Statuut’ aan als er een datum van het statuut is."
            )
        for field in ("social_shareholder_since", "special_statute_date"):
            value = getattr(self, field)
            if value and value > datetime.date.today() + datetime.timedelta(days=366):
                errors[field] = _("Deze datum ligt te ver in de toekomst.")
        if (self.lat is None) != (self.lon is None):
            errors["lat"] = _("Vul breedte- én lengtegraad in, of laat beide leeg.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        if self.municipality_id:
            self.province = self.municipality.province
        super().save(*args, **kwargs)
