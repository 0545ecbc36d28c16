"""Logins: how wrong passwords are throttled (django-axes), and whose address counts."""

import os
from datetime import timedelta

# Login throttling (django-axes, coopsite/throttling.py): the Wagtail admin login, the
# Django admin login and page passwords. Wrong passwords count against three things at
# once, each with its own limit within AXES_COOLOFF_MINUTES; reaching any one locks it for
# that time, and each new try in that time restarts the wait:
# - one username (or restricted page) from one address: AXES_FAILURE_LIMIT (5);
# - one username from any address (a guess spread over many machines): AXES_ACCOUNT_FAILURE_LIMIT;
# - any username from one address (one machine trying many accounts): AXES_ADDRESS_FAILURE_LIMIT.
# Attempts live in the database, so a Redis outage changes nothing. Lockouts are listed, and
# lifted by deleting them, in the Django admin (/django-admin/axes/accessattempt/) or with
# `manage.py axes_reset_username` / `axes_reset_ip`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "coopsite.throttling.LoginThrottle"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# What a failure counts against, and how many failures lock it (the one list both axes and
# coopsite.throttling.LoginThrottle read).
LOGIN_FAILURE_LIMITS = [
    (("username", "ip_address"), AXES_FAILURE_LIMIT),
    ("username", int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "20"))),
    ("ip_address", int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))),
]
AXES_LOCKOUT_PARAMETERS = [
    list(scope) if isinstance(scope, tuple) else scope for scope, _ in LOGIN_FAILURE_LIMITS
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "coopsite.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "coopsite.throttling.client_ip"
# Proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
