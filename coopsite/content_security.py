"""The Content-Security-Policy header (django-csp), strict on the site, relaxed in the admins.

The site's own templates have no inline script, style or on-handler (static files only),
so the public policy allows scripts, styles and fonts from the site itself and nothing
else. Wagtail's and Django's admins still write inline scripts and style attributes
(inline panels, date widgets, the page editor), so paths under ADMIN_PREFIXES get the
allowances in settings.CSP_ADMIN_ALLOWANCES on top. A response that already carries a
policy (a view that sets its own, e.g. a frame-ancestors for an embeddable page) keeps
it: django-csp only adds the header when it is missing.
"""

from csp.middleware import CSPMiddleware

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIXES):
            update = dict(parts.update or {})
            for directive, sources in settings.CSP_ADMIN_ALLOWANCES.items():
                update[directive] = (*update.get(directive, ()), *sources)
            parts.update = update
        return parts
