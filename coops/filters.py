"""The directory's parameters, declared once: the page (lenient), the API (strict), the exports.

    DirectoryFilterSet(request.GET, entries, lenient=True)   # the directory page and exports
    CoopPage.api_filterset = DirectoryFilterSet               # /api/v2/pages/?type=coops.CoopPage

The API names (`province`, `municipality`, …) are the filters' names; the page keeps its Dutch
ones (`provincie`, `gemeente`, …, see `page_parameters`). The page also finds a municipality by
name or common alias ("Den Bosch"), where the API takes a CBS code only.

Filters stay combinable with the API's `search=`: Wagtail's search backend filters only on
indexed FilterFields, so the municipality is filtered by its foreign key (not its code) and
themes through a `pk__in` subquery of the link table.
"""

import re

import django_filters

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from coops.aliases import MUNICIPALITY_ALIASES, official_municipality_name
from coops.models.choices import Kind, Status
from coops.models.places import Municipality, Province, is_municipality_code
from coops.models.snippets import Theme
from core.filters import ListingFilterSet, YesNoFilter

#: The page's orders (`sort=`); the API has its own `order=`.
SORTS = {
    "naam": ("title", "pk"),
    "nieuw": ("-first_published_at", "-pk"),
    "opgericht": (F("founded_year").asc(nulls_last=True), "title"),
}
DEFAULT_SORT = "naam"
SORT_LABELS = {"naam": "naam", "nieuw": "nieuwste eerst", "opgericht": "jaar van oprichting"}
MAX_QUERY_LENGTH = 200

# Visitors type words; quotes and operators would reach the full-text engine verbatim
# (an unbalanced `"` is an SQL error in SQLite FTS5), so only word characters are kept.
SEARCH_JUNK_RE = re.compile(r"[^\w\s'-]+")


def clean_search_query(query):
    return " ".join(SEARCH_JUNK_RE.sub(" ", query or "").split())[:MAX_QUERY_LENGTH]


def expand_aliases(query):
    """Replace common municipality names in a search ("Den Bosch") by the CBS name."""
    for alias, official in MUNICIPALITY_ALIASES.items():
        pattern = r"(?<![\w'-])" + re.escape(alias) + r"(?![\w-])"
        query = re.sub(pattern, official, query, flags=re.IGNORECASE)
    return query


def search_ids(model, query):
    """A subquery (or list) of the ids of entries that match `query` in the search index."""
    results = model.objects.all().search(
        expand_aliases(query), operator="and", order_by_relevance=False
    )
    # The database backends expose the matching rows as a queryset; use it as a subquery
    # instead of loading every hit. Other backends (Elasticsearch) return ids.
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [hit.pk for hit in results]


class KnownChoiceField(forms.ChoiceField):
    """A value from fixed choices; people may type it in any case, apps must match exactly."""

    lenient = False

    def __init__(self, *, unknown, **kwargs):
        self.unknown = unknown
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if self.lenient:
            for choice, _label in self.choices:
                if str(choice).lower() == value.lower():
                    return str(choice)
        return value

    def validate(self, value):
        if value and not self.valid_value(value):
            message = self.unknown
            if not self.lenient:
                message = _("%(unknown)s; kies uit %(choices)s") % {
                    "unknown": message,
                    "choices": ", ".join(str(choice) for choice, _label in self.choices),
                }
            raise ValidationError(message, code="invalid_choice", params={"value": value})


class ChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter whose message names what was unknown (`unknown=`)."""

    field_class = KnownChoiceField


class MunicipalityChoiceField(forms.Field):
    """A Municipality by CBS code; on the page also by (common) name, case-insensitive."""

    lenient = False

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        if "\x00" in value:
            # PostgreSQL refuses NUL in a text comparison (a 500); no name contains one.
            raise ValidationError(_("een gemeente bevat geen NUL-teken"), code="null_characters")
        if is_municipality_code(value):
            municipality = Municipality.objects.filter(code=value.upper()).first()
            if municipality is None:
                raise ValidationError(
                    _("onbekende CBS-code ‘%(value)s’"), code="unknown", params={"value": value}
                )
            return municipality
        if not self.lenient:
            raise ValidationError(
                _("verwacht een CBS-code zoals GM0758, niet ‘%(value)s’"),
                code="invalid",
                params={"value": value},
            )
        name = official_municipality_name(value)
        municipality = Municipality.objects.filter(name__iexact=name).first()
        if municipality is None:
            raise ValidationError(
                _("onbekende gemeente ‘%(value)s’"), code="unknown", params={"value": value}
            )
        return municipality


class ThemeSlugsField(forms.Field):
    """Theme slugs (repeatable), checked against the themes the filter set loads once.

    The page keeps the known ones and notes the unknown ones in `ignored`; for the API any
    unknown slug is an error.
    """

    widget = forms.SelectMultiple
    lenient = False
    ignored = ()

    def get_themes(self):
        return []

    def to_python(self, value):
        slugs = [slug.strip() for slug in value or () if slug.strip()]
        if not slugs:
            return []
        by_slug = {theme.slug: theme for theme in self.get_themes()}
        unknown = [slug for slug in slugs if slug not in by_slug]
        message = _("onbekend thema ‘%(value)s’")
        if unknown and not self.lenient:
            raise ValidationError(message, code="unknown", params={"value": ", ".join(unknown)})
        self.ignored = [message % {"value": slug} for slug in unknown]
        return list(dict.fromkeys(by_slug[slug] for slug in slugs if slug in by_slug))

    def validate(self, value):
        """No theme, no filter."""


class SearchQueryField(forms.CharField):
    def to_python(self, value):
        return clean_search_query(super().to_python(value))


class MunicipalityFilter(django_filters.Filter):
    field_class = MunicipalityChoiceField


class ThemesFilter(django_filters.Filter):
    field_class = ThemeSlugsField


class SearchQueryFilter(django_filters.Filter):
    field_class = SearchQueryField


class DirectoryFilterSet(ListingFilterSet):
    """The directory's parameters: API names here, the page's Dutch names in `page_parameters`."""

    province = ChoiceFilter(choices=Province.choices, unknown=_("onbekende provincie ‘%(value)s’"))
    municipality = MunicipalityFilter(method="by_municipality")
    theme = ThemesFilter(method="by_themes")
    kind = ChoiceFilter(choices=Kind.choices, unknown=_("onbekende soort ‘%(value)s’"))
    social_shareholder = YesNoFilter(method="by_social_shareholder")
    special_statute = YesNoFilter(field_name="special_statute")
    status = ChoiceFilter(choices=Status.choices, unknown=_("onbekende status ‘%(value)s’"))
    q = SearchQueryFilter(method="by_search_query")
    sort = ChoiceFilter(
        choices=list(SORT_LABELS.items()),
        unknown=_("onbekende sortering ‘%(value)s’"),
        method="by_sort",
    )

    page_parameters = {
        "q": "q",
        "province": "provincie",
        "municipality": "gemeente",
        "theme": "thema",
        "kind": "soort",
        "social_shareholder": "aandeelhouder",
        "special_statute": "statuut",
        "status": "status",
        "sort": "sort",
    }
    page_only = ("q", "sort")

    def __init__(self, data=None, queryset=None, *, themes=None, **kwargs):
        # The page passes the themes it shows anyway, so checking `thema` costs no query.
        self.themes = themes
        super().__init__(data, queryset, **kwargs)

    @property
    def form(self):
        form = super().form
        form.fields["theme"].get_themes = self.get_themes
        return form

    @classmethod
    def for_page(cls, params, themes=None):
        """The page's parameters, read leniently; `apply()` filters a directory's entries.

        The entries come later because `.public()` reads the view restrictions when it is
        called, and a page served from the content cache needs only the form.
        """
        return cls(params, Page.objects.none(), lenient=True, themes=themes)

    def apply(self, entries):
        """`entries` filtered, in the chosen order (by name unless `sort` says otherwise)."""
        self.errors  # noqa: B018 - validates the form, as FilterSet.qs does
        return self.filter_queryset(entries.order_by(*SORTS[DEFAULT_SORT]))

    def get_themes(self):
        if self.themes is None:
            self.themes = list(Theme.objects.all())
        return self.themes

    def notices(self):
        """ListingFilterSet's notices, plus one per unknown theme the page left out."""
        notices = super().notices()  # validates the form first
        for message in self.form.fields["theme"].ignored:
            notices.append(gettext("%(problem)s genegeerd.") % {"problem": capfirst(message)})
        return notices

    def by_municipality(self, queryset, name, municipality):
        # The indexed foreign key, not `municipality__code`: combinable with `search=`.
        return queryset.filter(municipality=municipality.pk)

    def by_themes(self, queryset, name, themes):
        # Any of the chosen themes (checkboxes widen the list, like most facets).
        links = queryset.model.themes.through.objects.filter(theme__in=[t.pk for t in themes])
        return queryset.filter(pk__in=links.values("cooppage_id"))

    def by_social_shareholder(self, queryset, name, value):
        return queryset.filter(social_shareholder__isnull=not value)

    def by_search_query(self, queryset, name, query):
        return queryset.filter(pk__in=search_ids(queryset.model, query))

    def by_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])
