from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.http_cache import connect_signals


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Bouwstenen")

    def ready(self):
        connect_signals()
        # Wagtail 8.0.1's v3 shows a token less than anonymous (core/v3_visibility.py).
        from core import v3_visibility

        v3_visibility.install()
        # Webhooks: administrators only (registered before any admin view asks), and the
        # page signals that create deliveries.
        from core.webhooks import admin, events

        admin.register_policies()
        events.connect()
