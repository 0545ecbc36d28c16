"""Publishing, unpublishing and deleting an entry tell a Murmurations index (loopback).

Whom it protects: networks that find our coöperaties through a Murmurations index (an entry
appears when published and disappears when unpublished or deleted), and editors, whose
publish never waits for or fails on the index.
"""

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import PageViewRestriction, Site

from coops.models import MurmurationsNode
from tests.factories.coops import CoopPageFactory
from tests.factories.home import StandardPageFactory
from tests.murmurations_index import LoopbackIndex

Status = MurmurationsNode.Status


@pytest.fixture
def index(settings, live_server, coop_index):
    """The loopback index, and the site's URLs on the live server (the index fetches them)."""
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.update(hostname=host, port=int(port))
    with LoopbackIndex() as loopback:
        settings.MURMURATIONS_INDEX_URL = loopback.url
        yield loopback


def _publish(coop_index, slug="de-vrije-uitloop", **kwargs):
    page = CoopPageFactory(parent=coop_index, title="De Vrije Uitloop", slug=slug, **kwargs)
    page.save_revision().publish()
    return page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_posts_the_profile_and_stores_node_id_and_status(index, coop_index):
    page = _publish(coop_index, kvk_number="12345678")
    node = MurmurationsNode.objects.get()
    assert node.page == page
    assert node.profile_url == page.get_full_url() + "murmurations.json"
    assert node.status == Status.POSTED  # the index fetched it and validated it
    assert node.node_id == next(iter(index.nodes))
    assert node.failure_reasons == [] and node.last_error == ""
    assert ("POST", "/v2/nodes") in index.requests
    assert ("GET", f"/v2/nodes/{node.node_id}") in index.requests


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_republishing_refreshes_the_same_node(index, coop_index):
    page = _publish(coop_index)
    page.title = "De Vrije Uitloop Breda"
    page.save_revision().publish()
    node = MurmurationsNode.objects.get()
    assert node.title == "De Vrije Uitloop Breda"
    assert index.requests.count(("POST", "/v2/nodes")) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_unpublishing_makes_the_profile_404_then_deletes_the_node(index, coop_index):
    page = _publish(coop_index)
    page.refresh_from_db()
    page.unpublish()
    node = MurmurationsNode.objects.get()
    assert node.status == Status.DELETED
    assert index.nodes[node.node_id]["status"] == "deleted"  # the index saw the 404 first
    assert ("DELETE", f"/v2/nodes/{node.node_id}") in index.requests


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_deleting_an_entry_deletes_its_node_and_keeps_the_record(index, coop_index):
    page = _publish(coop_index)
    page.refresh_from_db()
    page.delete()
    node = MurmurationsNode.objects.get()
    assert node.page is None
    assert node.status == Status.DELETED
    assert index.nodes[node.node_id]["status"] == "deleted"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_slug_replaces_the_old_node(index, coop_index):
    page = _publish(coop_index, slug="oud")
    page.slug = "nieuw"
    page.save_revision().publish()
    statuses = {
        url.rsplit("/", 2)[1]: status
        for url, status in MurmurationsNode.objects.values_list("profile_url", "status")
    }
    assert statuses == {"oud": Status.DELETED, "nieuw": Status.POSTED}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_index_is_retried_and_never_fails_the_publish(index, coop_index, caplog):
    index.fail_next = 2
    page = _publish(coop_index)  # does not raise
    assert page.live
    node = MurmurationsNode.objects.get()
    assert node.status == Status.POSTED
    assert node.attempts == 3
    assert "poging 2 mislukt" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_index_that_stays_down_is_logged_and_shown_on_the_node(index, coop_index, caplog):
    index.fail_next = 100
    page = _publish(coop_index)
    assert page.live
    node = MurmurationsNode.objects.get()
    assert node.status == Status.PENDING
    assert node.attempts == 5
    assert "503" in node.last_error
    assert "opgegeven na 5 pogingen" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_invalid_profile_shows_the_indexs_reasons(index, coop_index, monkeypatch):
    monkeypatch.setattr("coops.murmurations.SCHEMA", "Not A Schema")
    _publish(coop_index)
    node = MurmurationsNode.objects.get()
    assert node.status == Status.VALIDATION_FAILED
    assert any("linked_schemas" in reason for reason in node.failure_reasons)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_sent_without_an_index_url(settings, live_server, coop_index):
    settings.MURMURATIONS_INDEX_URL = ""
    _publish(coop_index)
    assert not MurmurationsNode.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_private_entry_is_not_announced(index, coop_index):
    PageViewRestriction.objects.create(page=coop_index, restriction_type="login")
    _publish(coop_index)
    assert not MurmurationsNode.objects.exists()


