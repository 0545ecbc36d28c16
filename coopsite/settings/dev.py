"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A development-only key; production.py refuses to start without a real one.
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-sociale-cooperaties"  # noqa: F405, S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
