"""Page types' own query parameters on /api/v2/pages/ (`?type=coops.CoopPage&province=…`).

A page type declares them once as a `core.filters.ListingFilterSet`:

    class CoopPage(Page):
        api_filterset = DirectoryFilterSet

They apply when `type=` names that page type, strictly: a bad value is a 400 naming the
parameter. Given without the type, they are a 400 that says which type they belong to.
"""

from functools import cache

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from rest_framework.filters import BaseFilterBackend

from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import get_page_models

from core.api.sync import changed_after, parse_change_time

#: The largest TCP port; `site=host:port` past it overflows PostgreSQL's integer column.
MAX_PORT = 65535


def site_parameter_error(value):
    """A message when `site=` (hostname or hostname:port) has a port no Site can have, else None.

    Wagtail 8.0.1 looks the port up as given: v2 says "Field 'port' expected a number",
    v3's pages/find answers 500, and a port past 2^31 is a 500 on PostgreSQL in both.
    """
    if ":" not in value:
        return None
    port = value.rsplit(":", 1)[1]
    if port.isascii() and port.isdigit() and int(port) <= MAX_PORT:
        return None
    return f"site: verwacht hostnaam of hostnaam:poort (poort 0 tot en met {MAX_PORT})"


def api_parameters(model):
    """The query parameters a page type adds to the pages endpoint."""
    filterset = getattr(model, "api_filterset", None)
    return tuple(filterset.api_parameters()) if filterset is not None else ()


@cache
def page_type_parameters():
    """{parameter: [page model, ...]} for every page type that declares API parameters."""
    owners = {}
    for model in get_page_models():
        for name in api_parameters(model):
            owners.setdefault(name, []).append(model)
    return owners


def model_label(model):
    return f"{model._meta.app_label}.{model.__name__}"


class PageTypeFilter(BaseFilterBackend):
    """Applies the parameters a page type declares (see the module docstring)."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        own = set(api_parameters(model))
        for name, owners in page_type_parameters().items():
            if name in request.GET and name not in own:
                types = " of ".join(f"type={model_label(owner)}" for owner in owners)
                raise BadRequestError(f"{name}: deze parameter werkt alleen samen met {types}")
        if not own & set(request.GET):
            return queryset
        filterset = model.api_filterset(request.GET, queryset, request=request)
        errors = filterset.parameter_errors()
        if errors:
            name, message = errors[0]
            raise BadRequestError(f"{name}: {message}")
        return filterset.qs


class _OnlyGet:
    def __init__(self, query):
        self.GET = query


#: Fields whose filter value the database would have to convert (and fail on: a 500).
CONVERTED_FIELDS = (
    models.DateField,  # DateTimeField too
    models.TimeField,
    models.IntegerField,  # and the small, big and positive ones
    models.FloatField,
    models.DecimalField,
    models.ForeignKey,
)


def check_field_value(model, name, value):
    """A BadRequestError naming `name` when the database could not compare `value` with it.

    Wagtail 8.0.1 converts booleans and integers itself but passes dates, times and floats
    straight to the database (a ValidationError or ValueError: a 500), and checks no range
    (SQLite's OverflowError, PostgreSQL's "integer out of range").
    """
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if not isinstance(field, CONVERTED_FIELDS):
        return
    try:
        python_value = field.to_python(value)
        if isinstance(field, models.IntegerField):
            # The database's own range (Django derives the validators from it).
            field.run_validators(python_value)
    except (ValidationError, ValueError, TypeError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise BadRequestError(f"{name}: {' '.join(messages)}") from exc


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's field filter, minus the parameters a page type handles itself, values checked."""

    def filter_queryset(self, request, queryset, view):
        own = set(api_parameters(queryset.model))
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name in fields - own - {"locale"}:
                check_field_value(queryset.model, name, value)
        if own & set(request.GET):
            query = request.GET.copy()
            for name in own:
                query.pop(name, None)
            request = _OnlyGet(query)
        return super().filter_queryset(request, queryset, view)


class UpdatedAfterFilter(BaseFilterBackend):
    """`updated_after=<ISO datetime with zone>`: pages changed since then, oldest change first.

    What counts as a change is `core.api.sync.with_change_time`. The order is stable (change
    time, then id) so an app can page through with `offset`; relevance order would not be.
    """

    parameter = "updated_after"

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get(self.parameter)
        if raw is None:
            return queryset
        if "search" in request.GET:
            raise BadRequestError(f"{self.parameter}: werkt niet samen met search")
        try:
            moment = parse_change_time(raw)
        except ValueError as exc:
            raise BadRequestError(f"{self.parameter}: {exc}") from exc
        return changed_after(queryset, moment)
