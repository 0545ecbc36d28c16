"""Where a coöperatie is: provinces, municipalities (CBS codes) and postcodes."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.api import APIField
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.permissions import ReadOnlyPolicy

MUNICIPALITY_CODE_RE = re.compile(r"^GM\d{4}$", re.IGNORECASE)


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


@register_snippet
class Municipality(models.Model):
    """A gemeente with its CBS code, loaded from coops/data/gemeenten.csv.

    A snippet so that API v3 lists it (/api/v3/snippets/coops.Municipality/); read-only in
    the admin and the API (`core.permissions.ReadOnlyPolicy`, registered below, before any
    view asks): the file is the source.
    """

    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^GM\d{4}$", _("Een CBS-code is GM gevolgd door vier cijfers."))
        ],
    )
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("In het adres van de gemeentepagina: /cooperaties/gemeente/<slug>/."),
    )
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    lat = models.FloatField(_("breedtegraad"))
    lon = models.FloatField(_("lengtegraad"))
    is_active = models.BooleanField(
        _("bestaat nog"),
        default=True,
        help_text=_("Uit: de gemeente is opgeheven (bijvoorbeeld na een fusie)."),
    )

    api_fields = [
        APIField("code"),
        APIField("name"),
        APIField("province"),
        APIField("lat"),
        APIField("lon"),
        APIField("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = municipality_slug(self.name)
        super().save(*args, **kwargs)


def municipality_slug(name):
    """'s-Hertogenbosch → s-hertogenbosch, Súdwest-Fryslân → sudwest-fryslan."""
    return slugify(name)


register_permission_policy(Municipality, ReadOnlyPolicy(Municipality))


def is_municipality_code(value):
    """True for a CBS code (GM and four digits, any case)."""
    return bool(MUNICIPALITY_CODE_RE.match((value or "").strip()))


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
