from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.cache.invalidation import register


class CoopsConfig(AppConfig):
    name = "coops"
    verbose_name = _("Coöperaties")

    def ready(self):
        # Visitors see themes and municipalities on entries, filters and the map.
        register(self.get_model("Theme"), self.get_model("Municipality"))
