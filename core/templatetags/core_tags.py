"""Template tags the plugin's templates share."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could end the script element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld_script(data):
    """A `<script type="application/ld+json">` element for a dict, escaped like Django's
    json_script; nothing for no data. The one JSON-LD writer of the plugin and the site."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def optional_url(name, *args, **kwargs):
    """The URL of `name`, or "" when the site has no such URL.

    The plugin's templates use it for features the host site may or may not
    provide (the site search's suggestions), without depending on that app:
    `{% optional_url "search:suggestions" as suggestions_url %}`.
    """
    try:
        return reverse(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return ""
