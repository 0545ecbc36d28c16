"""Image renditions for templates and the API, built on Wagtail's `ImageRenditionField`.

Wagtail's API gives apps only an image id; apps need ready-made URLs. Every image we
expose comes with the same few named renditions. A rendition whose original file is
missing is Wagtail's error object (`{"error": "SourceImageIOError"}`), never a 500.
"""

from contextlib import suppress

from django.db import models
from rest_framework.fields import Field

from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import SourceImageIOError

RENDITION_SPECS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}

_RENDITION_FIELDS = {name: ImageRenditionField(spec) for name, spec in RENDITION_SPECS.items()}


def optional_image(verbose_name, **kwargs):
    """An optional image on a page or snippet: emptied, not cascaded, when the image goes."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )


def _rendition(data):
    if "error" in data:
        return data
    return {"url": data["full_url"], "width": data["width"], "height": data["height"]}


def rendition_data(image, alt=None):
    """A JSON-ready dict: id, title, alt and each named rendition with url/width/height."""
    if image is None:
        return None
    # One query finds (or creates) all of them; Wagtail's field then reuses each, and
    # reports a missing original file per rendition.
    with suppress(SourceImageIOError):
        image.get_renditions(*RENDITION_SPECS.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt if alt is not None else getattr(image, "default_alt_text", "") or "",
        "renditions": {
            name: _rendition(field.to_representation(image))
            for name, field in _RENDITION_FIELDS.items()
        },
    }


def rendition_url(image, name="large"):
    """The full URL of one named rendition, or None (no image, or its file is missing)."""
    data = rendition_data(image)
    return data["renditions"][name].get("url") if data else None


class ImageRenditionsField(Field):
    """API field for a ForeignKey to an image: `{id, title, alt, renditions: {...}}`."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        return rendition_data(image)