@pytest.mark.django_db
def test_moderators_see_the_nodes_under_reports(client, coop_index, django_user_model):
    page = CoopPageFactory(parent=coop_index, title="De Vrije Uitloop")
    MurmurationsNode.objects.create(
        page=page,
        title=page.title,
        profile_url="http://testserver/cooperaties/x/murmurations.json",
        node_id="abc",
        status=Status.VALIDATION_FAILED,
        failure_reasons=["name: is a required property"],
        last_error="GET …: 503",
        attempts=2,
    )
    moderator = django_user_model.objects.create_user("mod", password="x", is_staff=False)
    moderator.groups.add(Group.objects.get(name="Moderatoren"))
    client.force_login(moderator)
    html = client.get("/admin/reports/murmurations/").content.decode()
    assert "De Vrije Uitloop" in html
    assert "afgekeurd door de index" in html
    assert "name: is a required property" in html
    assert f"/admin/pages/{page.pk}/edit/" in html
    assert "/admin/reports/murmurations/" in client.get("/admin/").content.decode()  # the menu
    export = client.get("/admin/reports/murmurations/?export=csv")
    assert b"abc" in b"".join(export.streaming_content) if export.streaming else export.content

    editor = django_user_model.objects.create_user("red", password="x")
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    client.force_login(editor)
    assert client.get("/admin/reports/murmurations/").status_code == 302


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_murmurations_status_follows_a_node_the_index_had_not_settled(index, coop_index):
    _publish(coop_index)
    node = MurmurationsNode.objects.get()
    MurmurationsNode.objects.filter(pk=node.pk).update(status=Status.RECEIVED)
    call_command("murmurations_status")
    node.refresh_from_db()
    assert node.status == Status.POSTED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("kind", ["login", "password", "groups"])
def test_a_restriction_on_the_entry_removes_its_node_and_lifting_it_announces_it(
    index, coop_index, kind
):
    page = _publish(coop_index)
    node = MurmurationsNode.objects.get()
    assert node.status == Status.POSTED
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="geheim" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.set([Group.objects.get(name="Moderatoren")])
    node.refresh_from_db()
    assert node.status == Status.DELETED
    assert index.nodes[node.node_id]["status"] == "deleted"  # the index saw the 404 first
    assert ("DELETE", f"/v2/nodes/{node.node_id}") in index.requests

    restriction.delete()
    node.refresh_from_db()
    assert node.status == Status.POSTED
    assert index.nodes[node.node_id]["status"] == "posted"
    assert index.requests.count(("POST", "/v2/nodes")) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restriction_on_an_ancestor_removes_every_entry_below_it(index, coop_index):
    _publish(coop_index, slug="een")
    _publish(coop_index, slug="twee")
    restriction = PageViewRestriction.objects.create(page=coop_index, restriction_type="login")
    assert set(MurmurationsNode.objects.values_list("status", flat=True)) == {Status.DELETED}
    assert sum(method == "DELETE" for method, _ in index.requests) == 2

    # Lifting one of two covering restrictions keeps the entries private.
    outer = PageViewRestriction.objects.create(
        page=coop_index.get_parent(), restriction_type="login"
    )
    restriction.delete()
    assert set(MurmurationsNode.objects.values_list("status", flat=True)) == {Status.DELETED}
    assert index.requests.count(("POST", "/v2/nodes")) == 2

    outer.delete()
    assert set(MurmurationsNode.objects.values_list("status", flat=True)) == {Status.POSTED}
    assert index.requests.count(("POST", "/v2/nodes")) == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_removal_after_a_restriction_is_retried_until_the_index_answers(index, coop_index, caplog):
    page = _publish(coop_index)
    index.fail_next = 2
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    node = MurmurationsNode.objects.get()
    assert node.status == Status.DELETED
    assert "poging 2 mislukt" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restriction_elsewhere_leaves_the_entry_in_the_index(index, coop_index, home_page):
    _publish(coop_index)
    other = StandardPageFactory(parent=home_page, title="Elders", slug="elders")
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    assert MurmurationsNode.objects.get().status == Status.POSTED
    assert not any(method == "DELETE" for method, _ in index.requests)
