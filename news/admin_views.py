"""Admin pages for organisers: per conference its workshops (counts, a CSV per workshop), a
printable attendee list and the check-in for the day itself.

Editors who may see sign-ups (news.view_registration) may see these; ticking someone as present
needs news.change_registration.
"""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.spreadsheets import neutralise_row
from news.models import ConferencePage, ConferenceSession, Registration
from news.retention import erase_person, person_data, person_registrations

PERMISSION = "news.view_registration"
CHECK_IN_PERMISSION = "news.change_registration"
ERASE_PERMISSION = "news.delete_registration"

WORKSHOP_LIST_COLUMNS = (
    (_("Naam"), "name"),
    (_("E-mailadres"), "email"),
    (_("Organisatie"), "organisation"),
    (_("Dieetwensen"), "dietary"),
    (_("Status"), "get_status_display"),
)


def require_permission(request, permission=PERMISSION):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def attendees(conference):
    """Confirmed participants sorted by name, with their workshops (two queries)."""
    return (
        conference.registrations.filter(status=Registration.Status.CONFIRMED)
        .order_by(Lower("name"), "pk")
        .prefetch_related("workshops")
    )


class WorkshopCountsView(WagtailAdminTemplateMixin, TemplateView):
    """Each conference with workshops: per workshop its round, host, maximum and sign-ups."""

    template_name = "news/admin/workshop_counts.html"
    page_title = _("Deelnemers per conferentie")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conferences = ConferencePage.objects.filter(builtin_registration=True).order_by("-start")
        context["conferences"] = [
            (conference, conference.workshop_rounds()) for conference in conferences
        ]
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


def attendee_list(request, conference_id):
    """The printable attendee list: name, organisation, workshops, a box to tick."""
    require_permission(request)
    conference = get_object_or_404(ConferencePage, pk=conference_id)
    return TemplateResponse(
        request,
        "news/admin/attendee_list.html",
        {"conference": conference, "attendees": attendees(conference)},
    )


class CheckInView(WagtailAdminTemplateMixin, TemplateView):
    """The day itself: find a participant by name and tick them as present (or untick)."""

    template_name = "news/admin/check_in.html"
    header_icon = "tick"

    def dispatch(self, request, conference_id):
        require_permission(request)
        self.conference = get_object_or_404(ConferencePage, pk=conference_id)
        return super().dispatch(request, conference_id)

    def get_page_title(self):
        return _("Aanwezigheid: %(title)s") % {"title": self.conference.title}

    def post(self, request, conference_id):
        require_permission(request, CHECK_IN_PERMISSION)
        registration = get_object_or_404(
            attendees(self.conference), pk=request.POST.get("registration")
        )
        present = request.POST.get("present") == "1"
        registration.checked_in_at = timezone.now() if present else None
        registration.save(update_fields=["checked_in_at"])
        query = request.POST.get("q", "")
        url = request.path + (f"?{urlencode({'q': query})}" if query else "")
        return redirect(f"{url}#aanmelding-{registration.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        people = attendees(self.conference)
        if query:
            people = people.filter(name__icontains=query)
        everyone = attendees(self.conference)
        context.update(
            conference=self.conference,
            query=query,
            attendees=people,
            present=everyone.filter(checked_in_at__isnull=False).count(),
            total=everyone.count(),
            can_check_in=self.request.user.has_perm(CHECK_IN_PERMISSION),
        )
        return context


class PersonDataView(WagtailAdminTemplateMixin, TemplateView):
    """A request about one person's data: find it by e-mail address, export it or erase it."""

    template_name = "news/admin/person_data.html"
    page_title = _("Gegevens van één persoon")
    header_icon = "user"

    def dispatch(self, request):
        require_permission(request)
        self.email = (request.GET.get("email") or request.POST.get("email") or "").strip()
        return super().dispatch(request)

    def get(self, request):
        if self.email and request.GET.get("export") == "json":
            response = JsonResponse(
                {"email": self.email, "registrations": person_data(self.email)},
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
            response["Content-Disposition"] = 'attachment; filename="gegevens.json"'
            return response
        return super().get(request)

    def post(self, request):
        require_permission(request, ERASE_PERMISSION)
        if request.POST.get("confirm") != "1" or not self.email:
            return redirect(request.path)
        erased = erase_person(self.email)
        messages.success(
            request, _("%(count)d aanmelding(en) van dit e-mailadres gewist.") % {"count": erased}
        )
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            email=self.email,
            registrations=person_registrations(self.email) if self.email else [],
            can_erase=self.request.user.has_perm(ERASE_PERMISSION),
        )
        return context
