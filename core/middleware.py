"""HTTP caching of the public API (see core/http_cache.py)."""

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

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
