"""The full-page cache: an anonymous GET is rendered once per content version.

A response is kept when the request is anonymous (no session cookie, no
Authorization header), a GET outside ``CACHE_EXCLUDED_PATHS``, the status is 200,
301 or 404, nothing set a cookie, the view did not say ``Cache-Control: private``,
``no-cache`` or ``no-store``, and the page did not use a CSRF token (a form). The entry
holds the content version it was built at (core.cache.version); a hit is one MGET of the
version and the page, and an entry built at another version is rendered again, so a
publish is seen by the next request in every worker and on every server that reads the
same version. An entry also expires after ``PAGE_CACHE_TIMEOUT`` seconds, which bounds
what depends on the clock rather than on content. The middleware comes first, so a
cached page runs no view, no other middleware (the stored headers are those all of them
added: security headers, CSP, CORS) and, with the version in the shared cache, no SQL.

Every cacheable anonymous 200 carries the version's ETag and Last-Modified; a
conditional GET that matches is answered 304 from the stored page, or from the page
rendered (and stored) for it, with that 200's headers (core.cache.conditional).
Cacheable responses say ``Cache-Control: public, max-age=API_CACHE_MAX_AGE,
s-maxage=CDN_CACHE_MAX_AGE``; everything answered to a logged-in user or a token is
``private, no-cache``.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.cache import version
from core.cache.conditional import add_validators, not_modified

CACHEABLE_STATUSES = frozenset({200, 301, 404})
UNCACHEABLE_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})
VARY = ("Accept", "Authorization", "Cookie")
#: Headers a cached copy never repeats (they belong to one answer).
PER_ANSWER_HEADERS = frozenset({"set-cookie", "x-cache", "x-query-count"})


def timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def max_age():
    return getattr(settings, "API_CACHE_MAX_AGE", 60)


def s_maxage():
    return getattr(settings, "CDN_CACHE_MAX_AGE", max_age())


def is_anonymous(request):
    """No token and no session: the response is the same for everybody."""
    return "HTTP_AUTHORIZATION" not in request.META and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def is_excluded(path):
    """Paths the cache leaves alone: the settings' list and the static files (WhiteNoise)."""
    excluded = getattr(settings, "CACHE_EXCLUDED_PATHS", ("/admin/",))
    return path.startswith((*excluded, settings.STATIC_URL or "/static/"))


def page_key(request):
    """The cache key of this URL (scheme, host, path, query) and its Accept and Origin headers.

    It carries no version: the entry holds the version it was built at, so one round trip
    to the cache (`lookup`) brings the current version and the page together.
    """
    meta = request.META
    text = "\n".join(
        (request.build_absolute_uri(), meta.get("HTTP_ACCEPT", ""), meta.get("HTTP_ORIGIN", ""))
    )
    return "core:page:" + hashlib.sha256(text.encode()).hexdigest()[:40]


def lookup(key):
    """The current content version and the entry stored under `key` (or None).

    With the version in the shared cache this is one round trip (one MGET of the version,
    its next clock change and the page: core.cache.version.settled); with the
    version in the database, one query and one read of the process's own cache.
    """
    if version.store() == "database":
        return version.current(), cache.get(key)
    found = cache.get_many([version.VERSION_KEY, version.CLOCK_KEY, key])
    current = version.Version.decode(found.get(version.VERSION_KEY) or "")
    if current is None:
        current = version.current()  # the first request ever: make one
    else:
        current = version.settled(current, found.get(version.CLOCK_KEY))
        version.remember(current)
    return current, found.get(key)


def is_cacheable(request, response):
    """The same answer for every anonymous visitor (a HEAD is answered, never stored)."""
    directives = {
        part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    return (
        response.status_code in CACHEABLE_STATUSES
        and not response.streaming
        and not response.cookies
        and not directives & UNCACHEABLE_DIRECTIVES
        and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
    )


def mark_public(response):
    """Shared caches may keep it; a view that chose its own max-age (an immutable file) keeps it."""
    if "max-age" in response.get("Cache-Control", ""):
        patch_cache_control(response, public=True)
    else:
        patch_cache_control(response, public=True, max_age=max_age(), s_maxage=s_maxage())
    patch_vary_headers(response, VARY)
    return response


def mark_private(response):
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Authorization", "Cookie"))
    return response


def _store(key, built_at, response):
    headers = {
        name: value for name, value in response.items() if name.lower() not in PER_ANSWER_HEADERS
    }
    entry = (built_at.token, time.time(), response.status_code, headers, response.content)
    cache.set(key, entry, timeout=timeout())


def _cached(current, entry):
    """The stored answer, if it was built at the current version and is not too old."""
    if entry is None:
        return None
    built_at, created, status, headers, content = entry
    if built_at != current.token or not 0 <= time.time() - created < timeout():
        return None  # content changed, or the clock moved on (or back): render again
    return HttpResponse(content, status=status, headers=headers)


class CacheMiddleware:
    """Full-page cache, conditional GETs and Cache-Control; place it above the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_excluded(request.path):
            return self.get_response(request)
        if not is_anonymous(request):
            return not_modified(request, mark_private(self.get_response(request)))

        key = current = None
        if timeout():
            key = page_key(request)
            current, entry = lookup(key)
            response = _cached(current, entry)
            if response is not None:
                response["X-Cache"] = "HIT"
                return not_modified(request, response)

        response = self.get_response(request)
        if not is_cacheable(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return not_modified(request, response)
        mark_public(add_validators(request, response))
        if key and request.method == "GET":
            _store(key, current, response)
            response["X-Cache"] = "MISS"
        return not_modified(request, response)
