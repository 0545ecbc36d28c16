"""A minimal Wagtail site with only the plugin (core, coops, news): no coopsite, home or search.

It proves the plugin installs into any Wagtail 8 project. Used by
tests/test_plugin.py, which runs tests/plugin/check_plugin.py with these settings
in a separate pytest process.
"""

import os
import tempfile

import dj_database_url

SECRET_KEY = "plugin-test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "tests.plugin.urls"

INSTALLED_APPS = [
    "news",
    "coops",
    "core",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.users",
    "wagtail.sites",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail",
    "rest_framework",
    "ninja",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.cache.middleware.CacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.APIv3InputMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": dj_database_url.config(default="sqlite://:memory:")}
# Its own test database, so it can run while the main suite holds `test_<name>`.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default'].get('NAME')}_plugin"}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
LANGUAGE_CODE = "nl"
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = tempfile.mkdtemp(prefix="coopsite-plugin-media-")
WAGTAIL_SITE_NAME = "Plugin"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
