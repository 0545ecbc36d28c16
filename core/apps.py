from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.cache.invalidation import connect_signals


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Bouwstenen")

    def ready(self):
        connect_signals()
        # A CDN in front is told what to forget after each change (core/cache/purge.py).
        # Wagtail 8.0.1's v3 shows a token less than anonymous (core/v3_visibility.py).
        from core import v3_visibility
        from core.cache import purge  # noqa: F401

        v3_visibility.install()
        # Webhooks: administrators only (registered before any admin view asks), and the
        # page signals that create deliveries.
        from core.webhooks import admin, events

        admin.register_policies()
        events.connect()
