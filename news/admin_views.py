"""Admin pages for organisers: workshop counts and a participant list per workshop (CSV).

Editors who may see sign-ups (news.view_registration) may see these.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.spreadsheets import neutralise_row
from news.models import ConferencePage, ConferenceSession, Registration

PERMISSION = "news.view_registration"

WORKSHOP_LIST_COLUMNS = (
    (_("Naam"), "name"),
    (_("E-mailadres"), "email"),
    (_("Organisatie"), "organisation"),
    (_("Dieetwensen"), "dietary"),
    (_("Status"), "get_status_display"),
)


def require_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class WorkshopCountsView(WagtailAdminTemplateMixin, TemplateView):
    """Each conference with workshops: per workshop its round, host, maximum and sign-ups."""

    template_name = "news/admin/workshop_counts.html"
    page_title = _("Workshops")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conferences = (
            ConferencePage.objects.filter(programme__kind=ConferenceSession.Kind.WORKSHOP)
            .distinct()
            .order_by("-start")
        )
        context["conferences"] = [
            (conference, conference.workshop_rounds()) for conference in conferences
        ]
        context["now"] = timezone.now()
        return context


def workshop_participants_csv(request, session_id):
    """The participants (holding a place) of one workshop, sorted by name; formula cells quoted."""
    require_permission(request)
    session = get_object_or_404(ConferenceSession, pk=session_id)
    participants = (
        Registration.objects.holding_a_place().filter(workshops=session).order_by("name", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"workshop-{session.pk}-deelnemers.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading, _field in WORKSHOP_LIST_COLUMNS])
    for registration in participants:
        cells = [getattr(registration, field) for _heading, field in WORKSHOP_LIST_COLUMNS]
        writer.writerow(neutralise_row([cell() if callable(cell) else cell for cell in cells]))
    return response
