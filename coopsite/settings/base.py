"""Settings shared by every environment.

The environment is read here, in one place; dev, production and test only
override what differs. No secret has a default that production could use.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def tile_origin(url):
    """The origin of a Leaflet tile URL template, for img-src: "{s}." subdomains become "*."."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].replace('{s}.', '*.')}"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The site (depends on the plugin apps below, never the other way round).
    "home",
    "search",
    # The plugin: content apps any Wagtail site can install.
    "news",
    "coops",
    "core",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail",
    "rest_framework",
    "ninja",
    "corsheaders",
    "modelcluster",
    "taggit",
    "django_filters",
    # The task queue in the database for the production worker (core/tasks.py).
    "django_tasks",
    "django_tasks_db",
    # Login throttling: attempts, lockouts and their Django admin (coopsite/throttling.py).
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Leaflet's JavaScript and CSS for the directory maps (static files only).
    "js_lib_leaflet",
]

MIDDLEWARE = [
    # Full-page cache, ETag/Last-Modified and Cache-Control for anonymous GETs (core/cache/).
    # First, so a cached page runs no other middleware: it was stored with the headers all
    # of them added (security headers, CSP, CORS), and is keyed by the Origin header too.
    "core.cache.middleware.CacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every response that has none yet (coopsite/content_security.py).
    "coopsite.content_security.SiteCSPMiddleware",
    # CORS before anything that may answer early (CommonMiddleware); /api/ only.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # API v3: input Wagtail 8.0 would answer with a 500 gets a 422 problem.
    "core.middleware.APIv3InputMiddleware",
    # Last: turns a login that axes locked out into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coopsite.urls"
WSGI_APPLICATION = "coopsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# A CDN or Varnish in front that the site purges after each change (core/cache/purge.py,
# with wagtail.contrib.frontend_cache's backends): any of the three, or none.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_URL"):  # Varnish or another cache that takes HTTP PURGE
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache that treats an unreachable Redis as an empty cache
            # (core/cache_backends.py): a cache outage costs speed, never availability.
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "coopsite",
            # Fail fast when Redis hangs instead of refusing: one second, then a miss.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "coopsite",
        }
    }

# Background work (core/tasks.py, and Wagtail's search and reference index updates):
# "immediate" runs each task at once in the process that enqueued it (dev, tests);
# "database" stores it in the database for `manage.py db_worker` (Procfile: worker).
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}

# Mail: either one EMAIL_URL (dj-email-url: smtp://, submission:// for STARTTLS on 587,
# smtps:// for TLS, console://) or Django's separate EMAIL_* variables. Sending never fails
# a visitor's request (news/tasks.py); a wrong setting shows up in the log.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# A mail server that accepts the connection but never answers must not hold a worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Content-Security-Policy (django-csp, coopsite/content_security.py). Enforced unless
# CSP_REPORT_ONLY is set (then browsers only report what the policy would block).
# Map tiles and embedded videos are the only other origins. The tile server is set in one
# place, MAP_TILE_URL (a Leaflet URL template; the maps read it, and img-src allows its
# origin); CSP_IMG_HOSTS adds other image hosts. Video hosts come from the environment.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
CSP_IMG_HOSTS = env_list("CSP_IMG_HOSTS")
CSP_FRAME_HOSTS = env_list(
    "CSP_FRAME_HOSTS",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
_csp = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", tile_origin(MAP_TILE_URL), *CSP_IMG_HOSTS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_HOSTS],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Sites that may show the directory widget (/cooperaties/embed/) in an iframe: its
# `frame-ancestors` (coops/embed.py). Comma-separated origins, e.g.
# "'self',https://www.breda.nl"; only the site itself when unset.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS", "'self'")
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY")
CONTENT_SECURITY_POLICY = None if CSP_REPORT_ONLY else _csp
CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp if CSP_REPORT_ONLY else None
# Added under /admin/ and /django-admin/ only: what Wagtail 8's and Django's admins need
# (found by running them in Chromium: tests/browser/test_browser_csp.py). Inline scripts
# (inline panels, date widgets, chooser modals) and inline styles (the rich-text editor).
CSP_ADMIN_ALLOWANCES = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
}

# Login throttling and the client's address: coopsite/settings/logins.py.
from coopsite.settings.logins import *  # noqa: E402, F403

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The site serves uploaded images from MEDIA_ROOT itself (coopsite/views.py `media`);
# off when a proxy or object storage serves MEDIA_URL instead.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads (images, renditions, documents) on S3-compatible object storage, shared by every
# server, when a bucket is set (django-storages; credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY as boto3 reads them). Local disk (MEDIA_ROOT) otherwise.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # A public domain (a CDN) for the files; without it, URLs are signed.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
        },
    }
    SERVE_MEDIA = False

# Wagtail
WAGTAIL_SITE_NAME = "Sociale Coöperaties"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# The admin calls no other host (and the CSP allows none): no avatars from Gravatar (it
# would learn editors' e-mail hashes), no check for a newer Wagtail at releases.wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Wagtail's database backend made Dutch (search/backend.py); the two PostgreSQL
# text-search configurations are created by search/migrations/0001.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "dutch_unaccent",
        "AUTOCOMPLETE_CONFIG": "simple_unaccent",
    },
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Alt text required, upload errors in plain Dutch.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True
# Rich text in both APIs comes out as display HTML (internal links and embeds expanded).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# CORS: only the API, only the listed origins (read-only apps need no cookies).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
# Caching (core/cache/). Where the content version lives: "cache" (shared: Redis) or
# "database" (one row; the default with the per-process cache, so every gunicorn worker
# sees a publish at once).
CONTENT_VERSION_STORE = os.environ.get(
    "CONTENT_VERSION_STORE", "cache" if REDIS_URL else "database"
)
# How long a browser may keep an anonymous response (seconds; max-age).
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
# How long a CDN or Varnish may keep it (s-maxage); longer when the site purges it on publish.
CDN_CACHE_MAX_AGE = int(
    os.environ.get("CDN_CACHE_MAX_AGE", "3600" if WAGTAILFRONTENDCACHE else "60")
)
# Full pages of anonymous GETs, per content version (0 = off).
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "300"))
# Never cached: the admin, documents (collection privacy), health checks, uploads.
CACHE_EXCLUDED_PATHS = ["/admin/", "/django-admin/", "/documents/", "/health/", "/media/"]
# Menu, search results and suggestions cached per content version (core/cache/values.py).
CONTENT_CACHE_TIMEOUT = int(os.environ.get("CONTENT_CACHE_TIMEOUT", "300"))

# Where the plugin's index pages may be created in this site's tree.
COOPS_INDEX_PARENT_PAGE_TYPES = ["home.HomePage"]
NEWS_INDEX_PARENT_PAGE_TYPES = ["home.HomePage"]
# The Murmurations index told about published and removed entries (coops/federation.py);
# empty: off. The public index is https://index.murmurations.network (test: test-index…).
MURMURATIONS_INDEX_URL = os.environ.get("MURMURATIONS_INDEX_URL", "").rstrip("/")
# Where `import_murmurations` reads schemas (GET /v2/schemas/<name>); empty: the public one.
MURMURATIONS_LIBRARY_URL = os.environ.get("MURMURATIONS_LIBRARY_URL", "").rstrip("/")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
