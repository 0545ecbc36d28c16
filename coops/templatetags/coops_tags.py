import datetime

from django import template

from core.templatetags.core_tags import json_ld_script

register = template.Library()


register.simple_tag(json_ld_script)


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
