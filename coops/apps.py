from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopsConfig(AppConfig):
    name = "coops"
    verbose_name = _("Coöperaties")

    def ready(self):
        from core.cache.invalidation import register

        # Visitors see themes and municipalities on entries, filters and the map.
        register(self.get_model("Theme"), self.get_model("Municipality"))
