"""Admin wiring: conference sign-ups under "Aanmeldingen", exportable as CSV."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.spreadsheets import SafeSpreadsheetExportMixin
from news.models import Registration


class RegistrationIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Visitors write the remarks: `=HYPERLINK(…)` must reach the CSV as text."""


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Aanmeldingen")
    menu_order = 250
    add_to_admin_menu = True
    form_fields = ["conference", "name", "email", "organisation", "workshop", "remarks"]
    list_display = ["name", "email", "organisation", "conference", "workshop", "created_at"]
    list_filter = ["conference"]
    search_fields = ["name", "email", "organisation"]
    list_export = [
        "conference",
        "name",
        "email",
        "organisation",
        "workshop",
        "remarks",
        "created_at",
    ]
    export_headings = {
        "conference": _("Conferentie"),
        "name": _("Naam"),
        "email": _("E-mailadres"),
        "organisation": _("Organisatie"),
        "workshop": _("Workshop"),
        "remarks": _("Opmerkingen"),
        "created_at": _("Aangemeld op"),
    }
    export_filename = "aanmeldingen"
    copy_view_enabled = False


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset
