"""What a listing of entries loads, chosen per listing (the default manager stays plain)."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef

from wagtail.images import get_image_model
from wagtail.models import PageQuerySet

from coops.models.places import Municipality
from core.images import RENDITION_SPECS
from core.pages import with_publicity

#: The renditions of a card's picture; `coops/includes/coop_card.html` asks for the same.
CARD_IMAGE_SPECS = (
    "fill-160x120|format-webp",
    "fill-160x120|format-png",
    "fill-320x240|format-webp",
    "fill-320x240|format-png",
)


class CoopPageQuerySet(PageQuerySet):
    """Entries load what their cards, pages and API output show in a fixed number of queries."""

    def with_related(self):
        """What an entry's page and its API output show (v2 listings, see core.api)."""
        images = get_image_model().objects.prefetch_renditions(*RENDITION_SPECS.values())
        lookups = [
            "themes",
            models.Prefetch("logo", queryset=images),
            models.Prefetch("image", queryset=images),
        ]
        news = self.related_news_prefetch()
        if news is not None:
            lookups.append(news)
        return self.select_related("municipality", "social_shareholder").prefetch_related(*lookups)

    def with_cards(self):
        """What a card in the directory shows: place, themes, shareholder and picture."""
        images = get_image_model().objects.prefetch_renditions(*CARD_IMAGE_SPECS)
        return self.select_related("municipality", "social_shareholder").prefetch_related(
            "themes",
            models.Prefetch("image", queryset=images),
            models.Prefetch("logo", queryset=images),
        )

    def municipalities(self):
        """(code, name) of the municipalities with a live, public entry, by name; one query.

        For the site's search suggestions: each leads to the directory filtered by it, so
        only those with something to show.
        """
        entries = with_publicity(self.live()).filter(is_public=True, municipality=OuterRef("pk"))
        return (
            Municipality.objects.filter(Exists(entries))
            .order_by("name")
            .values_list("code", "name")
        )

    def for_export(self):
        """What the exports read: places and themes (themes in name order, Theme's ordering)."""
        return self.select_related("municipality", "social_shareholder").prefetch_related("themes")

    def related_news_prefetch(self):
        """Prefetch of live, public pages that link to an entry (the news app's `news_pages`).

        coops never imports news: the relation is found by its accessor name, if installed.
        """
        try:
            field = self.model._meta.get_field("news_pages")
        except FieldDoesNotExist:
            return None
        queryset = field.related_model.objects.live().public().order_by("-first_published_at")
        return models.Prefetch("news_pages", queryset=queryset, to_attr="live_news_pages")
