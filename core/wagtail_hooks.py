"""Admin wiring of `core`: webhooks (administrators only, see core/webhooks/admin.py)."""

from wagtail import hooks

from core.webhooks.admin import WebhooksViewSetGroup


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhooksViewSetGroup()
