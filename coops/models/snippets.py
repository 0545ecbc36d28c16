"""Snippets of the directory: the themes a coöperatie works on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.api import APIField
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Theme(index.Indexed, models.Model):
    """A theme a coöperatie works on (Inkomen, Wonen, …), editable under Snippets."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(_("omschrijving"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # API v3 snippets (/api/v3/snippets/coops.Theme/), with a token that has theme rights.
    api_fields = [
        APIField("name", writable=True),
        APIField("slug", writable=True),
        APIField("description", writable=True),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name
