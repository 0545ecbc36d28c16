"""Tell a CDN or Varnish in front what to forget when content changes.

The backends are `wagtail.contrib.frontend_cache`'s (HTTP PURGE for Varnish, Cloudflare,
CloudFront), configured from the environment in settings (``WAGTAILFRONTENDCACHE``).
That app is not installed: its own signal handlers would purge inside the editor's
request. Here every content change (core.cache.invalidation) enqueues one purge task
through core.tasks, after commit, with retries.

A page's purge covers the page and every URL that lists it: the parameterless routes
of the page and of each of its ancestors (a news index's agenda, feeds and iCal, the
directory's exports), what the page type names in ``purge_urls()`` (routes with an
argument: a news item's tag feeds), the ancestors themselves (the index, the home page) and the
site-wide ``CDN_PURGE_PATHS`` (sitemap, API listings). A filter or page of a listing
(``/cooperaties/?provincie=Utrecht``) is the same path with a query: the Varnish VCL
in ``deploy/`` purges a path with every query string. A change to a registered model
that is not a page (a theme, a setting, an image) purges the home page and the
site-wide paths of every site; other pages follow within ``CDN_CACHE_MAX_AGE``. A change by
the clock alone (a conference that ended: core.cache.version.on_clock) purges the pages that
changed, once per change, from the process that saw it first (a request or the scheduler).
"""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import pre_save
from django.urls import NoReverseMatch

from wagtail.models import Page, Site

from core.cache import version
from core.cache.invalidation import BOOKKEEPING_FIELDS, on_change
from core.signals import pages_published
from core.tasks import after_commit, background


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def site_paths():
    return getattr(
        settings, "CDN_PURGE_PATHS", ["/sitemap.xml", "/api/v2/pages/", "/api/v3/pages/"]
    )


def _route_paths(page):
    """The page's own path ("") and those of its routes that take no arguments."""
    paths = [""]
    for pattern in getattr(type(page), "get_subpage_urls", list)():
        if pattern.name:
            try:
                paths.append(page.reverse_subpage(pattern.name).lstrip("/"))
            except NoReverseMatch:
                continue
    return paths


def _own_urls(page):
    """What a page type adds itself with `purge_urls()`: routes with arguments (tag feeds)."""
    return getattr(page, "purge_urls", list)()


def _page_urls(page):
    """The page itself: its path, its routes without arguments and its `purge_urls()`."""
    base = page.get_full_url()
    urls = {base + path for path in _route_paths(page)} if base else set()
    return urls | set(_own_urls(page))


def urls_for_page(page):
    """The page's URLs and those of every page above it, plus the site-wide paths; and those
    of its live version before the change (`remember_live_urls`: a tag it lost)."""
    before = getattr(page, "_live_urls_before", set())  # on the object that was saved
    page = page.specific_deferred
    urls = _page_urls(page) | before
    site = page.get_site()
    for each in page.get_ancestors().filter(depth__gt=1).specific():
        base = each.get_full_url()
        if base:
            urls.update(base + path for path in _route_paths(each))
    if site is not None:
        urls.update(site.root_url + path for path in site_paths())
    return sorted(urls)


def urls_for_pages(pages):
    """`urls_for_page` for many pages (a bulk publish): each page's own URLs, and what lists
    them once per parent, not once per page."""
    urls = set()
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    for parent in Page.objects.filter(path__in=parent_paths, depth__gt=1):
        urls.update(urls_for_page(parent))
    for page in pages:
        urls.update(_page_urls(page))
    return sorted(urls)


def urls_for_sites():
    urls = set()
    for site in Site.objects.all():
        urls.add(site.root_url + "/")
        urls.update(site.root_url + path for path in site_paths())
    return sorted(urls)


@background(retries=5, backoff=10)
def purge(urls):
    """Purge these URLs from every configured frontend cache."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)


def remember_live_urls(sender, instance, update_fields=None, **kwargs):
    """Before a live page is saved with new content (a publish): the URLs its live version is
    at, for the purge after the change. The item left the feed of a tag the editor removed."""
    if not (isinstance(instance, Page) and instance.pk and configured()):
        return
    if update_fields is not None and frozenset(update_fields) <= BOOKKEEPING_FIELDS:
        return  # a revision or a lock: the live version stays
    live = type(instance).objects.filter(pk=instance.pk, live=True).first()
    instance._live_urls_before = _page_urls(live) if live is not None else set()


@on_change
def purge_after_change(model, instance):
    if not configured():
        return
    urls = urls_for_page(instance) if isinstance(instance, Page) else urls_for_sites()
    if urls:
        after_commit(purge, urls)


@background(retries=5, backoff=10)
def purge_clock_change(start, end):
    """Purge the pages the clock changed from `start` to `end` (ISO 8601) and what lists them."""
    pages = version.clock_pages(datetime.fromisoformat(start), datetime.fromisoformat(end))
    if pages:
        purge.enqueue(urls_for_pages(pages))


@version.on_clock
def purge_after_clock(start, end):
    # Once per change: another worker (or the scheduler) may pass the same moment too.
    if configured() and cache.add(f"core:clock-purge:{start.isoformat()}", 1, timeout=86400):
        after_commit(purge_clock_change, start.isoformat(), end.isoformat())


def purge_after_bulk_publish(sender, pages, **kwargs):
    """One purge for a whole batch (core.signals.pages_published)."""
    if configured() and pages:
        after_commit(purge, urls_for_pages(pages))


pages_published.connect(purge_after_bulk_publish, dispatch_uid="core-cache-purge-bulk")
pre_save.connect(remember_live_urls, dispatch_uid="core-cache-purge-live-urls")
