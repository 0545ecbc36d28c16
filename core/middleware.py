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


class APIv3JSONBodyMiddleware:
    """A v3 write whose JSON body is not an object gets a 422 problem instead of a 500.

    Every body in Wagtail 8.0's v3 API is a JSON object, but its page schemas pick
    the page type from `body["meta"]` before validating, and crash on `[...]`,
    `null` or a number (found by the schemathesis run in tests/test_api_fuzz.py).
    """

    namespace = "wagtailapi_v3"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match is None
            or self.namespace not in match.namespaces
            or request.method not in ("POST", "PUT", "PATCH")
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
        detail = _("De body moet een JSON-object zijn.")
        return JsonResponse(
            {
                "type": "about:blank",
                "title": "Unprocessable Content",
                "status": 422,
                "detail": str(detail),
                "errors": [{"loc": ["body"], "msg": str(detail), "type": "object_type"}],
            },
            status=422,
            content_type="application/problem+json",
        )
