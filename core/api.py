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

The viewsets here also make the v2 API what apps were promised (DESIGN.md,
"Contract with apps"): rich text as display HTML, images with renditions, only
live *and public* pages, bounded `limit`/`offset`, and a fixed number of SQL
queries per listing (`optimise_api_queryset`).

A page type can tune its listing queries with a classmethod
`api_optimise_queryset(cls, queryset)`; foreign keys and many-to-many fields in
`api_fields` are already joined or prefetched automatically.
"""

from collections import defaultdict
from collections.abc import Mapping
from functools import cache

from django.db import models
from django.db.models import prefetch_related_objects
from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend

from wagtail.api import APIField
from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import RichTextFieldSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.blocks import StreamValue
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.models import get_page_models

from core.images import rendition_data

#: Rich text leaves the API as display HTML unless `?rich_text_format=` asks otherwise.
DEFAULT_RICH_TEXT_FORMAT = APIRichText.FORMAT_HTML

#: No app pages this deep; a bigger offset is a mistake (and overflows SQLite's integers).
MAX_OFFSET = 10_000


def request_rich_text_format(request):
    """The rich text format a request asks for, HTML by default; 400 when unknown."""
    raw = request.GET.get("rich_text_format") if request is not None else None
    if raw is None:
        return DEFAULT_RICH_TEXT_FORMAT
    try:
        return APIRichText.resolve_format(raw)
    except RichTextFormatError as exc:
        raise BadRequestError(f"rich_text_format: {exc}") from exc


class RichTextHTMLField(RichTextFieldSerializer):
    """API v2 field for a `RichTextField`: display HTML with links and embeds expanded.

    Use it in `api_fields` so the output does not depend on the site's
    WAGTAILAPI_RICH_TEXT_FORMAT: `APIField("intro", serializer=RichTextHTMLField())`.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        if value is None:
            return None
        rich_text_format = self.context.get("_wagtail_rich_text_format")
        if rich_text_format is None:
            rich_text_format = request_rich_text_format(self.context.get("request"))
            self.context["_wagtail_rich_text_format"] = rich_text_format
        return APIRichText.serialize(str(value), format=rich_text_format)


