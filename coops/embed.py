"""The embeddable directory widget (`/cooperaties/embed/?gemeente=…&thema=…`).

A list and a small map of the directory's live, public entries for a municipality's or a
partner's site, in an `<iframe>`. The filters are the directory's own (`DirectoryFilterSet`,
read leniently). The page has no cookies and no form, so the full-page cache keeps it.

Framing: `frame-ancestors` comes from the `EMBED_ALLOWED_ORIGINS` setting (default
`'self'`) and the page is exempt from X-Frame-Options. The policy header is written by the
view itself, with django-csp's own builder (`csp.utils.build_policy`, the mechanism behind
`csp_replace`): the site's CSP middleware sits above the full-page cache, so an attribute a
`csp_replace` decorator sets on the response would be lost on a cache hit (the cached
copy carries headers only). Every other directive stays the site's policy. On a site
without django-csp the page gets a plain `Content-Security-Policy: frame-ancestors …`.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt

from coops.filters import DirectoryFilterSet

try:  # django-csp is the site's choice, not the plugin's requirement
    from csp.constants import HEADER, HEADER_REPORT_ONLY
    from csp.utils import build_policy
except ImportError:  # pragma: no cover - the site installs django-csp
    build_policy = None
    HEADER, HEADER_REPORT_ONLY = "Content-Security-Policy", "Content-Security-Policy-Report-Only"

DEFAULT_ORIGINS = ("'self'",)
#: The widget's own parameters, in the order its links repeat them.
EMBED_PARAMS = ("gemeente", "thema")
#: At most this many entries in the list (the map shows the same ones).
MAX_ENTRIES = 200


def allowed_origins():
    """The sources `frame-ancestors` allows; a value that could break the header is dropped."""
    configured = getattr(settings, "EMBED_ALLOWED_ORIGINS", None) or DEFAULT_ORIGINS
    origins = [origin.strip() for origin in configured]
    unsafe = set(" ;,\t\r\n\x00")
    return [o for o in origins if o and not unsafe & set(o)] or list(DEFAULT_ORIGINS)


def frame_policy_headers():
    """{header: value} with the site's policy and the widget's `frame-ancestors`."""
    replace = {"frame-ancestors": allowed_origins()}
    if build_policy is None:
        return {HEADER: "frame-ancestors " + " ".join(replace["frame-ancestors"])}
    headers = {}
    for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
        policy = build_policy(replace=replace, report_only=report_only)
        if policy:
            headers[header] = policy
    if HEADER not in headers:
        # Report-only sites enforce nothing, yet framing must stay limited to the origins.
        headers[HEADER] = "frame-ancestors " + " ".join(replace["frame-ancestors"])
    return headers


def embeddable(view):
    """A page route (`def view(self, request)`) that the allowed origins may frame."""

    @xframe_options_exempt
    @wraps(view)
    def wrapper(page, request, *args, **kwargs):
        response = view(page, request, *args, **kwargs)
        for header, value in frame_policy_headers().items():
            response[header] = value
        return response

    return wrapper


def query_string(params):
    items = []
    for name in EMBED_PARAMS:
        items.extend((name, value.strip()) for value in params.getlist(name) if value.strip())
    return urlencode(items)


def context(index_page, params):
    """The widget's entries (name, place, link) and the URLs of its map data and directory."""
    filterset = DirectoryFilterSet.for_page(params)
    entries = filterset.apply(index_page.entries()).select_related("municipality")[:MAX_ENTRIES]
    data = filterset.form.cleaned_data
    query = query_string(params)
    suffix = f"?{query}" if query else ""
    return {
        "entries": list(entries),
        "municipality": data.get("municipality"),
        "themes": data.get("theme") or [],
        "geojson_url": index_page.url + index_page.reverse_subpage("export_geojson") + suffix,
        "directory_query": suffix,
    }
