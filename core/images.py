"""Image renditions for templates and the API.

Wagtail's API gives apps only an image id; apps need ready-made URLs. Every
image we expose comes with the same few named renditions.
"""

from rest_framework.fields import Field

RENDITION_SPECS = {
    "thumbnail": "fill-400x300",
    "medium": "max-800x800",
    "large": "max-1600x1600",
}


def rendition_data(image, alt=None):
    """A JSON-ready dict: id, title, alt and each named rendition with url/width/height."""
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITION_SPECS.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt if alt is not None else getattr(image, "default_alt_text", "") or "",
        "renditions": {
            name: {
                "url": renditions[spec].full_url,
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in RENDITION_SPECS.items()
        },
    }


class ImageRenditionsField(Field):
    """API field for a ForeignKey to an image: `{id, title, alt, renditions: {...}}`."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        return rendition_data(image)
