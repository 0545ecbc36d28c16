"""The news index ("Nieuws"): the listing, the agenda and the feeds of one news section."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from core.pages import site_parent_page_types
from news.models.conference import ConferencePage
from news.models.pages import NewsItemPage, NewsItemTag
from news.views import NewsIndexViews

FEED_ITEMS = 20


class NewsIndexPage(NewsIndexViews, Page):
    """ "Nieuws": the news listing, the agenda, the feeds and the iCalendar subscription."""

    intro = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Korte tekst boven het overzicht."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = site_parent_page_types("NEWS_INDEX_PARENT_PAGE_TYPES")
    subpage_types = ["news.NewsPage", "news.ConferencePage"]
    max_count = 1

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    def live_items(self):
        """Live, public news and conferences under this index, in no particular order."""
        return NewsItemPage.objects.child_of(self).live().public()

    def news_items(self):
        """Live, public news and conferences under this index, newest first."""
        return (
            self.live_items()
            .select_related("image")
            .annotate(conference_start=F("conferencepage__start"))
            .order_by("-date", "-pk")
        )

    def conferences(self):
        return ConferencePage.objects.child_of(self).live().public().select_related("image")

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
        # The renditions too: each entry's image is an enclosure (news.feeds).
        return items.prefetch_related("tags", "image__renditions")[:FEED_ITEMS]

    def has_news_tagged(self, tag):
        """Whether any news item carries `tag` (the tag feeds exist only for those)."""
        return NewsItemTag.objects.filter(tag=tag).exists()
