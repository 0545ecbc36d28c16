"""304s for routes polled by feed readers, calendar apps and crawlers, logged in or not.

For anonymous visitors the full-page cache (core.cache.middleware) already answers
conditional GETs before any view runs; these decorators do the same for everybody
else, with the same validators: the ETag of the content version and the URL, and
Last-Modified of the version's time, checked by Django's `get_conditional_response`.
Wagtail checks a page's view restrictions before it calls the route, so a private
page still asks for a login.
"""

from functools import wraps

from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from core.cache.version import etag_for, last_modified


def conditional_get(view):
    """A page route (`def view(self, request, ...)`) that answers 304 while nothing changed."""

    @wraps(view)
    def wrapper(page, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(page, request, *args, **kwargs)
        return conditional(request, lambda: view(page, request, *args, **kwargs))

    return wrapper


def conditional_view(view):
    """`conditional_get` for a plain view function (`def view(request, ...)`): the sitemap."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        return conditional(request, lambda: view(request, *args, **kwargs))

    return wrapper


def add_validators(request, response):
    """ETag and Last-Modified of the content version on a 200 that has none of its own."""
    if response.status_code == 200 and not response.has_header("ETag"):
        response["ETag"] = etag_for(request)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(last_modified())
    return response


def not_modified(request):
    """A 304 when the client's validators match the current content version, else None."""
    etag = etag_for(request)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified())
    if response is not None:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified())
    return response


def conditional(request, render):
    return not_modified(request) or add_validators(request, render())
