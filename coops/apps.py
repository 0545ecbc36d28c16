from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopsConfig(AppConfig):
    name = "coops"
    verbose_name = _("Coöperaties")

    def ready(self):
        # Municipalities come from coops/data/gemeenten.csv: viewable, never edited.
        from wagtail.permissions import register_permission_policy

        from coops.models import Municipality
        from core.permissions import ReadOnlyPolicy

        register_permission_policy(Municipality, ReadOnlyPolicy(Municipality))
