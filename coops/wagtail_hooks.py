"""Admin wiring of the directory: Rapporten › Murmurations, the dashboard's proposals panel;
and a private entry's profile answers 404."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from coops.models import CoopPage, CoopProposal, MurmurationsNode
from core.pages import is_public

#: Who sees the report: whoever may publish pages (moderators), as for Wagtail's own reports.
REPORT_PERMISSIONS = ["publish"]


def _edit_url(node):
    return reverse("wagtailadmin_pages:edit", args=[node.page_id]) if node.page_id else None


class MurmurationsReportView(ReportView):
    """Read-only: each entry's node in the index, its status and the last error."""

    page_title = _("Murmurations")
    header_icon = "site"
    index_url_name = "coops_murmurations_report"
    index_results_url_name = "coops_murmurations_report_results"
    permission_policy = PagePermissionPolicy(Page)
    any_permission_required = REPORT_PERMISSIONS
    model = MurmurationsNode
    columns = [
        TitleColumn("title", label=_("Coöperatie"), get_url=_edit_url),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("failure_reasons", label=_("Redenen van de index")),
        Column("last_error", label=_("Laatste fout")),
        Column("attempts", label=_("Pogingen")),
        Column("profile_url", label=_("Profiel")),
        DateColumn("updated_at", label=_("Bijgewerkt")),
    ]
    list_export = [
        "title",
        "profile_url",
        "node_id",
        "status",
        "failure_reasons",
        "last_error",
        "attempts",
        "updated_at",
    ]

    def get_queryset(self):
        return MurmurationsNode.objects.order_by("-updated_at")


@hooks.register("register_admin_urls")
def register_murmurations_report_urls():
    return [
        path(
            "reports/murmurations/",
            MurmurationsReportView.as_view(),
            name=MurmurationsReportView.index_url_name,
        ),
        path(
            "reports/murmurations/results/",
            MurmurationsReportView.as_view(results_only=True),
            name=MurmurationsReportView.index_results_url_name,
        ),
    ]


class MurmurationsMenuItem(MenuItem):
    def is_shown(self, request):
        return MurmurationsReportView.permission_policy.user_has_any_permission(
            request.user, REPORT_PERMISSIONS
        )


@hooks.register("register_reports_menu_item")
def register_murmurations_report_menu_item():
    return MurmurationsMenuItem(
        _("Murmurations"),
        reverse(MurmurationsReportView.index_url_name),
        name="murmurations",
        icon_name="site",
        order=950,
    )


class ProposalsPanel(Component):
    """Proposals by coöperaties ("Meld uw coöperatie aan") whose entry is not live yet."""

    name = "coop_proposals"
    template_name = "coops/dashboard/proposals.html"
    order = 105
    limit = 10

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = CoopProposal.objects.filter(page__live=False).select_related("page")
        context["total"] = waiting.count()
        context["proposals"] = list(waiting[: self.limit])
        return context


@hooks.register("construct_homepage_panels")
def add_proposals_panel(request, panels):
    if MurmurationsReportView.permission_policy.user_has_any_permission(
        request.user, REPORT_PERMISSIONS
    ):
        panels.append(ProposalsPanel())


@hooks.register("before_serve_page", order=-1)
def hide_private_profiles(page, request, serve_args, serve_kwargs):
    """A restricted entry has no Murmurations profile: 404, not the login or password page
    Wagtail answers for the entry itself (an index drops a node only when its profile is
    gone). Runs before Wagtail's own view restriction check."""
    match = getattr(request, "routable_resolver_match", None)
    profile = match is not None and match.url_name == "murmurations"
    if isinstance(page, CoopPage) and profile and not is_public(page):
        raise Http404
