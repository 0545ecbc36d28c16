"""Login throttling (django-axes) for the three places a password is tried.

The Wagtail admin login and the Django admin login call `authenticate()`, which axes
watches through its backend. A password-restricted page's form checks the password
itself (`wagtail.views.authenticate_with_password`), so `page_password` wraps that view:
it asks axes before the form is handled and reports a wrong password with Django's
`user_login_failed` signal, the same signal a failed login sends. The "username" of a
page password is the restriction, so the limits count per restriction.

Axes has one failure limit for all its lockout parameters; `LoginThrottle` gives each
its own (settings.LOGIN_FAILURE_LIMITS): a few per account and address, more per account
from anywhere and per address for any account.

Attempts are kept in the database (AxesDatabaseHandler), not in the cache: a Redis
outage neither locks anyone out nor lets the counter forget.
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit, get_lockout_response
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from wagtail.views import authenticate_with_password


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the proxy's X-Forwarded-For entry for it.

    With `TRUSTED_PROXY_COUNT` proxies in front of the site (set in the environment), the
    client is the entry that many places from the right; anything further left was
    written by the client and can't be trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with a limit per lockout parameter.

    Axes compares the largest failure count of its parameters with one limit. Here each
    count is first scaled to that limit (count × AXES_FAILURE_LIMIT ÷ its own limit), so
    whichever parameter reaches its own limit locks, and axes' checks stay as they are.
    """

    def get_failures(self, request, credentials=None):
        limit = get_failure_limit(request, credentials)
        scopes = self.get_user_attempts(request, credentials)
        return max(
            (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0) * limit // own
            for attempts, (_, own) in zip(scopes, settings.LOGIN_FAILURE_LIMITS, strict=True)
        )

    def reset_user_attempts(self, request, credentials=None):
        """A good password clears its own account-and-address failures only.

        Axes would clear every failure of the account and of the address, so a guesser
        elsewhere would start again each time the real user logs in.
        """
        attempts = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
        return attempts.delete()[0]


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a Dutch page that says how long to wait, as a 429."""
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None
    content = loader.render_to_string(
        "lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        request=request,
    )
    response = HttpResponse(content, status=settings.AXES_HTTP_RESPONSE_CODE)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    add_never_cache_headers(response)
    return response


def page_password_credentials(page_view_restriction_id):
    return {"username": f"paginawachtwoord-{page_view_restriction_id}"}


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password view, counted and locked like a login."""
    credentials = page_password_credentials(page_view_restriction_id)
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    # A valid password redirects; a wrong one shows the form again (200).
    if request.method == "POST" and response.status_code == 200:
        # At the limit axes marks the request locked out; AxesMiddleware answers for it.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response
