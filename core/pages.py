"""What the plugin's page types share that is not a block or an image."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction


def site_parent_page_types(setting_name):
    """Where a plugin index page may be created: the site names it (None: anywhere).

    The plugin runs in any Wagtail site, so the plugin can't name the site's home page type.
    """
    return getattr(settings, setting_name, None)


def _covering_restrictions():
    """View restrictions on the outer page or one of its ancestors (a path prefix)."""
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )


def with_publicity(queryset):
    """Pages annotated with `is_public` (no login, password or group restriction on the
    page or above it), in the same SQL query, so a prefetched relation can be filtered
    without one query per item."""
    return queryset.annotate(is_public=~Exists(_covering_restrictions()))


def is_public(page):
    """No login, password or group restriction on the page or above it.

    Reads `is_public` from `with_publicity()` when the page was loaded with it and asks the
    database otherwise (a page served on its own, a preview built from a revision).
    """
    public = getattr(page, "is_public", None)
    if public is None:
        steps = range(Page.steplen, len(page.path) + 1, Page.steplen)
        ancestor_paths = [page.path[:length] for length in steps]
        public = not PageViewRestriction.objects.filter(page__path__in=ancestor_paths).exists()
    return public


def is_visible(page):
    """Live and public: what a relation may show a visitor or an app."""
    return page is not None and page.live and is_public(page)


def visible(pages):
    """The live, public ones of `pages` (a queryset, a related manager or a list)."""
    if hasattr(pages, "all"):
        pages = pages.all()
    return [page for page in pages if is_visible(page)]
