"""The news index, the shared base of news items, and news articles."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from coops.api import ThemesField
from core.blocks import BodyStreamBlock
from core.images import ImageRenditionsField
from news.api import RelatedPagesField, SourcesField, TagNamesField

ITEMS_PER_PAGE = 12
FEED_ITEMS = 20


class NewsIndexPage(RoutablePageMixin, Page):
    """ "Nieuws": the news listing, the agenda, the feeds and the iCalendar subscription."""

    intro = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Korte tekst boven het overzicht."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    # The plugin runs in any Wagtail site, so the site names the parent type
    # (coopsite: home.HomePage); by default the index may live anywhere.
    parent_page_types = getattr(settings, "NEWS_INDEX_PARENT_PAGE_TYPES", None)
    subpage_types = ["news.NewsPage", "news.ConferencePage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    # Queries -----------------------------------------------------------------

    def news_items(self):
        """Live, public news and conferences under this index, newest first."""
        return (
            NewsItemPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .annotate(conference_start=F("conferencepage__start"))
            .order_by("-date", "-pk")
        )

    def conferences(self):
        from news.models.conference import ConferencePage

        return (
            ConferencePage.objects.child_of(self)
            .live()
            .public()
            .select_related(None)
            .prefetch_related(None)
            .select_related("image")
        )

    def agenda(self, now=None):
        """(upcoming soonest first, past most recent first), split at `now`.

        A conference that has started but not ended is still upcoming.
        """
        now = now or timezone.now()
        conferences = self.conferences()
        upcoming = conferences.filter(end__gte=now).order_by("start", "pk")
        past = conferences.filter(end__lt=now).order_by("-start", "-pk")
        return upcoming, past

    def feed_items(self, tag=None):
        items = self.news_items()
        if tag is not None:
            items = items.filter(tags=tag)
        return items.prefetch_related("tags")[:FEED_ITEMS]

    # Views -------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from news.forms import NewsFilterForm

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "news_subview", False):
            return context  # the agenda renders its own lists
        items = self.news_items()
        form = NewsFilterForm(request.GET, index=self)
        items = form.filter(items)
        page_obj = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            page_obj=page_obj,
            items=page_obj.object_list,
            query_string=form.query_string(),
            feed_tag=form.active_tag(),
        )
        return context

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("agenda/")
    def agenda_view(self, request):
        request.news_subview = True
        upcoming, past = self.agenda()
        page_obj = Paginator(past, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
        return self.render(
            request,
            template="news/agenda_page.html",
            context_overrides={
                "upcoming": upcoming,
                "past_page": page_obj,
                "page_obj": page_obj,
                "query_string": "",
            },
        )

    @path("agenda/ical/")
    def agenda_ical_view(self, request):
        from news.feeds import agenda_calendar_response

        return agenda_calendar_response(self, request)

    @path("rss/")
    def rss_view(self, request):
        from news.feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self)

    @path("atom/")
    def atom_view(self, request):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)

    @path("tag/<slug:tag>/rss/")
    def tag_rss_view(self, request, tag):
        from news.feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self, tag=self._tag_or_404(tag))

    @path("tag/<slug:tag>/atom/")
    def tag_atom_view(self, request, tag):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self, tag=self._tag_or_404(tag))

    def _tag_or_404(self, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not NewsItemTag.objects.filter(tag=tag).exists():
            raise Http404
        return tag


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
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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

    def published_datetime(self):
        """The date as an aware datetime at noon in Amsterdam, for feeds."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(12)))


class NewsItemQuerySet(PageQuerySet):
    """Pages whose manager joins related rows by default, and can still be deleted."""

    def delete(self, *args, **kwargs):
        # treebeard deletes through `Model.objects` with `.only("path", ...)`, which
        # clashes with the manager's select_related (FieldError on page.delete()).
        return super(NewsItemQuerySet, self.select_related(None)).delete(*args, **kwargs)


class NewsPageManager(PageManager.from_queryset(NewsItemQuerySet)):
    """Loads what templates and the API show, so listings stay at a fixed query count."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("image")
            .prefetch_related("tags", "themes", "related_coops", "sources")
        )


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

    objects = NewsPageManager()

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
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(relations_panels, heading=_("Coöperaties en bronnen")),
            ObjectList(NewsItemPage.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )

    search_fields = [*NewsItemPage.search_fields, index.SearchField("body")]

    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("image", serializer=ImageRenditionsField()),
        APIField("body"),
        APIField("tags", serializer=TagNamesField()),
        APIField("themes", serializer=ThemesField()),
        APIField("related_coops", serializer=RelatedPagesField()),
        APIField("sources", serializer=SourcesField()),
    ]

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")

    def live_related_coops(self):
        return [coop for coop in self.related_coops.all() if coop.live]

    def structured_data(self, request=None):
        from news.structured_data import news_article

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
