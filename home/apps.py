from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home en algemene pagina's")

    def ready(self):
        # Inlogblokkades: administrators only (home/lockouts.py), before any admin view asks.
        from home import lockouts

        lockouts.register_policy()
