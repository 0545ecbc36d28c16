"""The full-page cache: an anonymous GET is rendered once per content version.

A response is kept when the request is anonymous (no session cookie, no
Authorization header), a GET outside ``CACHE_EXCLUDED_PATHS``, the status is 200,
301 or 404, nothing set a cookie, the view did not say ``Cache-Control: private``,
``no-cache`` or ``no-store``, and the page did not use a CSRF token (a form). Its key
carries the content version (core.cache.version), so a publish is seen by the next
request in every worker and on every server that reads the same version. An entry
also expires after ``PAGE_CACHE_TIMEOUT`` seconds, which bounds what depends on the
clock rather than on content (an "upcoming" conference that has started). A cached
page runs no view, no middleware below this one and, with the version in the shared
cache, no SQL at all.

Every cacheable anonymous 200 carries the version's ETag and Last-Modified; a
conditional GET that matches is answered 304 (Django's `get_conditional_response`)
before anything is rendered. Cacheable responses say ``Cache-Control: public,
max-age=API_CACHE_MAX_AGE, s-maxage=CDN_CACHE_MAX_AGE``; everything answered to a
logged-in user or a token is ``private, no-cache``.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe

from core.cache.conditional import add_validators, not_modified
from core.cache.version import content_version

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
    return "Authorization" not in request.headers and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def is_excluded(path):
    return path.startswith(tuple(getattr(settings, "CACHE_EXCLUDED_PATHS", ("/admin/",))))


def page_key(request):
    """The cache key of this URL (scheme, host, path, query) and Accept header, at this version."""
    text = request.build_absolute_uri() + "\n" + request.headers.get("Accept", "")
    return f"core:page:{content_version()}:{hashlib.sha256(text.encode()).hexdigest()[:40]}"


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


def _store(key, response):
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in PER_ANSWER_HEADERS
    ]
    entry = (time.time(), response.status_code, headers, response.content)
    cache.set(key, entry, timeout=timeout())


def _cached(key):
    entry = cache.get(key)
    if entry is None:
        return None
    created, status, headers, content = entry
    if not 0 <= time.time() - created < timeout():
        return None  # the clock moved on (or back): render again
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class CacheMiddleware:
    """Full-page cache, conditional GETs and Cache-Control; place it above the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_excluded(request.path):
            return self.get_response(request)
        if not is_anonymous(request):
            return mark_private(self.get_response(request))

        key = page_key(request) if timeout() else None
        response = _cached(key) if key else None
        if response is not None:
            response["X-Cache"] = "HIT"
            last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
            return get_conditional_response(
                request, etag=response.get("ETag"), last_modified=last_modified, response=response
            )

        early = not_modified(request)
        if early is not None:
            return mark_public(early)
        response = self.get_response(request)
        if not is_cacheable(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            return response
        mark_public(add_validators(request, response))
        if key and request.method == "GET":
            _store(key, response)
            response["X-Cache"] = "MISS"
        return response
