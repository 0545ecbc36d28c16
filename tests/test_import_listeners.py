# ruff: noqa: F811 (the fixtures imported below are the tests' arguments)
"""Issues 12–14: entries that import_coops publishes in bulk reach every listener of a publish:
the CDN purge, the webhooks and the Murmurations index, each after the import commits, each
with a fixed number of queries per batch (the linear bounds: test_import_bulk).

Whom it protects: apps and indexes that follow the directory (they learn of imported entries
as of edited ones), and visitors behind a CDN (they see the import at once).
"""

from unittest import mock

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coops.models import CoopPage, MurmurationsNode
from core.webhooks.models import WebhookDelivery
from tests.test_cdn_purge import varnish  # noqa: F401 (fixture)
from tests.test_import_bulk import rows, werk  # noqa: F401 (fixture)
from tests.test_import_states import _import
from tests.test_murmurations_index import index  # noqa: F401 (fixture)
from tests.test_webhooks import Receiver, subscribe


@pytest.mark.django_db
def test_an_import_purges_the_directory_and_each_entry_once(
    coop_index,
    werk,
    varnish,
    tmp_path,
):
    with mock.patch("core.cache.purge.after_commit") as enqueue:
        _import(tmp_path, rows(3))
    entries = [f"/cooperaties/{page.slug}/" for page in CoopPage.objects.order_by("slug")]
    assert len(entries) == 3
    # One purge for the batch (the listing's URLs once), not one per entry.
    [(_task, urls)] = [
        call.args
        for call in enqueue.call_args_list
        if set(entries) & {url.removeprefix("http://testserver") for url in call.args[1]}
    ]
    paths = {url.removeprefix("http://testserver") for url in urls}
    assert {*entries, "/cooperaties/", "/", "/sitemap.xml", "/api/v2/pages/"} <= paths


@pytest.mark.django_db
def test_the_purge_reaches_the_cdn(
    coop_index, werk, varnish, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _import(tmp_path, rows(3))
    paths = {path for _host, path in varnish}
    assert {"/cooperaties/", "/cooperaties/bulk-0000/", "/cooperaties/bulk-0002/"} <= paths


@pytest.mark.django_db
def test_an_import_delivers_a_webhook_per_entry(
    coop_index,
    werk,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    with Receiver() as receiver:
        subscribe(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            _import(tmp_path, rows(3))
    bodies = receiver.bodies()
    assert sorted(body["page"]["title"] for body in bodies) == [
        "Bulkcoöperatie 0000",
        "Bulkcoöperatie 0001",
        "Bulkcoöperatie 0002",
    ]
    assert {body["event"] for body in bodies} == {"page.published"}
    assert {body["page"]["type"] for body in bodies} == {"coops.CoopPage"}
    assert WebhookDelivery.objects.filter(status="delivered").count() == 3


@pytest.mark.django_db
def test_a_dry_run_announces_nothing(
    coop_index, werk, tmp_path, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        subscribe(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            _import(tmp_path, rows(3), "--dry-run")
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_the_listeners_cost_the_same_for_3_and_30_entries(
    coop_index,
    werk,
    varnish,
    tmp_path,
    settings,
):
    """With a subscription and a CDN configured, the import's queries still grow only by the
    publish UPDATE per new row plus the delivery ids (one INSERT per batch)."""
    subscribe("http://127.0.0.1:9/hook")
    settings.MURMURATIONS_INDEX_URL = "http://127.0.0.1:9/v2"

    def queries(count, start):
        with CaptureQueriesContext(connection) as captured:
            _import(tmp_path, rows(count, start=start))
        return len(captured)

    small, large = queries(3, 0), queries(30, 100)
    assert (large - small) / 27 <= 1.5, (small, large)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_tells_the_murmurations_index(index, coop_index, tmp_path):
    _import(tmp_path, rows(3))
    assert index.requests.count(("POST", "/v2/nodes")) == 3
    assert MurmurationsNode.objects.filter(status=MurmurationsNode.Status.POSTED).count() == 3
