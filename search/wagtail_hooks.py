"""Admin wording for search: editors know promoted results as "Aanbevolen resultaten".

Wagtail's search_promotions app provides both screens (Instellingen › Aanbevolen
resultaten, Rapporten › Meest gezocht); the search page logs every search for the
report (search.views.log_query).
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

MENU_LABELS = {
    "promoted-search-results": _("Aanbevolen resultaten"),
    "search-terms": _("Meest gezocht"),
}


def _relabel(menu_items):
    for item in menu_items:
        if item.name in MENU_LABELS:
            item.label = MENU_LABELS[item.name]


@hooks.register("construct_settings_menu")
def relabel_promoted_results(request, menu_items):
    _relabel(menu_items)


@hooks.register("construct_reports_menu")
def relabel_search_terms(request, menu_items):
    _relabel(menu_items)
