import datetime

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext

from core.templatetags.core_tags import json_ld_script

register = template.Library()


register.simple_tag(json_ld_script)

#: The tile server when the site sets none (settings.MAP_TILE_URL, MAP_TILE_ATTRIBUTION).
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)


@register.simple_tag
def map_tiles():
    """The tile server's attributes for a map element (`coops/map.js` reads them)."""
    return format_html(
        'data-tile-url="{}" data-tile-attribution="{}" data-tile-error="{}"',
        getattr(settings, "MAP_TILE_URL", DEFAULT_TILE_URL),
        getattr(settings, "MAP_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
        gettext("Achtergrondkaart niet beschikbaar"),
    )


@register.filter
def iso_date(value):
    """A date from its ISO text ("2016-11-14"), for Django's `date` filter; None if not one.

    `CoopPage.related_news` gives dates as ISO text (the API's shape); visitors read
    them in Dutch: ``{{ item.date|iso_date|date:"j F Y" }}``.
    """
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
