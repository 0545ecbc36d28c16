"""HTTP caching for anonymous API reads, and conditional GETs of feeds, iCal, sitemap, exports.

Every anonymous GET under the API prefix gets an ETag made of the *content
version* and the full URL, so a conditional GET is answered with 304 before
the view runs (no SQL at all). Any change an API could show — publishing,
unpublishing, deleting or moving a page, editing an image, document or
plugin snippet — bumps the version, so the next response is fresh.

The version lives in Django's cache. With a shared cache (Redis in
production) every worker sees a bump at once. With the process-local
default (LocMemCache), the version expires after API_CACHE_MAX_AGE, which
bounds how long another worker can keep answering 304 for stale content.
"""

import hashlib
import threading
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils.cache import get_conditional_response

VERSION_KEY = "core:api-content-version"

#: Apps whose saves and deletes can change what the API shows: Wagtail's and the plugin's.
#: A site adds its own apps with the setting CONTENT_APP_LABELS (coopsite: "home").
PLUGIN_CONTENT_APP_LABELS = frozenset(
    {"wagtailcore", "wagtailimages", "wagtaildocs", "taggit", "core", "coops", "news"}
)


def content_app_labels():
    return PLUGIN_CONTENT_APP_LABELS | frozenset(getattr(settings, "CONTENT_APP_LABELS", ()))


def max_age():
    return getattr(settings, "API_CACHE_MAX_AGE", 60)


def _version_timeout():
    return max_age() if isinstance(caches["default"], LocMemCache) else None


#: The version as read once per request (one cache round trip, however many cached
#: values the request uses). Only inside a request: request_started turns it on.
_request = threading.local()


def _start_request(**kwargs):
    _request.active, _request.version = True, None


def _end_request(**kwargs):
    _request.active, _request.version = False, None


def content_version():
    """The current content version (created on first use)."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=_version_timeout()):
            version = cache.get(VERSION_KEY, version)
    if getattr(_request, "active", False):
        _request.version = version
    return version


def bump_content_version(**kwargs):
    """Signal receiver: make every cached API response stale."""
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, timeout=_version_timeout())
    if getattr(_request, "active", False):
        _request.version = version


def is_content_model(model):
    from wagtail.images.models import AbstractRendition

    if issubclass(model, AbstractRendition):
        return False
    return model._meta.app_label in content_app_labels()


def bump_on_content_change(sender, **kwargs):
    if is_content_model(sender):
        bump_content_version()


def connect_signals():
    """Called from CoreConfig.ready()."""
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"core-api-cache-{id(signal)}")
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_on_content_change, dispatch_uid=f"core-api-cache-{id(signal)}")
    request_started.connect(_start_request, dispatch_uid="core-content-version-start")
    request_finished.connect(_end_request, dispatch_uid="core-content-version-end")


def etag_for(request):
    """A strong ETag for this URL at the current content version."""
    key = "\n".join(
        [
            content_version(),
            request.build_absolute_uri(),
            request.headers.get("Accept", ""),
        ]
    )
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def conditional_get(view):
    """A page route (`def view(self, request, ...)`) that answers 304 while nothing changed.

    Feed readers, calendar apps and sitemap crawlers poll with If-None-Match; the same
    ETag as the API (`etag_for`: content version + URL), checked by Django's
    `get_conditional_response` before the view runs. Wagtail checks the page's view
    restrictions before it calls the route, so a private page still asks for a login.
    """

    @wraps(view)
    def wrapper(page, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(page, request, *args, **kwargs)
        return _conditional(request, lambda: view(page, request, *args, **kwargs))

    return wrapper


def conditional_view(view):
    """`conditional_get` for a plain view function (`def view(request, ...)`): the sitemap."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        return _conditional(request, lambda: view(request, *args, **kwargs))

    return wrapper


def _conditional(request, render):
    etag = etag_for(request)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        return not_modified
    response = render()
    if response.status_code == 200 and not response.has_header("ETag"):
        response["ETag"] = etag
    return response
