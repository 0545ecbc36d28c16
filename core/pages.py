"""What the plugin's page types share that is not a block or an image."""

from django.conf import settings


def site_parent_page_types(setting_name):
    """Where a plugin index page may be created: the site names it (None: anywhere).

    The plugin runs in any Wagtail site, so the plugin can't name the site's home page type.
    """
    return getattr(settings, setting_name, None)
