"""Serializer fields the plugin's endpoints add to Wagtail's."""

from rest_framework.fields import Field

from wagtail.images.api.v2.serializers import ImageSerializer

from core.images import rendition_data


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
