"""HTTP caching of the public API (see core/http_cache.py); v3 body guard."""

import json

from django.conf import settings
from django.http import HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from core.http_cache import etag_for, max_age


def _is_anonymous(request):
    """No token and no session: the response is the same for everybody."""
    return "Authorization" not in request.headers and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _if_none_match(request):
    header = request.headers.get("If-None-Match", "")
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


class APICacheMiddleware:
    """ETag + Cache-Control for anonymous GETs under API_CACHE_PREFIX; 304 when unchanged.

    Requests with a token or a session are never cached by shared caches.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "API_CACHE_PREFIX", "/api/")

    def __call__(self, request):
        if not request.path.startswith(self.prefix) or request.method not in ("GET", "HEAD"):
            return self.get_response(request)

        if not _is_anonymous(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ("Authorization", "Cookie"))
            return response

        etag = etag_for(request)
        if etag in _if_none_match(request) or "*" in _if_none_match(request):
            response = HttpResponseNotModified()
            self._add_headers(response, etag)
            return response

        response = self.get_response(request)
        if response.status_code == 200:
            self._add_headers(response, etag)
        return response

    @staticmethod
    def _add_headers(response, etag):
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=max_age())
        patch_vary_headers(response, ("Accept", "Authorization", "Cookie"))


#: The largest id a database row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def _problem(status, title, detail, **extra):
    return JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra},
        status=status,
        content_type="application/problem+json",
    )


def _problem_422(loc, detail, error_type):
    return _problem(
        422,
        "Unprocessable Content",
        detail,
        errors=[{"loc": loc, "msg": detail, "type": error_type}],
    )


class APIv3InputMiddleware:
    """Input Wagtail 8.0's v3 API reads before validating it gets a 422 problem, not a 500.

    Found by the schemathesis run in tests/test_api_fuzz.py:
    - every JSON body in v3 is an object, but the page schemas pick the page type
      from `body["meta"]` first and crash on `[...]`, `null` or a number;
    - PATCH /pages/{page_id}/ looks the page up with the raw path value first and
      crashes on a non-integer id such as `0.5`, or on one beyond a 64-bit integer
      (OverflowError on SQLite): no such page exists, so that is a 404.
    """

    namespace = "wagtailapi_v3"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or self.namespace not in match.namespaces:
            return None
        for name, value in view_kwargs.items():
            if not name.endswith("_id"):
                continue
            if not str(value).isdigit():
                detail = str(_("Verwacht een geheel getal."))
                return _problem_422(["path", name], detail, "int_parsing")
            if int(value) > MAX_ID:
                return _problem(404, "Not Found", str(_("Niet gevonden.")))
        if (
            request.method not in ("POST", "PUT", "PATCH")
            or request.content_type != "application/json"
            or not request.body
        ):
            return None
        try:
            body = json.loads(request.body)
        except ValueError:
            return None  # Ninja answers malformed JSON itself
        if isinstance(body, dict):
            return None
        return _problem_422(["body"], str(_("De body moet een JSON-object zijn.")), "object_type")
