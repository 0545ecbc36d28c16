"""Admin for webhooks: subscriptions and their delivery log, for administrators only.

A webhook's secret and the bodies it sends are for whoever runs the receiving app; editors
with page rights have no business with them, so the permission policies below let only active
superusers in, whatever groups say. The delivery log is read-only.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import AdministratorsOnlyPolicy
from core.webhooks.models import WebhookDelivery, WebhookSubscription


def register_policies():
    """Before any admin view asks (CoreConfig.ready), or Wagtail falls back to model perms."""
    register_permission_policy(WebhookSubscription, AdministratorsOnlyPolicy(WebhookSubscription))
    register_permission_policy(
        WebhookDelivery, AdministratorsOnlyPolicy(WebhookDelivery, actions=["view"])
    )


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "link"
    menu_label = _("Abonnementen")
    list_display = ["name", "url", "active", "on_published", "on_unpublished", "on_deleted"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("active"),
        MultiFieldPanel(
            [FieldPanel("on_published"), FieldPanel("on_unpublished"), FieldPanel("on_deleted")],
            heading=_("Gebeurtenissen"),
        ),
        FieldPanel("page_types", widget=forms.CheckboxSelectMultiple),
    ]


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Afleveringen")
    list_display = [
        "created_at",
        "subscription",
        "event",
        "page_id",
        "status",
        "response_code",
        "attempts",
        "last_attempt_at",
    ]
    list_filter = ["status", "event", "subscription"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []  # read-only: the permission policy offers no add or change


class WebhooksViewSetGroup(ViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link"
    menu_order = 900
    items = (WebhookSubscriptionViewSet, WebhookDeliveryViewSet)
