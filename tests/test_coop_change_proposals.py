""" "Wijziging voorstellen": a signed, expiring link lets a coöperatie propose a change.

Whom it protects: coöperaties (no account needed, only their own contact address gets the
link), the directory's readers (a proposal is a draft for a moderator, never a publish) and
the other entries (a link changes only the entry it was made for).
"""

import datetime
import io
import re

import pytest
import time_machine

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from coops.proposals import change_token
from tests.factories.coops import CoopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(coop_index):
    page = CoopPageFactory(
        parent=coop_index, title="De Vrije Uitloop", slug="dvu", email="info@dvu.example.org"
    )
    page.save_revision().publish()
    return page


def _form_data(page, **extra):
    data = {
        "title": page.title,
        "intro": "Nieuwe introductie.",
        "kvk_number": page.kvk_number,
        "kind": page.kind,
        "legal_form": page.legal_form,
        "founded_year": "",
        "street": "",
        "postcode": "",
        "city": "",
        "website": "",
        "email": page.email,
        "phone": "",
        "municipality": str(page.municipality_id),
        "sleutel": change_token(page),
    }
    data.update(extra)
    return data


def test_asking_mails_a_signed_link_to_the_contact_address(
    client, entry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cooperaties/dvu/wijziging-voorstellen/")
    assert "We hebben een link gestuurd" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["info@dvu.example.org"]
    link = re.search(r"http://testserver/\S+", message.body).group()
    assert link.startswith("http://testserver/cooperaties/dvu/wijziging-voorstellen/?sleutel=")
    html = client.get(link.removeprefix("http://testserver")).content.decode()
    assert 'value="De Vrije Uitloop"' in html


def test_a_change_is_a_draft_revision_in_the_workflow_never_a_publish(client, entry):
    response = client.post("/cooperaties/dvu/wijziging-voorstellen/", _form_data(entry))
    assert "Uw wijziging is opgeslagen als voorstel" in response.content.decode()
    entry.refresh_from_db()
    assert entry.intro == "Een sociale coöperatie."  # the live version is unchanged
    assert entry.has_unpublished_changes and entry.workflow_in_progress
    assert entry.get_latest_revision_as_object().intro == "Nieuwe introductie."
    assert "Nieuwe introductie." not in client.get("/cooperaties/dvu/").content.decode()


def test_a_link_expires_after_a_week(client, entry):
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        data = _form_data(entry)
    with time_machine.travel(datetime.datetime(2026, 1, 9, tzinfo=datetime.UTC), tick=False):
        response = client.post("/cooperaties/dvu/wijziging-voorstellen/", data)
    assert response.status_code == 403
    assert "Deze link werkt niet (meer)" in response.content.decode()
    entry.refresh_from_db()
    assert not entry.has_unpublished_changes


def test_a_link_cannot_change_another_entry(client, entry, coop_index):
    other = CoopPageFactory(parent=coop_index, title="Andere", slug="andere")
    other.save_revision().publish()
    data = _form_data(entry)  # signed for `entry`
    response = client.post("/cooperaties/andere/wijziging-voorstellen/", data)
    assert response.status_code == 403
    other.refresh_from_db()
    assert not other.has_unpublished_changes
    tampered = client.get("/cooperaties/dvu/wijziging-voorstellen/?sleutel=abc")
    assert tampered.status_code == 403


def test_without_a_contact_address_the_moderators_are_told(
    client, coop_index, django_user_model, django_capture_on_commit_callbacks
):
    page = CoopPageFactory(parent=coop_index, slug="zonder", email="")
    page.save_revision().publish()
    moderator = django_user_model.objects.create_user("m", email="mod@example.org")
    moderator.groups.add(Group.objects.get(name="Moderatoren"))
    with django_capture_on_commit_callbacks(execute=True):
        html = client.post("/cooperaties/zonder/wijziging-voorstellen/").content.decode()
    assert "geen e-mailadres" in html
    (message,) = mail.outbox
    assert message.to == ["mod@example.org"]
    assert f"/admin/pages/{page.pk}/edit/" in message.body


def test_the_entry_page_links_to_it(client, entry):
    assert (
        'href="/cooperaties/dvu/wijziging-voorstellen/"'
        in client.get("/cooperaties/dvu/").content.decode()
    )


def _published_long_ago(coop_index, **kwargs):
    with time_machine.travel(datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC), tick=False):
        page = CoopPageFactory(parent=coop_index, **kwargs)
        page.save_revision().publish()
    return page


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_ask_for_updates_mails_stale_entries_once_a_month(
    coop_index, django_capture_on_commit_callbacks
):
    stale = _published_long_ago(coop_index, slug="oud", email="oud@example.org")
    _published_long_ago(coop_index, slug="zonder", email="")
    fresh = CoopPageFactory(parent=coop_index, slug="vers", email="vers@example.org")
    fresh.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ask_for_updates", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["oud@example.org"]]
    assert "al een jaar niet gecontroleerd" in mail.outbox[0].body
    assert stale.freshness.asked_on == datetime.date(2026, 3, 1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ask_for_updates", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # not again within a month


def test_confirming_updates_the_date_without_a_revision(client, coop_index):
    page = _published_long_ago(coop_index, slug="oud", email="oud@example.org")
    revisions = page.revisions.count()
    assert (
        "Laatst gecontroleerd op 10 januari 2024"
        in client.get("/cooperaties/oud/").content.decode()
    )
    html = client.post(
        "/cooperaties/oud/wijziging-voorstellen/",
        {"sleutel": change_token(page, periodic=True), "bevestig": "1"},
    ).content.decode()
    assert "Bedankt voor het controleren" in html
    page.refresh_from_db()
    assert page.revisions.count() == revisions and not page.has_unpublished_changes
    today = datetime.date.today()
    assert page.last_checked_on == today
    assert "Laatst gecontroleerd op" in client.get("/cooperaties/oud/").content.decode()


def test_a_periodic_link_works_a_month(client, coop_index):
    page = _published_long_ago(coop_index, slug="oud", email="oud@example.org")
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC), tick=False):
        token = change_token(page, periodic=True)
    with time_machine.travel(datetime.datetime(2026, 1, 20, tzinfo=datetime.UTC), tick=False):
        ok = client.get(f"/cooperaties/oud/wijziging-voorstellen/?sleutel={token}")
    with time_machine.travel(datetime.datetime(2026, 2, 5, tzinfo=datetime.UTC), tick=False):
        late = client.get(f"/cooperaties/oud/wijziging-voorstellen/?sleutel={token}")
    assert (ok.status_code, late.status_code) == (200, 403)
