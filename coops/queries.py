"""The directory page's results: count, facets, the page of ids and the cards.

The filters are `coops.filters.DirectoryFilterSet` (read leniently). The count, the facets and
the page of ids come from one read of the matching ids and provinces (or from the database's
counts for broad queries), cached per content version, as are the cards' HTML, so the page is
a fixed number of SQL queries whatever the number of results.
"""

from collections import Counter
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from coops.filters import DEFAULT_SORT, SORT_LABELS, DirectoryFilterSet
from coops.models.choices import Kind, Status
from coops.models.places import Province
from coops.models.snippets import Theme
from core.cache import values as content_cache

PER_PAGE = 20
#: Up to this many matches the directory reads their ids and provinces once and takes
#: the count, the facets and the page from that list: the full-text search and the
#: filters run once per request. Beyond it (a broad query, the unfiltered directory)
#: the database counts and groups, which is cheaper than shipping every row.
MATERIALIZE_LIMIT = 5000

# The directory's own parameters, in the order they appear in URLs.
DIRECTORY_PARAMS = tuple(DirectoryFilterSet.page_parameters.values())


class DirectorySearch:
    """The directory's current query: filters, results, facets, and links that keep them."""

    def __init__(self, index_page, params):
        self.index_page = index_page
        self.params = params
        self.themes = list(Theme.objects.all())
        self.filterset = DirectoryFilterSet.for_page(params, themes=self.themes)
        self.notices = self.filterset.notices()
        self.filters = self.chosen()

    def chosen(self):
        """The filters in use, as the page's form shows them (ignored values left out)."""
        data = self.filterset.form.cleaned_data
        return {
            "q": data.get("q") or "",
            "province": data.get("province") or "",
            "municipality": data.get("municipality"),
            "themes": data.get("theme") or [],
            "kind": data.get("kind") or "",
            "status": data.get("status") or "",
            "social_shareholder": data.get("social_shareholder"),
            "special_statute": data.get("special_statute"),
            "sort": data.get("sort") or DEFAULT_SORT,
        }

    @cached_property
    def entries(self):
        """The directory's live, public entries (read only when the cache has no answer)."""
        return self.index_page.entries()

    @property
    def model(self):
        return self.entries.model

    def queryset(self):
        """The matching live, public entries in the chosen order."""
        return self.filterset.apply(self.entries)

    def query_items(self, drop=None):
        """The known, non-empty parameters as (name, value) pairs, minus `drop`."""
        items = []
        for name in DIRECTORY_PARAMS:
            for value in self.params.getlist(name):
                value = value.strip()
                if value and (name, value) != drop:
                    items.append((name, value))
        return items

    def query_string(self, drop=None):
        return urlencode(self.query_items(drop))

    def active_filters(self):
        """[(label, url without this filter)] for each filter in use."""
        labels = {
            "q": _("zoekterm"),
            "provincie": _("provincie"),
            "gemeente": _("gemeente"),
            "thema": _("thema"),
            "soort": _("soort"),
            "aandeelhouder": _("sociaal aandeelhouder"),
            "statuut": _("Bijzonder Statuut"),
            "status": _("status"),
        }
        theme_names = {theme.slug: theme.name for theme in self.themes}
        active = []
        for name, value in self.query_items():
            if name == "sort":
                continue
            shown = theme_names.get(value, value) if name == "thema" else value
            if name == "gemeente" and self.filters["municipality"] is not None:
                shown = self.filters["municipality"].name
            query = self.query_string(drop=(name, value))
            active.append(
                {"label": f"{labels[name]}: {shown}", "url": "?" + query if query else "."}
            )
        return active

    def facets(self, per_province, per_theme):
        """Links per province and per theme, with the counts among the current results."""
        base = self.query_items()
        provinces = []
        for province in Province.values:
            items = [(k, v) for k, v in base if k not in ("provincie", "gemeente")]
            provinces.append(
                {
                    "name": province,
                    "count": per_province.get(province, 0),
                    "active": province == self.filters["province"],
                    "url": "?" + urlencode([*items, ("provincie", province)]),
                }
            )
        themes = []
        for theme in self.themes:
            active = theme in self.filters["themes"]
            items = [(k, v) for k, v in base if (k, v) != ("thema", theme.slug)]
            if not active:
                items.append(("thema", theme.slug))
            themes.append(
                {
                    "name": theme.name,
                    "slug": theme.slug,
                    "count": per_theme.get(theme.pk, 0),
                    "active": active,
                    "url": "?" + urlencode(items),
                }
            )
        return {"provinces": provinces, "themes": themes}

    def _counted(self, request, queryset):
        """(page, count, per province, per theme) from the matching rows, read once.

        None when there are more than MATERIALIZE_LIMIT matches.
        """
        rows = list(queryset.values_list("pk", "province")[: MATERIALIZE_LIMIT + 1])
        if len(rows) > MATERIALIZE_LIMIT:
            return None
        ids = [pk for pk, _province in rows]
        per_province = Counter(province for _pk, province in rows)
        per_theme = {}
        if ids:
            per_theme = dict(
                self.model.themes.through.objects.filter(cooppage_id__in=ids)
                .values_list("theme_id")
                .annotate(count=Count("pk"))
                .order_by()
            )
        page_obj = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
        return page_obj, len(ids), per_province, per_theme

    def _aggregated(self, request, queryset):
        """(page, count, per province, per theme) counted and grouped by the database."""
        unordered = queryset.order_by()
        per_province = dict(
            unordered.values_list("province").annotate(count=Count("pk")).order_by()
        )
        through = self.model.themes.through.objects.filter(cooppage_id__in=unordered.values("pk"))
        per_theme = dict(through.values_list("theme_id").annotate(count=Count("pk")).order_by())
        paginator = Paginator(queryset.values_list("pk", flat=True), PER_PAGE)
        paginator.count = sum(per_province.values())  # one group per entry (blank province too)
        page_obj = paginator.get_page(request.GET.get("page"))
        page_obj.object_list = list(page_obj.object_list)
        return page_obj, paginator.count, per_province, per_theme

    def counted(self, request):
        """(page of entry ids, count, per province, per theme), cached per content version."""
        key = ("directory", self.index_page.pk, self.query_string(), request.GET.get("page"))
        cached = content_cache.get(*key)
        if cached is not None:
            count, number, ids, per_province, per_theme = cached
            return content_cache.page(count, number, PER_PAGE, ids), count, per_province, per_theme
        queryset = self.queryset()
        page_obj, count, per_province, per_theme = self._counted(
            request, queryset
        ) or self._aggregated(request, queryset)
        ids = page_obj.object_list
        content_cache.set((count, page_obj.number, ids, per_province, per_theme), *key)
        return page_obj, count, per_province, per_theme

    def cards(self, request, ids):
        """The HTML of each entry's card, in order; cached per entry and content version."""
        prefix = ("coop-card", self.index_page.pk)
        cards = content_cache.get_many(prefix, ids)
        missing = [pk for pk in ids if pk not in cards]
        if missing:
            # A plain context (the request only for {% pageurl %}): context processors
            # would run once per card.
            rendered = {
                coop.pk: render_to_string(
                    "coops/includes/coop_card.html", {"coop": coop, "request": request}
                )
                for coop in self.model.objects.with_cards().filter(pk__in=missing)
            }
            content_cache.set_many(prefix, rendered)
            cards.update(rendered)
        return [mark_safe(cards[pk]) for pk in ids if pk in cards]  # noqa: S308 (our template)

    def results(self, request):
        page_obj, count, per_province, per_theme = self.counted(request)
        query = self.query_string()
        base_url = self.index_page.url or ""
        suffix = "?" + query if query else ""
        return {
            "filters": self.filters,
            "notices": self.notices,
            "page_obj": page_obj,
            "cards": self.cards(request, page_obj.object_list),
            "count": count,
            "facets": self.facets(per_province, per_theme),
            "active_filters": self.active_filters(),
            "query_string": query,
            "themes": self.themes,
            "provinces": Province.values,
            "kinds": Kind.choices,
            "statuses": Status.choices,
            "sorts": SORT_LABELS,
            "exports": {
                "csv": f"{base_url}export/csv/{suffix}",
                "json": f"{base_url}export/json/{suffix}",
                "geojson": f"{base_url}export/geojson/{suffix}",
            },
        }
