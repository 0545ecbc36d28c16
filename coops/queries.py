"""The directory's search and filters, shared by the directory page, the exports and the API.

One parser turns URL parameters into `Filters`; `apply_filters` turns those into a plain
queryset of live, public entries. Full-text search goes through Wagtail's search backend
and joins the rest as a subquery of matching ids, so every filter, facet and export stays
one SQL query whatever the number of results.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wagtail.api.v2.utils import BadRequestError

from coops.aliases import MUNICIPALITY_ALIASES, official_municipality_name
from coops.models import CoopPage, Municipality, Province, Theme
from core import content_cache

PER_PAGE = 20
#: Up to this many matches the directory reads their ids and provinces once and takes
#: the count, the facets and the page from that list: the full-text search and the
#: filters run once per request. Beyond it (a broad query, the unfiltered directory)
#: the database counts and groups, which is cheaper than shipping every row.
MATERIALIZE_LIMIT = 1000
YES = {"ja", "1", "true", "on", "yes"}
NO = {"nee", "0", "false", "off", "no"}
MUNICIPALITY_CODE_RE = re.compile(r"^GM\d{4}$", re.IGNORECASE)

SORTS = {
    "naam": ("title", "pk"),
    "nieuw": ("-first_published_at", "-pk"),
    "opgericht": (F("founded_year").asc(nulls_last=True), "title"),
}
SORT_LABELS = {"naam": "naam", "nieuw": "nieuwste eerst", "opgericht": "jaar van oprichting"}


def expand_aliases(query):
    """Replace common municipality names in a search ("Den Bosch") by the CBS name."""
    for alias, official in MUNICIPALITY_ALIASES.items():
        pattern = r"(?<![\w'-])" + re.escape(alias) + r"(?![\w-])"
        query = re.sub(pattern, official, query, flags=re.IGNORECASE)
    return query


# Visitors type words; quotes and operators would reach the full-text engine verbatim
# (an unbalanced `"` is an SQL error in SQLite FTS5), so only word characters are kept.
SEARCH_JUNK_RE = re.compile(r"[^\w\s'-]+")


def clean_search_query(query):
    return " ".join(SEARCH_JUNK_RE.sub(" ", query or "").split())


def search_ids(query):
    """A subquery (or list) of the ids of entries that match `query` in the search index."""
    results = CoopPage.objects.all().search(
        expand_aliases(query), operator="and", order_by_relevance=False
    )
    # The database backends expose the matching rows as a queryset; use it as a subquery
    # instead of loading every hit. Other backends (Elasticsearch) return ids.
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [hit.pk for hit in results]


def find_municipality(value):
    """A Municipality by CBS code, name or common name (case-insensitive), or None."""
    value = (value or "").strip()
    if not value:
        return None
    if MUNICIPALITY_CODE_RE.match(value):
        return Municipality.objects.filter(code=value.upper()).first()
    return Municipality.objects.filter(name__iexact=official_municipality_name(value)).first()


@dataclass
class Filters:
    q: str = ""
    province: str = ""
    municipality: Municipality | None = None
    themes: list = field(default_factory=list)
    kind: str = ""
    social_shareholder: bool | None = None
    special_statute: bool | None = None
    status: str = ""
    sort: str = "naam"

    def apply(self, queryset):
        if self.q:
            queryset = queryset.filter(pk__in=search_ids(self.q))
        if self.province:
            queryset = queryset.filter(province=self.province)
        if self.municipality is not None:
            queryset = queryset.filter(municipality=self.municipality)
        if self.themes:
            # Any of the chosen themes (checkboxes widen the list, like most facets).
            through = CoopPage.themes.through.objects.filter(theme__in=self.themes)
            queryset = queryset.filter(pk__in=through.values("cooppage_id"))
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.social_shareholder is not None:
            queryset = queryset.filter(social_shareholder__isnull=not self.social_shareholder)
        if self.special_statute is not None:
            queryset = queryset.filter(special_statute=self.special_statute)
        if self.status:
            queryset = queryset.filter(status=self.status)
        return queryset

    def order(self, queryset):
        return queryset.order_by(*SORTS.get(self.sort, SORTS["naam"]))


def parse_directory_params(params, themes):
    """Filters from the directory's Dutch GET parameters, plus notices for what was ignored.

    Bad values never fail: the filter is dropped and a Dutch notice says why.
    """
    filters = Filters()
    notices = []
    filters.q = clean_search_query(params.get("q"))[:200]

    province = (params.get("provincie") or "").strip()
    if province:
        match = next((p for p in Province.values if p.lower() == province.lower()), None)
        if match:
            filters.province = match
        else:
            notices.append(_("Onbekende provincie ‘%(value)s’ genegeerd.") % {"value": province})

    municipality = (params.get("gemeente") or "").strip()
    if municipality:
        filters.municipality = find_municipality(municipality)
        if filters.municipality is None:
            notices.append(
                _("Gemeente ‘%(value)s’ niet gevonden; dit filter is genegeerd.")
                % {"value": municipality}
            )

    by_slug = {theme.slug: theme for theme in themes}
    for slug in params.getlist("thema"):
        slug = slug.strip()
        if not slug:
            continue
        if slug in by_slug:
            if by_slug[slug] not in filters.themes:
                filters.themes.append(by_slug[slug])
        else:
            notices.append(_("Onbekend thema ‘%(value)s’ genegeerd.") % {"value": slug})

    for param, attr, choices in (
        ("soort", "kind", CoopPage.Kind.values),
        ("status", "status", CoopPage.Status.values),
    ):
        value = (params.get(param) or "").strip()
        if value in choices:
            setattr(filters, attr, value)
        elif value:
            notices.append(
                _("Onbekende waarde ‘%(value)s’ voor %(param)s genegeerd.")
                % {"value": value, "param": param}
            )

    for param, attr in (("aandeelhouder", "social_shareholder"), ("statuut", "special_statute")):
        value = (params.get(param) or "").strip().lower()
        if value in YES:
            setattr(filters, attr, True)
        elif value in NO:
            setattr(filters, attr, False)
        elif value:
            notices.append(
                _("Gebruik ja of nee voor %(param)s; ‘%(value)s’ is genegeerd.")
                % {"param": param, "value": value}
            )

    sort = (params.get("sort") or "").strip()
    if sort in SORTS:
        filters.sort = sort
    elif sort:
        notices.append(_("Onbekende sortering ‘%(value)s’; gesorteerd op naam.") % {"value": sort})
    return filters, notices


# The directory's own parameters, in the order they appear in URLs.
DIRECTORY_PARAMS = (
    "q",
    "provincie",
    "gemeente",
    "thema",
    "soort",
    "aandeelhouder",
    "statuut",
    "status",
    "sort",
)


class DirectorySearch:
    """The directory's current query: filters, results, facets, and links that keep them."""

    def __init__(self, index_page, params):
        self.index_page = index_page
        self.params = params
        self.themes = list(Theme.objects.all())
        self.filters, self.notices = parse_directory_params(params, self.themes)

    def queryset(self):
        """The matching live, public entries in the chosen order."""
        return self.filters.order(self.filters.apply(self.index_page.entries()))

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
            if name == "gemeente" and self.filters.municipality is not None:
                shown = self.filters.municipality.name
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
                    "active": province == self.filters.province,
                    "url": "?" + urlencode([*items, ("provincie", province)]),
                }
            )
        themes = []
        for theme in self.themes:
            active = theme in self.filters.themes
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
                CoopPage.themes.through.objects.filter(cooppage_id__in=ids)
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
        through = CoopPage.themes.through.objects.filter(cooppage_id__in=unordered.values("pk"))
        per_theme = dict(through.values_list("theme_id").annotate(count=Count("pk")).order_by())
        paginator = Paginator(queryset.values_list("pk", flat=True), PER_PAGE)
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
                for coop in CoopPage.objects.with_cards().filter(pk__in=missing)
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
            "kinds": CoopPage.Kind.choices,
            "statuses": CoopPage.Status.choices,
            "sorts": SORT_LABELS,
            "exports": {
                "csv": f"{base_url}export/csv/{suffix}",
                "json": f"{base_url}export/json/{suffix}",
                "geojson": f"{base_url}export/geojson/{suffix}",
            },
        }


