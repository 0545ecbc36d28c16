"""The choices of a coöperatie's fields, apart from the page so filters can read them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
