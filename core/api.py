"""Wagtail API v2 extensions shared by the plugin's page types.

A page type may declare its own query parameters for the pages endpoint:

    class CoopPage(Page):
        api_query_parameters = ("province", "theme")

        @classmethod
        def filter_api_queryset(cls, queryset, params):
            ...  # validate `params` (a QueryDict), raise BadRequestError naming the parameter
            return queryset

They apply when `type=` names that page type; given without it, they are a 400
that says which type they belong to. Sites register `PagesAPIViewSet` from this
module instead of Wagtail's to get them.
"""

from functools import cache

from rest_framework.filters import BaseFilterBackend

from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.models import get_page_models


@cache
def page_type_parameters():
    """{parameter: [page model, ...]} for every page type that declares API parameters."""
    owners = {}
    for model in get_page_models():
        for name in getattr(model, "api_query_parameters", ()):
            owners.setdefault(name, []).append(model)
    return owners


def model_label(model):
    return f"{model._meta.app_label}.{model.__name__}"


class PageTypeFilter(BaseFilterBackend):
    """Applies the parameters a page type declares (see the module docstring)."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        own = set(getattr(model, "api_query_parameters", ()))
        for name, owners in page_type_parameters().items():
            if name in request.GET and name not in own:
                types = " of ".join(f"type={model_label(owner)}" for owner in owners)
                raise BadRequestError(f"{name}: deze parameter werkt alleen samen met {types}")
        if own & set(request.GET):
            queryset = model.filter_api_queryset(queryset, request.GET)
        return queryset


class _OnlyGet:
    def __init__(self, query):
        self.GET = query


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's field filter, minus the parameters a page type handles itself."""

    def filter_queryset(self, request, queryset, view):
        own = set(getattr(queryset.model, "api_query_parameters", ()))
        if own & set(request.GET):
            query = request.GET.copy()
            for name in own:
                query.pop(name, None)
            request = _OnlyGet(query)
        return super().filter_queryset(request, queryset, view)


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    filter_backends = [
        PageTypeFilter,
        FieldsFilter,
        *[
            backend
            for backend in WagtailPagesAPIViewSet.filter_backends
            if backend is not wagtail_filters.FieldsFilter
        ],
    ]

    def check_query_parameters(self, queryset):
        original = self.known_query_parameters
        self.known_query_parameters = original.union(page_type_parameters())
        try:
            super().check_query_parameters(queryset)
        finally:
            self.known_query_parameters = original
