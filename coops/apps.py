from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopsConfig(AppConfig):
    name = "coops"
    verbose_name = _("Coöperaties")

    def ready(self):
        from coops import signals  # noqa: PLC0415 (models are ready only now)

        signals.connect()
