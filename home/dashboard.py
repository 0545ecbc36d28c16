"""Dashboard panels for editors: what needs attention first (issue 7).

Registered in ``wagtail_hooks.py``. Each panel runs a fixed number of queries.
"""

import datetime as dt

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import PageLogEntry

from coops.models import CoopPage

ATTENTION_LIMIT = 10
RECENT_EDITS_LIMIT = 10
STALE_AFTER = dt.timedelta(days=365)


class DirectoryAttentionPanel(Component):
    """Directory entries that need work: no location, no themes, or not updated for a year."""

    name = "directory_attention"
    template_name = "home/dashboard/directory_attention.html"
    order = 110

    def get_entries(self, now=None):
        cutoff = (now or timezone.now()) - STALE_AFTER
        # .only() below clashes with any select_related a default manager adds (a
        # FieldError, so a 500 on the dashboard); start from a plain queryset.
        coops = (
            CoopPage.objects.select_related(None)
            .prefetch_related(None)
            .annotate(theme_count=Count("themes"))
            .filter(
                Q(lat__isnull=True)
                | Q(lon__isnull=True)
                | Q(theme_count=0)
                | Q(last_published_at__lt=cutoff)
            )
            .order_by("title")
            .only("id", "title", "lat", "lon", "last_published_at", "live")
        )
        total = coops.count()
        entries = []
        for coop in coops[:ATTENTION_LIMIT]:
            reasons = []
            if coop.lat is None or coop.lon is None:
                reasons.append("location")
            if coop.theme_count == 0:
                reasons.append("themes")
            if coop.last_published_at is not None and coop.last_published_at < cutoff:
                reasons.append("stale")
            entries.append({"page": coop, "reasons": reasons})
        return entries, total

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["entries"], context["total"] = self.get_entries()
        return context


class TeamRecentEditsPanel(Component):
    """The latest edits by anyone in the team (Wagtail's own panel shows only your own)."""

    name = "team_recent_edits"
    template_name = "home/dashboard/team_recent_edits.html"
    order = 260

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        # The latest entry per page: autosave and a publish after an edit would
        # otherwise fill the list with one page. A bounded window keeps it one query.
        recent = (
            PageLogEntry.objects.filter(action__in=["wagtail.edit", "wagtail.publish"])
            .select_related("user", "page")
            .order_by("-timestamp")[: RECENT_EDITS_LIMIT * 5]
        )
        entries, seen = [], set()
        for entry in recent:
            if entry.page_id not in seen:
                seen.add(entry.page_id)
                entries.append(entry)
        context["entries"] = entries[:RECENT_EDITS_LIMIT]
        return context


def conference_page_model():
    """news.ConferencePage when the news app provides it, else None (no import of news)."""
    try:
        return apps.get_model("news", "ConferencePage")
    except LookupError:
        return None


class UpcomingConferencesPanel(Component):
    """Upcoming conferences with their registration counts, soonest first.

    Only added by the hook when ``news.ConferencePage`` exists; one query whatever the
    number of conferences (the count is a subquery, nothing else is loaded).
    """

    name = "upcoming_conferences"
    template_name = "home/dashboard/upcoming_conferences.html"
    order = 100

    def get_conferences(self, now=None):
        return list(
            conference_page_model()
            .objects.with_registration_count()
            .live()
            .filter(end__gte=now or timezone.now())
            .order_by("start", "pk")
            .only("id", "title", "start", "registration_capacity")[:ATTENTION_LIMIT]
        )

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["conferences"] = self.get_conferences()
        return context
