"""The plugin's Wagtail API v2 endpoints: what apps were promised (DESIGN.md, "Contract with apps").

Rich text as display HTML, images with renditions, only live *and public* pages, bounded
`limit`/`offset`, the page types' own filters (`core.api.filters`) and a fixed number of
SQL queries per listing (`core.api.querysets`). Sites register these on their router
instead of Wagtail's.
"""

from django.urls import path

from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet

from core.api.fields import ImageWithRenditionsSerializer
from core.api.filters import (
    FieldsFilter,
    PageTypeFilter,
    UpdatedAfterFilter,
    page_type_parameters,
    site_parameter_error,
)
from core.api.querysets import optimise_api_queryset, prefetch_stream_fields
from core.api.sync import parse_change_time, removal_items, removed_entries

#: Rich text leaves the API as display HTML unless `?rich_text_format=` asks otherwise.
DEFAULT_RICH_TEXT_FORMAT = APIRichText.FORMAT_HTML

#: No app pages this deep; a bigger offset is a mistake (and overflows SQLite's integers).
MAX_OFFSET = 10_000

#: The largest id a database integer column holds (SQLite, PostgreSQL bigint).
INT64_MAX = 2**63 - 1


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, with `offset` bounded too (Wagtail checks only its sign)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "").strip()
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset: mag niet hoger zijn dan {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class RichTextFormatMixin:
    """Rich text as display HTML by default, and parameters Wagtail leaves unchecked."""

    def resolve_rich_text_format(self):
        raw = self.request.GET.get("rich_text_format")
        if raw is None:
            return DEFAULT_RICH_TEXT_FORMAT
        try:
            return APIRichText.resolve_format(raw)
        except RichTextFormatError as exc:
            raise BadRequestError(f"rich_text_format: {exc}") from exc

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses NUL bytes in text (a 500 in locale=, site=, html_path=, ...).
        for name, values in request.GET.lists():
            if any("\x00" in value for value in values) or "\x00" in name:
                raise BadRequestError(f"{name}: geen NUL-tekens toegestaan")
        site_error = site_parameter_error(request.GET.get("site", ""))
        if site_error:
            raise BadRequestError(site_error)
        # Wagtail passes it straight to the search backend, which raises (a 500).
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator: kies 'and' of 'or'")


class PagesAPIViewSet(RichTextFormatMixin, WagtailPagesAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = [
        UpdatedAfterFilter,
        PageTypeFilter,
        FieldsFilter,
        *[
            backend
            for backend in WagtailPagesAPIViewSet.filter_backends
            if backend is not wagtail_filters.FieldsFilter
        ],
    ]

    known_query_parameters = WagtailPagesAPIViewSet.known_query_parameters.union(
        [UpdatedAfterFilter.parameter]
    )
    removed_query_parameters = frozenset(["since", "limit", "offset", "format", "_"])

    @classmethod
    def get_urlpatterns(cls):
        return [
            *super().get_urlpatterns(),
            path("removed/", cls.as_view({"get": "removed_view"}), name="removed"),
        ]

    def removed_view(self, request):
        """Pages that may have gone since `since=` (see `core.api.sync`): ids, types, times."""
        unknown = set(request.GET) - self.removed_query_parameters
        if unknown:
            raise BadRequestError(f"{', '.join(sorted(unknown))}: onbekende parameter")
        if "since" not in request.GET:
            raise BadRequestError("since: verplicht")
        try:
            since = parse_change_time(request.GET["since"])
        except ValueError as exc:
            raise BadRequestError(f"since: {exc}") from exc
        rows = self.paginator.paginate_queryset(removed_entries(since), request, self)
        return self.paginator.get_paginated_response(removal_items(rows))

    def find_object(self, queryset, request):
        # Wagtail looks `id` up as given: `abc` or a number past 2^63 is a 500.
        if "id" in request.GET:
            raw = request.GET["id"]
            if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= INT64_MAX):
                raise BadRequestError("id: verwacht een positief geheel getal")
        return super().find_object(queryset, request)

    def check_query_parameters(self, queryset):
        original = self.known_query_parameters
        self.known_query_parameters = original.union(page_type_parameters())
        try:
            super().check_query_parameters(queryset)
        finally:
            self.known_query_parameters = original

    def get_base_queryset(self):
        # Wagtail hides restricted pages only from requests the restriction
        # refuses; a logged-in editor would see them. The public API never does.
        return super().get_base_queryset().public()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "listing_view" and queryset.model is not self.model:
            queryset = optimise_api_queryset(queryset)
        return queryset

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and queryset.model is not self.model:
            page = list(page)
            prefetch_stream_fields(page)
        return page


class ImagesAPIViewSet(RichTextFormatMixin, WagtailImagesAPIViewSet):
    """Wagtail's images endpoint plus `renditions` (in listings with `fields=renditions`)."""

    base_serializer_class = ImageWithRenditionsSerializer
    pagination_class = BoundedPagination
    body_fields = [*WagtailImagesAPIViewSet.body_fields, "renditions"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("renditions")


class DocumentsAPIViewSet(RichTextFormatMixin, WagtailDocumentsAPIViewSet):
    pagination_class = BoundedPagination
