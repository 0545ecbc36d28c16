"""The news listings' parameters, each declared once (core.filters.ListingFilterSet).

- `NewsFilterSet`: the news index page's `tag`, `theme` and `year`, read leniently: a
  value the index doesn't hold simply doesn't filter (and the form says so).
- `AgendaFilterSet`: the conferences' API parameters `start_after`, `start_before` and
  `upcoming` (`ConferencePage.api_filterset`), read strictly: a bad value is a 400 naming it.
"""

import datetime
import zoneinfo
from urllib.parse import urlencode

import django_filters

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from coops.models import Theme
from core.filters import ListingFilterSet, YesNoFilter

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


class NewsFilterSet(ListingFilterSet):
    """Plain-GET filters of the news index: shareable URLs; bad input just doesn't filter.

    Choices come from what the index actually holds (`index.live_items()`), so every
    option finds something.
    """

    tag = django_filters.ChoiceFilter(
        field_name="tags__slug", label=_("Trefwoord"), empty_label=_("Alle trefwoorden")
    )
    theme = django_filters.ChoiceFilter(
        field_name="themes__slug", label=_("Thema"), empty_label=_("Alle thema's")
    )
    year = django_filters.TypedChoiceFilter(
        field_name="date", lookup_expr="year", label=_("Jaar"), coerce=int, empty_value=None
    )

    page_parameters = {"tag": "tag", "theme": "theme", "year": "year"}

    def __init__(self, data=None, queryset=None, *, index, **kwargs):
        super().__init__(data, queryset, **kwargs)
        items = index.live_items()
        page_ids = items.values("pk")
        self.filters["tag"].extra["choices"] = list(
            Tag.objects.filter(news_newsitemtag_items__content_object__in=page_ids)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        self.filters["theme"].extra["choices"] = list(
            Theme.objects.filter(news_items__in=page_ids)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        years = (
            items.annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.filters["year"].extra["choices"] = [("", _("Alle jaren"))] + [
            (str(year), str(year)) for year in years
        ]

    def _valid(self, name):
        """The cleaned value of one filter, or None when absent or invalid."""
        self.is_valid()
        return self.form.cleaned_data.get(name) or None

    def active_tag(self):
        """The tag slug the listing is filtered on, for the tag's feed links."""
        return self._valid("tag")

    def query_string(self):
        """The filters that apply, as a query string for pagination links."""
        values = [(self.page_parameters[name], self._valid(name)) for name in self.filters]
        return urlencode([(parameter, value) for parameter, value in values if value])


class DayStartField(forms.DateField):
    """A day as JJJJ-MM-DD (ISO 8601), the form apps send, read as the moment it starts in
    Amsterdam; never a locale's day-first form."""

    input_formats = ["iso-8601"]
    default_error_messages = {
        "invalid": _("verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2017-02-10"),
        "out_of_range": _("die datum valt buiten het bereik van de agenda"),
    }

    def strptime(self, value, format):
        return datetime.date.fromisoformat(value)

    def to_python(self, value):
        day = super().to_python(value)
        if day is None:
            return None
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=AMSTERDAM)
        try:
            # The database compares in UTC; 0001-01-01 in Amsterdam has no UTC (a 500 before).
            start.astimezone(datetime.UTC)
        except OverflowError:
            message = self.error_messages["out_of_range"]
            raise ValidationError(message, code="out_of_range") from None
        return start


class DayStartFilter(django_filters.Filter):
    """Compares with the start of the given day in Amsterdam: whole days, as people mean them."""

    field_class = DayStartField


class AgendaFilterSet(ListingFilterSet):
    """The API's conference filters; without `order`, soonest first.

    Dates are whole days in Europe/Amsterdam: start_after includes that day,
    start_before excludes it. upcoming=true: not yet ended; false: ended.
    """

    start_after = DayStartFilter(field_name="start", lookup_expr="gte")
    start_before = DayStartFilter(field_name="start", lookup_expr="lt")
    upcoming = YesNoFilter(method="filter_upcoming")

    def filter_upcoming(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(end__gte=now) if value else queryset.filter(end__lt=now)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "order" not in self.data:
            queryset = queryset.order_by("start", "pk")
        return queryset