def _api_bool(params, name):
    value = params.get(name)
    if value is None:
        return None
    value = value.strip().lower()
    if value == "true":
        return True
    if value == "false":
        return False
    raise BadRequestError(f"{name}: gebruik true of false, niet ‘{value}’")


def filter_api_queryset(queryset, params):
    """The directory's filters as API v2 parameters; a bad value is a 400 naming it."""
    if "province" in params:
        province = params["province"]
        if province not in Province.values:
            raise BadRequestError(
                f"province: onbekende provincie ‘{province}’; kies uit {', '.join(Province.values)}"
            )
        queryset = queryset.filter(province=province)
    if "municipality" in params:
        code = params["municipality"].strip().upper()
        if not MUNICIPALITY_CODE_RE.match(code):
            raise BadRequestError(
                f"municipality: verwacht een CBS-code zoals GM0758, niet ‘{params['municipality']}’"
            )
        # Filter on the indexed foreign key, not on `municipality__code`, so the
        # filter combines with `search` (the search backend filters indexed fields only).
        municipality_id = Municipality.objects.filter(code=code).values_list("pk", flat=True)
        municipality_id = municipality_id.first()
        if municipality_id is None:
            raise BadRequestError(f"municipality: onbekende CBS-code ‘{code}’")
        queryset = queryset.filter(municipality=municipality_id)
    if "theme" in params:
        slugs = [slug.strip() for slug in params.getlist("theme") if slug.strip()]
        known = set(Theme.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [slug for slug in slugs if slug not in known]
        if unknown or not slugs:
            raise BadRequestError(f"theme: onbekend thema ‘{', '.join(unknown)}’")
        through = CoopPage.themes.through.objects.filter(theme__slug__in=slugs)
        queryset = queryset.filter(pk__in=through.values("cooppage_id"))
    shareholder = _api_bool(params, "social_shareholder")
    if shareholder is not None:
        queryset = queryset.filter(social_shareholder__isnull=not shareholder)
    statute = _api_bool(params, "special_statute")
    if statute is not None:
        queryset = queryset.filter(special_statute=statute)
    if "status" in params:
        status = params["status"]
        if status not in CoopPage.Status.values:
            raise BadRequestError(
                f"status: onbekende status ‘{status}’; kies uit {', '.join(CoopPage.Status.values)}"
            )
        queryset = queryset.filter(status=status)
    return queryset
