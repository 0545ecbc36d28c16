"""Admin wiring: conference sign-ups under "Aanmeldingen" (CSV), workshop counts and lists."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.spreadsheets import SafeSpreadsheetExportMixin
from core.tasks import after_commit
from news.admin_views import (
    PERMISSION,
    CheckInView,
    PersonDataView,
    WorkshopCountsView,
    attendee_list,
    workshop_participants_csv,
)
from news.forms import INVOICE_FIELDS
from news.models import ParticipantMessage, Registration
from news.tasks import send_participant_message


class RegistrationIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Visitors write the remarks: `=HYPERLINK(…)` must reach the CSV as text."""

    def get_base_queryset(self):
        # The workshops column and export: one query, not one per row.
        return super().get_base_queryset().prefetch_related("workshops")


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Aanmeldingen")
    menu_order = 250
    add_to_admin_menu = True
    form_fields = [
        "conference",
        "name",
        "email",
        "organisation",
        "workshops",
        "dietary",
        "remarks",
        *INVOICE_FIELDS,
        "status",
    ]
    list_display = ["name", "email", "organisation", "conference", "status", "created_at"]
    list_filter = ["conference", "status"]
    search_fields = ["name", "email", "organisation"]
    list_export = [
        "conference",
        "name",
        "email",
        "organisation",
        "workshop_titles",
        "dietary",
        "remarks",
        *INVOICE_FIELDS,
        "status",
        "created_at",
    ]
    export_headings = {
        "conference": _("Conferentie"),
        "name": _("Naam"),
        "email": _("E-mailadres"),
        "organisation": _("Organisatie"),
        "workshop_titles": _("Workshops"),
        "dietary": _("Dieetwensen"),
        "status": _("Status"),
        "remarks": _("Opmerkingen"),
        "created_at": _("Aangemeld op"),
    }
    export_filename = "aanmeldingen"
    copy_view_enabled = False


registration_viewset = RegistrationViewSet("registrations")


class ParticipantMessageCreateView(CreateView):
    """Saving the message sends it to every confirmed participant (each once, logged)."""

    def save_instance(self):
        message = self.form.save(commit=False)
        message.created_by = self.request.user
        message.save()
        after_commit(send_participant_message, message.pk)
        return message

    def get_success_message(self, instance):
        return _("Het bericht ‘%(subject)s’ wordt naar de deelnemers gestuurd.") % {
            "subject": instance.subject
        }


class ParticipantMessageViewSet(ModelViewSet):
    model = ParticipantMessage
    add_view_class = ParticipantMessageCreateView
    icon = "mail"
    menu_label = _("Berichten aan deelnemers")
    menu_order = 252
    add_to_admin_menu = True
    form_fields = ["conference", "subject", "body"]
    list_display = ["subject", "conference", "created_at", "created_by"]
    list_filter = ["conference"]
    copy_view_enabled = False
    inspect_view_enabled = True


participant_message_viewset = ParticipantMessageViewSet("participant_messages")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return [registration_viewset, participant_message_viewset]


@hooks.register("register_admin_urls")
def register_workshop_urls():
    return [
        path("deelnemers/", WorkshopCountsView.as_view(), name="news_workshop_counts"),
        path("deelnemers/persoon/", PersonDataView.as_view(), name="news_person_data"),
        path(
            "deelnemers/workshop/<int:session_id>.csv",
            workshop_participants_csv,
            name="news_workshop_participants",
        ),
        path("deelnemers/<int:conference_id>/lijst/", attendee_list, name="news_attendee_list"),
        path(
            "deelnemers/<int:conference_id>/aanwezig/",
            CheckInView.as_view(),
            name="news_check_in",
        ),
    ]


class RegistrationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_workshop_menu_item():
    return RegistrationMenuItem(
        _("Deelnemers"), reverse("news_workshop_counts"), icon_name="group", order=251
    )
