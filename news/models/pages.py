"""What news articles and conferences share (NewsItemPage), and news articles (NewsPage)."""

import datetime

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from coops.api import ThemesField
from coops.models import CoopPage
from core.blocks import BodyStreamBlock
from core.images import ImageRenditionsField, optional_image
from core.pages import visible, with_publicity
from news.api import RelatedPagesField, SourcesField, TagNamesField
from news.structured_data import news_article


class NewsItemTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsItemPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsItemPage(Page):
    """What news articles and conferences share, so one query lists both.

    Not creatable itself: editors make a NewsPage or a ConferencePage.
    """

    date = models.DateField(
        _("datum"),
        default=datetime.date.today,
        help_text=_("Publicatiedatum; bepaalt de volgorde in het overzicht."),
    )
    intro = models.TextField(
        _("introductie"),
        max_length=600,
        blank=True,
        help_text=_("Eén tot drie zinnen; staat in het overzicht, in feeds en bij delen."),
    )
    image = optional_image(_("afbeelding"))
    tags = ClusterTaggableManager(verbose_name=_("trefwoorden"), through=NewsItemTag, blank=True)
    themes = ParentalManyToManyField(
        "coops.Theme", verbose_name=_("thema's"), blank=True, related_name="news_items"
    )

    is_creatable = False
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # Shared by news and conferences: tags and themes next to Wagtail's SEO fields.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("themes")], heading=_("Trefwoorden en thema's")
        ),
        *Page.promote_panels,
    ]

    class Meta:
        verbose_name = _("nieuwsitem")
        verbose_name_plural = _("nieuwsitems")

    @classmethod
    def edit_tabs(cls, content_panels, *tabs):
        """The editor's tabs: content, the type's own tabs (ObjectLists), promotion, settings."""
        return TabbedInterface(
            [
                ObjectList(content_panels, heading=_("Inhoud")),
                *tabs,
                ObjectList(cls.promote_panels, heading=_("Promotie")),
                ObjectList(Page.settings_panels, heading=_("Instellingen")),
            ]
        )

    def purge_urls(self):
        """The tag feeds that list this item (core.cache.purge): routes with an argument."""
        index = self.get_parent().specific
        base = index.get_full_url()
        if not base or not hasattr(index, "reverse_subpage"):
            return []
        return [
            base + index.reverse_subpage(route, args=(tag.slug,)).lstrip("/")
            for tag in self.tags.all()
            for route in ("tag_rss_view", "tag_atom_view")
        ]

    def published_datetime(self):
        """The date as an aware datetime at noon in Amsterdam, for feeds."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(12)))


class NewsPageQuerySet(PageQuerySet):
    def for_listing(self):
        """What a listing of articles shows (image, tags, themes, coöperaties, sources),
        loaded up front so it costs the same number of queries for 5 or 50 articles."""
        # Coöperaties come with `is_public`: a restricted one is left out in Python, in the
        # same query (core.pages.is_visible).
        coops = Prefetch("related_coops", queryset=with_publicity(CoopPage.objects.all()))
        return self.select_related("image").prefetch_related("tags", "themes", coops, "sources")


class NewsPage(NewsItemPage):
    """A news article ("Nieuws")."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)
    related_coops = ParentalManyToManyField(
        "coops.CoopPage",
        verbose_name=_("genoemde coöperaties"),
        related_name="news_pages",
        blank=True,
        help_text=_("De coöperaties waar dit bericht over gaat; zij tonen het op hun pagina."),
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    is_creatable = True
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    relations_panels = [
        FieldPanel("related_coops"),
        InlinePanel("sources", heading=_("Bronnen"), label=_("Bron")),
    ]
    edit_handler = NewsItemPage.edit_tabs(
        content_panels, ObjectList(relations_panels, heading=_("Coöperaties en bronnen"))
    )

    search_fields = [*NewsItemPage.search_fields, index.SearchField("body")]

    api_fields = [
        # Apps with an editor's token write these through API v3 (saved as drafts).
        APIField("date", writable=True),
        APIField("intro", writable=True),
        APIField("image", serializer=ImageRenditionsField()),
        APIField("body", writable=True),
        APIField("tags", serializer=TagNamesField()),
        APIField("themes", serializer=ThemesField()),
        APIField("related_coops", serializer=RelatedPagesField()),
        APIField("sources", serializer=SourcesField()),
    ]

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")

    @classmethod
    def api_optimise_queryset(cls, queryset):
        """API v2 listings (core.api.optimise_api_queryset) load what a listing shows.

        The generic optimiser prefetched `related_coops` plainly; Django refuses a second,
        annotated prefetch of the same relation, so its lookups are replaced by ours
        (for_listing plus the image's renditions, the only other thing it adds here).
        """
        return queryset.prefetch_related(None).prefetch_related("image__renditions").for_listing()

    def live_related_coops(self):
        """The named coöperaties a visitor may follow: live and public ones only."""
        return visible(self.related_coops)

    def structured_data(self, request=None):
        return news_article(self, request)


class NewsSource(Orderable):
    """An external link the article draws on ("Omroep Brabant maakte een verslag")."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("titel"), max_length=200)
    url = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Laat leeg als de bron alleen genoemd wordt, zonder adres."),
    )

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        return self.title
