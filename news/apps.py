from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.cache.version import register_clock
from news.clock import changed_between, next_change


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Nieuws en agenda")

    def ready(self):
        # Conferences start and end without an edit: the content version follows the clock.
        register_clock(next_change, pages=changed_between)
