from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.cache.invalidation import register


class CoopsConfig(AppConfig):
    name = "coops"
    verbose_name = _("Coöperaties")

    def ready(self):
        # Visitors see themes and municipalities on entries, filters and the map.
        register(self.get_model("Theme"), self.get_model("Municipality"))
        # coops.signals imports the models, which Django allows only once the apps are loaded
        # (Django's own advice: connect signals in ready()); not a cycle, the one late import.
        import_module("coops.signals").connect()
