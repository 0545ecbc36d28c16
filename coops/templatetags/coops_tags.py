import datetime
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could end the script element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld_script(data):
    """A `<script type="application/ld+json">` element for a dict, safely escaped."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


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
