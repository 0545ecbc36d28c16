from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.http_cache import connect_signals


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Bouwstenen")

    def ready(self):
        connect_signals()
