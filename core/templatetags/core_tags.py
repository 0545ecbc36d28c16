"""Template tags the plugin's templates share."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


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
