"""What the news pages render: the index's listing, agenda and feeds; a conference and its sign-up.

The page models (news.models) inherit these route mixins, so this module never imports
them: it reaches the models through the page (`self.news_items()`, `self.RegistrationStatus`).
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.cache.conditional import conditional_get
from news.feeds import (
    NewsAtomFeed,
    NewsRssFeed,
    agenda_calendar_response,
    conference_calendar_response,
)
from news.filters import NewsFilterSet
from news.forms import RegistrationForm
from news.registration import AlreadyRegistered, RegistrationClosed, WorkshopFull, register
from news.registration_views import RegistrationViews

ITEMS_PER_PAGE = 12


class NewsIndexViews(RoutablePageMixin):
    """The routes of a NewsIndexPage."""

    @path("")
    def index_view(self, request):
        filters = NewsFilterSet(request.GET, self.news_items(), index=self, lenient=True)
        # The cards' image renditions in one query, not one per card.
        items = filters.qs.prefetch_related("image__renditions")
        page_obj = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "filter_form": filters.form,
                "page_obj": page_obj,
                "items": page_obj.object_list,
                "query_string": filters.query_string(),
                "feed_tag": filters.active_tag(),
            },
        )

    @path("agenda/")
    def agenda_view(self, request):
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
    @conditional_get
    def agenda_ical_view(self, request):
        return agenda_calendar_response(self, request)

    @path("rss/")
    @conditional_get
    def rss_view(self, request):
        return NewsRssFeed()(request, index=self)

    @path("atom/")
    @conditional_get
    def atom_view(self, request):
        return NewsAtomFeed()(request, index=self)

    @path("tag/<slug:tag>/rss/")
    @conditional_get
    def tag_rss_view(self, request, tag):
        return NewsRssFeed()(request, index=self, tag=self._tag_or_404(tag))

    @path("tag/<slug:tag>/atom/")
    @conditional_get
    def tag_atom_view(self, request, tag):
        return NewsAtomFeed()(request, index=self, tag=self._tag_or_404(tag))

    def _tag_or_404(self, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not self.has_news_tagged(tag):
            raise Http404
        return tag


class ConferenceViews(RegistrationViews, RoutablePageMixin):
    """The routes of a ConferencePage: the page with its sign-up form, and its iCalendar file.

    The participants' own links (change, cancel, claim a place) are in news.registration_views.
    """

    @path("")
    def conference_view(self, request):
        self.load_for_page()
        form = None
        status = self.current_registration_status()
        statuses = self.RegistrationStatus
        if self.builtin_registration and status in (statuses.OPEN, statuses.FULL):
            if request.method == "POST":
                form = RegistrationForm(request.POST, conference=self)
                if form.is_valid():
                    if form.is_spam():
                        # Bots get the same answer as people, and nothing is stored.
                        return redirect(self.url + "?aangemeld=1#aanmelden")
                    try:
                        registration = register(
                            self, form.cleaned_data, workshops=form.chosen_workshops()
                        )
                    except RegistrationClosed as closed:
                        status = closed.status
                        form = None
                    except AlreadyRegistered:
                        form.add_error("email", _("Met dit e-mailadres is al iemand aangemeld."))
                    except WorkshopFull as full:
                        form = RegistrationForm(request.POST, conference=self, full=full.sessions)
                        form.is_valid()
                    else:
                        position = registration.waiting_position()
                        if position:
                            return redirect(f"{self.url}?wachtlijst={position}#aanmelden")
                        return redirect(self.url + "?aangemeld=1#aanmelden")
            else:
                form = RegistrationForm(conference=self)
        waiting_position = request.GET.get("wachtlijst", "")
        return self.render(
            request,
            context_overrides={
                "registration_form": form,
                "registration_status": status,
                "registered": request.GET.get("aangemeld") == "1",
                "waiting_position": int(waiting_position) if waiting_position.isdigit() else None,
                # A past gathering says so and offers no calendar entry or sign-up.
                "is_past": status == statuses.ENDED,
            },
        )

    @path("ical/")
    @conditional_get
    def ical_view(self, request):
        return conference_calendar_response(self, request)
