import logging
import posixpath
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as django_server_error
from django.views.static import serve

logger = logging.getLogger(__name__)

#: Seconds a client (or proxy) should wait before asking again while the database is down.
RETRY_AFTER = 30
#: What a lost database connection raises (a query error inside a working database is a 500).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@never_cache
def health(request):
    """Liveness check without database work; also the benchmark's ceiling view."""
    return HttpResponse("ok", content_type="text/plain")


def _database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def _cache_is_up():
    ping = getattr(cache, "ping", None)  # core.cache_backends.ResilientRedisCache
    if ping is not None:
        return ping()
    return True  # a per-process cache can't be down


@never_cache
def readiness(request):
    """Which dependency is down, for a load balancer: 503 only when this server can't serve.

    Without the database nothing can be served (503). Without the cache the site still
    answers, only slower, and every server shares the same Redis: taking them all out of
    rotation would turn a slow site into no site, so a cache outage is a 200 "degraded".
    """
    checks = {
        "database": "ok" if _database_is_up() else "down",
        "cache": "ok" if _cache_is_up() else "down",
    }
    if checks["database"] == "down":
        status, code = "down", 503
    else:
        status, code = ("ok" if checks["cache"] == "ok" else "degraded"), 200
    response = JsonResponse({"status": status, **checks}, status=code)
    if code == 503:
        response["Retry-After"] = str(RETRY_AFTER)
    return response


def service_unavailable(request=None):
    """The Dutch "try again shortly" page, rendered without the database."""
    # No request context: context processors (site settings, menu) would query the database.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """handler500: a lost database is a 503 with Retry-After, anything else Django's 500.

    Django calls this for an exception from the view *and* from any middleware (sessions,
    redirects and site lookup query the database before a view runs), so this is the one
    place that sees every lost connection.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        logger.error("Database onbereikbaar: %s", error)
        return service_unavailable(request)
    return django_server_error(request, template_name=template_name)


#: Media folders anyone may read, with how long a browser or CDN may keep a file (seconds).
#: Renditions never change under their name (the filter spec is in it); an original may be
#: replaced by an editor, so it is kept for a day. Documents are not here: Wagtail serves
#: them through /documents/, which checks a collection's privacy.
PUBLIC_MEDIA = {
    "images/": "public, max-age=31536000, immutable",
    "original_images/": "public, max-age=86400",
}


def media(request, path):
    """Uploaded images from MEDIA_ROOT when this server keeps them on its own disk.

    whitenoise only serves files that existed when the process started, and Django's
    `static()` helper only works with DEBUG on, so under gunicorn uploads were a 404.
    `django.views.static.serve` does the safe part (no path outside MEDIA_ROOT,
    Last-Modified and If-Modified-Since); this adds the caching headers.
    """
    # The prefix is checked on the path serve() will open: "images/../documents/" is not images.
    path = posixpath.normpath(path).lstrip("/")
    cache_control = next(
        (value for prefix, value in PUBLIC_MEDIA.items() if path.startswith(prefix)), None
    )
    if cache_control is None:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = cache_control
    return response
