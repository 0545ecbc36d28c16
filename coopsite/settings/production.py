"""Production: PostgreSQL via DATABASE_URL, behind a TLS-terminating proxy.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS. The error is one
readable line (SystemExit), not a traceback, so a deploy log says what to fix.
"""

import os
import sys

from .base import *  # noqa: F403
from .base import env_bool

_missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not globals().get(name)]
if _missing:
    sys.exit(
        "Configuratiefout: zet de omgevingsvariabele(n) "
        + " en ".join(_missing)
        + " voor productie (zie README, 'Configuratie')."
    )

DEBUG = False
# Tasks go to the worker (Procfile: worker) unless TASK_BACKEND says otherwise.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASK_BACKEND", "database")]}}  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
