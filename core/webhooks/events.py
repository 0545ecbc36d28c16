"""Wagtail's page signals become webhook deliveries, sent after the editor's commit.

Only pages apps may see are announced: a page that is live and public when published, public
when unpublished, and live and public when deleted. A private page's publish sends nothing
(an app never had it); a page made private sends nothing either: apps learn that from the
removed feed (`/api/v2/pages/removed/`). Nothing here may fail or slow down the editor's
action: deliveries are rows written in a savepoint, sent by a task after commit, and any error
is logged.
"""

import json
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from core.pages import is_public, is_visible
from core.signals import pages_published
from core.tasks import after_commit
from core.webhooks.models import WebhookDelivery, WebhookSubscription
from core.webhooks.tasks import deliver_webhook

logger = logging.getLogger(__name__)


def page_data(page, event):
    """What a delivery says about the page: id and type, plus title and URL when it is live."""
    data = {"id": page.pk, "type": page.specific_class._meta.label}
    if event == "page.published":
        data.update(title=page.title, html_url=page.get_full_url())
    return data


def announce(page, event):
    """Deliveries of `event` for `page` to every matching subscription, sent after commit."""
    announce_all([page], event)


def announce_all(pages, event):
    """`announce` for many pages at once: one subscription query per page type, one insert."""
    try:
        subscriptions = {}
        deliveries = []
        occurred_at = timezone.now().isoformat()
        for page in pages:
            if page.content_type_id not in subscriptions:
                content_type = ContentType.objects.get_for_id(page.content_type_id)
                subscriptions[page.content_type_id] = list(
                    WebhookSubscription.objects.for_event(event, content_type)
                )
            if not subscriptions[page.content_type_id]:
                continue
            body = json.dumps(
                {"event": event, "occurred_at": occurred_at, "page": page_data(page, event)},
                ensure_ascii=False,
            )
            deliveries.extend(
                WebhookDelivery(subscription=subscription, event=event, page_id=page.pk, body=body)
                for subscription in subscriptions[page.content_type_id]
            )
        if not deliveries:
            return
        with transaction.atomic():
            deliveries = WebhookDelivery.objects.bulk_create(deliveries)
        for delivery in deliveries:
            after_commit(deliver_webhook, delivery.pk)
    except Exception:
        logger.exception("Webhook %s voor %d pagina('s) niet aangemaakt", event, len(pages))


def on_published(sender, instance, **kwargs):
    if is_visible(instance):
        announce(instance, "page.published")


def on_bulk_published(sender, pages, **kwargs):
    """A bulk publish (core.signals.pages_published): one delivery per visible page."""
    announce_all([page for page in pages if is_visible(page)], "page.published")


def on_unpublished(sender, instance, **kwargs):
    # Wagtail also sends this just before deleting a live page (still live then): that is
    # announced as page.deleted. Otherwise the page is no longer live; an app had it when
    # it is public.
    if not instance.live and is_public(instance):
        announce(instance, "page.unpublished")


def on_deleted(sender, instance, **kwargs):
    # Deleting a page sends pre_delete for its specific row and for the base Page row; announce
    # once, for the specific one.
    specific = isinstance(instance, Page) and type(instance) is instance.specific_class
    if specific and is_visible(instance):
        announce(instance, "page.deleted")


def connect():
    page_published.connect(on_published, dispatch_uid="core.webhooks.published")
    pages_published.connect(on_bulk_published, dispatch_uid="core.webhooks.bulk_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="core.webhooks.unpublished")
    pre_delete.connect(on_deleted, dispatch_uid="core.webhooks.deleted")
