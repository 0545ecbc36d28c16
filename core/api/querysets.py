"""A listing's queries joined and prefetched once, so its query count is fixed.

A page type can tune its listing with a classmethod `api_optimise_queryset(cls, queryset)`;
foreign keys and many-to-many fields in `api_fields` are already joined or prefetched.
"""

from collections import defaultdict
from collections.abc import Mapping

from django.db import models
from django.db.models import prefetch_related_objects

from wagtail.api import APIField
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model


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
