"""Validators and 304s: the one place a conditional GET is answered.

Every cacheable anonymous 200 gets the validators from the full-page cache
(core.cache.middleware); the routes that feed readers, calendar apps and crawlers poll
(feeds, iCal, sitemap, exports) carry them for everybody, logged in or not, through
these decorators. The validators are the ETag of the content version and the URL, and
Last-Modified of the version's time.

A 304 is made from the 200 it stands for (`not_modified`), cached or just rendered, so
it carries that 200's headers: the security headers, Content-Security-Policy, the CORS
answer, Cache-Control, Vary and whatever the view set itself — all but those of the
content (Content-Type, Content-Length). A cache that revalidates updates its stored
headers from a 304 (RFC 9110, 15.4.5); one that lacked them would drop them.
"""

from functools import wraps

from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from core.cache.version import etag_for, last_modified

#: The headers of the content itself, which a 304 (that has none) leaves out.
CONTENT_HEADERS = frozenset({"content-type", "content-length"})


def conditional_get(view):
    """A page route (`def view(self, request, ...)`) whose 200 carries the validators."""

    @wraps(view)
    def wrapper(page, request, *args, **kwargs):
        return validated(request, view(page, request, *args, **kwargs))

    return wrapper


def conditional_view(view):
    """`conditional_get` for a plain view function (`def view(request, ...)`): the sitemap."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return validated(request, view(request, *args, **kwargs))

    return wrapper


def validated(request, response):
    return add_validators(request, response) if request.method in ("GET", "HEAD") else response


def add_validators(request, response):
    """ETag and Last-Modified of the content version on a 200 that has none of its own."""
    if response.status_code == 200 and not response.has_header("ETag"):
        response["ETag"] = etag_for(request)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(last_modified())
    return response


def not_modified(request, response):
    """The 304 that stands for `response` when the client's validators match it, else `response`
    (Django's `get_conditional_response` decides)."""
    meta = request.META
    if response.status_code != 200 or not (
        "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta
    ):
        return response
    answer = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if answer is not response and answer.status_code == 304:
        for name, value in response.items():
            if name.lower() not in CONTENT_HEADERS:
                answer[name] = value
    return answer
