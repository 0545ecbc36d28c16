"""Signed webhooks as a receiving app sees them, against a real HTTP server on loopback.

Apps verify `X-Webhook-Signature` (HMAC-SHA256 over `timestamp.body`, README "Webhooks"),
get a 500 retried, and an editor's publish never waits for or fails on an app.
"""

import json
import socket

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import PageViewRestriction

from core.webhooks.models import WebhookDelivery, WebhookSubscription
from core.webhooks.signing import verify
from core.webhooks.tasks import RETRIES
from news.models import NewsPage
from tests import loopback
from tests.factories.news import NewsPageFactory

SECRET = "test-geheim"


class Receiver(loopback.LoopbackServer):
    """A loopback HTTP server that answers with `statuses` in turn (then 200) and keeps
    every request it got."""

    def __init__(self, statuses=()):
        self.statuses, self.requests = list(statuses), []
        receiver = self

        class Handler(loopback.QuietHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"fout" if status >= 400 else b"ok")

        super().__init__(Handler)
        self.url = f"{self.origin}/hook"

    def bodies(self):
        return [json.loads(body) for _, body in self.requests]


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # nobody listens: not one of our servers
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def subscribe(url, **fields):
    return WebhookSubscription.objects.create(
        **{"name": "App", "url": url, "secret": SECRET, **fields}
    )


def publish(page, callbacks):
    with callbacks(execute=True):
        page.save_revision().publish()


@pytest.fixture
def news(news_index):
    return NewsPageFactory(parent=news_index, title="Manifestatie", live=False)


def test_a_publish_is_a_signed_post_the_app_can_verify(news, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url)
        publish(news, django_capture_on_commit_callbacks)
    ((headers, body),) = receiver.requests
    assert verify(SECRET, headers["X-Webhook-Timestamp"], body, headers["X-Webhook-Signature"])
    assert not verify(
        "ander-geheim", headers["X-Webhook-Timestamp"], body, headers["X-Webhook-Signature"]
    )
    assert headers["X-Webhook-Event"] == "page.published"
    payload = json.loads(body)
    assert payload["event"] == "page.published"
    assert payload["page"] == {
        "id": news.pk,
        "type": "news.NewsPage",
        "title": "Manifestatie",
        "html_url": news.get_full_url(),
    }
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)
    assert headers["X-Webhook-Delivery"] == str(delivery.pk)


def test_a_500_from_the_app_is_retried_and_logged(news, django_capture_on_commit_callbacks):
    with Receiver(statuses=[500]) as receiver:
        subscribe(receiver.url)
        publish(news, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 2
    first, second = receiver.bodies()
    assert first == second  # the same delivery, signed again
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 2, 200)


def test_a_dead_endpoint_never_fails_the_publish(news, django_capture_on_commit_callbacks):
    subscribe(closed_port_url())
    publish(news, django_capture_on_commit_callbacks)
    news.refresh_from_db()
    assert news.live
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.attempts == RETRIES
    assert delivery.response_code is None
    assert delivery.last_error


def test_unpublish_and_delete_name_only_id_and_type(news, django_capture_on_commit_callbacks):
    publish(news, django_capture_on_commit_callbacks)

    def fresh():  # as the admin loads the page for each action
        return NewsPage.objects.get(pk=news.pk)

    with Receiver() as receiver:
        subscribe(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            fresh().unpublish()
        publish(fresh(), django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            fresh().delete()
    events = [(body["event"], body["page"]) for body in receiver.bodies()]
    assert [event for event, _ in events] == ["page.unpublished", "page.published", "page.deleted"]
    page = {"id": news.pk, "type": "news.NewsPage"}
    assert events[0][1] == page
    assert events[2][1] == page


def test_a_private_page_is_never_announced(news, django_capture_on_commit_callbacks):
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    with Receiver() as receiver:
        subscribe(receiver.url)
        publish(news, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            NewsPage.objects.get(pk=news.pk).unpublish()
        with django_capture_on_commit_callbacks(execute=True):
            NewsPage.objects.get(pk=news.pk).delete()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_subscription_hears_only_its_events_and_page_types(
    news, home_page, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        only_news = subscribe(receiver.url, on_unpublished=False)
        only_news.page_types.set([ContentType.objects.get_for_model(NewsPage)])
        subscribe(receiver.url, name="Uit", active=False)
        publish(news, django_capture_on_commit_callbacks)
        publish(home_page, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            NewsPage.objects.get(pk=news.pk).unpublish()
    assert [body["page"]["id"] for body in receiver.bodies()] == [news.pk]


def test_a_rolled_back_publish_sends_nothing(news, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            news.save_revision().publish()
    # Queued for after commit, not sent inside the transaction (the other callbacks are the
    # content version's second bump: core.cache.version).
    deliveries = [callback for callback in callbacks if "after_commit" in callback.__qualname__]
    assert len(deliveries) == 1
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.PENDING
    assert receiver.requests == []


def test_only_administrators_see_webhooks_in_the_admin(client, home_page):
    editor = get_user_model().objects.create_user("redacteur", password="pw")
    group = Group.objects.create(name="Redactie")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__endswith="webhooksubscription"),
    )
    editor.groups.add(group)
    subscription = subscribe("http://127.0.0.1:1/hook")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="page.published", page_id=1, body="{}", attempts=2
    )
    urls = [
        reverse("webhooksubscription:index"),
        reverse("webhooksubscription:edit", args=[subscription.pk]),
        reverse("webhookdelivery:index"),
        reverse("webhookdelivery:inspect", args=[delivery.pk]),
    ]
    client.force_login(editor)
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    admin = get_user_model().objects.create_superuser("beheer", password="pw")
    client.force_login(admin)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert SECRET in client.get(urls[1]).content.decode()
    assert client.get(reverse("webhookdelivery:add")).status_code in (302, 403)