def _parse_bounded_int(request, name, default, maximum):
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0 or not raw.strip().isdigit():
        raise BadRequestError(f"{name}: geef een geheel getal van 0 tot en met {maximum}")
    if value > maximum:
        raise BadRequestError(f"{name}: mag niet hoger zijn dan {maximum}")
    return value


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination with `limit` and `offset` both bounded and validated."""

    def paginate_queryset(self, queryset, request, view=None):
        from django.conf import settings

        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 20
        offset = _parse_bounded_int(request, "offset", 0, MAX_OFFSET)
        limit = _parse_bounded_int(request, "limit", min(20, limit_max), limit_max)
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - reverse accessors and properties are not fields
        return None


def optimise_api_queryset(queryset):
    """Join and prefetch what `api_fields` will read, so a listing costs a fixed query count.

    Images referenced from `api_fields` come with their renditions prefetched
    (Wagtail's `get_renditions` reads the prefetch), then the model's own
    `api_optimise_queryset` hook runs.
    """
    model = queryset.model
    # Every page's meta has its locale.
    select, prefetch = ["locale"], []
    for api_field in APIField.get_fields_for_model(model, db_fields_only=True):
        field = _model_field(model, api_field.name)
        if isinstance(field, models.ForeignKey):
            select.append(field.name)
            if issubclass(field.related_model, get_image_model()):
                prefetch.append(f"{field.name}__renditions")
        elif isinstance(field, models.ManyToManyField) or (
            field is not None and field.many_to_many
        ):
            prefetch.append(field.name)
    if select:
        queryset = queryset.select_related(*select)
    if prefetch:
        queryset = queryset.prefetch_related(*prefetch)
    hook = getattr(model, "api_optimise_queryset", None)
    if hook is not None:
        queryset = hook(queryset)
    return queryset


def api_parameters(model):
    """The query parameters a page type adds to the pages endpoint.

    From its `api_filterset` (a `core.filters.ListingFilterSet`); `api_query_parameters`
    with `filter_api_queryset` is the older form, kept until every type has a filterset.
    """
    filterset = getattr(model, "api_filterset", None)
    if filterset is not None:
        return tuple(filterset.api_parameters())
    return tuple(getattr(model, "api_query_parameters", ()))


@cache
def page_type_parameters():
    """{parameter: [page model, ...]} for every page type that declares API parameters."""
    owners = {}
    for model in get_page_models():
        for name in api_parameters(model):
            owners.setdefault(name, []).append(model)
    return owners


def filter_by_page_type(model, queryset, params, request=None):
    """The page type's own filters applied strictly: a bad value is a 400 naming it."""
    filterset_class = getattr(model, "api_filterset", None)
    if filterset_class is None:
        return model.filter_api_queryset(queryset, params)
    filterset = filterset_class(params, queryset, request=request)
    errors = filterset.parameter_errors()
    if errors:
        name, message = errors[0]
        raise BadRequestError(f"{name}: {message}")
    return filterset.qs


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
        if own & set(request.GET):
            queryset = filter_by_page_type(model, queryset, request.GET, request)
        return queryset


class _OnlyGet:
    def __init__(self, query):
        self.GET = query


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's field filter, minus the parameters a page type handles itself."""

    def filter_queryset(self, request, queryset, view):
        own = set(api_parameters(queryset.model))
        if own & set(request.GET):
            query = request.GET.copy()
            for name in own:
                query.pop(name, None)
            request = _OnlyGet(query)
        return super().filter_queryset(request, queryset, view)


def _collect_images(value, image_model, found):
    if isinstance(value, image_model):
        found.append(value)
    elif isinstance(value, StreamValue.StreamChild):
        _collect_images(value.value, image_model, found)
    elif isinstance(value, Mapping):
        for item in value.values():
            _collect_images(item, image_model, found)
    elif isinstance(value, list | tuple | StreamValue):
        for item in value:
            _collect_images(item, image_model, found)


def prefetch_stream_fields(pages):
    """Convert the StreamFields of many pages at once, images with their renditions.

    Wagtail converts a StreamField per page (one query per block type per
    page). Here each block type is converted for all pages in one
    `bulk_to_python` call, the way `StreamValue._prefetch_blocks` does it for
    one page, and the images found get their renditions prefetched. It uses
    StreamValue's private `_raw_data`/`_bound_blocks`; the pinned query counts
    in tests/test_api_v2.py notice if Wagtail changes them.
    """
    if not pages:
        return
    stream_fields = [f for f in type(pages[0])._meta.get_fields() if isinstance(f, StreamField)]
    image_model = get_image_model()
    images = []
    for field in stream_fields:
        pending = defaultdict(list)  # block type -> [(stream value, index)]
        values = []
        for page in pages:
            value = getattr(page, field.attname)
            values.append(value)
            if not getattr(value, "is_lazy", False):
                continue
            for i, raw in enumerate(value._raw_data):
                if (
                    value._bound_blocks[i] is None
                    and raw["type"] in field.stream_block.child_blocks
                ):
                    pending[raw["type"]].append((value, i))
        for type_name, items in pending.items():
            child_block = field.stream_block.child_blocks[type_name]
            converted = child_block.bulk_to_python([v._raw_data[i]["value"] for v, i in items])
            for (value, i), native in zip(items, converted, strict=True):
                value._bound_blocks[i] = StreamValue.StreamChild(
                    child_block, native, id=value._raw_data[i].get("id")
                )
        for value in values:
            _collect_images(value, image_model, images)
    if images:
        prefetch_related_objects(images, "renditions")


class RichTextFormatMixin:
    """Rich text as display HTML by default, and parameters Wagtail leaves unchecked."""

    def resolve_rich_text_format(self):
        return request_rich_text_format(self.request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Wagtail passes it straight to the search backend, which raises (a 500).
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator: kies 'and' of 'or'")


class PagesAPIViewSet(RichTextFormatMixin, WagtailPagesAPIViewSet):
    pagination_class = BoundedPagination
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


class ImageRenditionsOfImageField(Field):
    """The image's own renditions (`{thumbnail: {url, width, height}, ...}`)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return rendition_data(image)["renditions"]


class ImageWithRenditionsSerializer(ImageSerializer):
    renditions = ImageRenditionsOfImageField()


class ImagesAPIViewSet(RichTextFormatMixin, WagtailImagesAPIViewSet):
    """Wagtail's images endpoint plus `renditions` (in listings with `fields=renditions`)."""

    base_serializer_class = ImageWithRenditionsSerializer
    pagination_class = BoundedPagination
    body_fields = [*WagtailImagesAPIViewSet.body_fields, "renditions"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("renditions")


class DocumentsAPIViewSet(RichTextFormatMixin, WagtailDocumentsAPIViewSet):
    pagination_class = BoundedPagination
