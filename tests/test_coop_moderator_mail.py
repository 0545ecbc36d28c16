"""Moderators hear of a proposal once: one mail per moderator per proposal.

Whom it protects: moderators (a proposal by a coöperatie, "Meld uw coöperatie aan" or
"Wijziging voorstellen", lands in their mailbox once, with what they need to judge it, not
as Wagtail's workflow notice plus ours) and the submitter (a confirmation, nothing more).
"""

import collections

import pytest

from django.contrib.auth.models import Group
from django.core import mail

from wagtail.users.models import UserProfile

from coops.proposals import change_token
from tests.factories.coops import CoopPageFactory
from tests.test_coop_proposals import URL, _data

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(django_user_model):
    """A moderator, an editor and a superuser, each with a mail address."""
    moderator = django_user_model.objects.create_user("mod", email="mod@example.org")
    moderator.groups.add(Group.objects.get(name="Moderatoren"))
    editor = django_user_model.objects.create_user("red", email="red@example.org")
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    django_user_model.objects.create_superuser("beheer", email="beheer@example.org")


def _mails():
    return collections.Counter(address for message in mail.outbox for address in message.to)


def _subjects(address):
    """The subjects of the mails to `address`."""
    return [message.subject for message in mail.outbox if address in message.to]


def test_a_new_proposal_mails_each_moderator_once(
    client, coop_index, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _data())
    # Without this, the moderator had Wagtail's "ter goedkeuring ingediend" too, and a
    # superuser also its "ingediend in workflow": the same news two and three times.
    assert _mails() == {"fatima@example.org": 1, "mod@example.org": 1, "beheer@example.org": 1}
    (notice,) = [message for message in mail.outbox if "mod@example.org" in message.to]
    assert notice.subject == "Nieuwe aanmelding: Buurtcoöperatie Noord"
    assert "Fatima de Vries (fatima@example.org)" in notice.body  # what Wagtail's could not say
    assert notice.to == ["beheer@example.org", "mod@example.org"]


def test_a_change_proposal_mails_each_moderator_once(
    client, coop_index, team, django_capture_on_commit_callbacks
):
    entry = CoopPageFactory(parent=coop_index, title="De Vrije Uitloop", slug="dvu", email="")
    entry.save_revision().publish()
    data = {
        "title": entry.title,
        "intro": "Nieuwe introductie.",
        "kvk_number": entry.kvk_number,
        "kind": entry.kind,
        "legal_form": entry.legal_form,
        "email": "info@dvu.example.org",
        "municipality": str(entry.municipality_id),
        "sleutel": change_token(entry),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/cooperaties/dvu/wijziging-voorstellen/", data)
    assert _mails() == {"mod@example.org": 1, "beheer@example.org": 1}
    (notice,) = mail.outbox
    assert notice.subject == "Wijzigingsvoorstel: De Vrije Uitloop"
    entry.refresh_from_db()
    revision = entry.get_latest_revision()
    compare = f"http://testserver/admin/pages/{entry.pk}/revisions/compare/live...{revision.pk}/"
    assert compare in notice.body
    assert f"http://testserver/admin/pages/{entry.pk}/edit/" in notice.body


def test_an_editors_submission_keeps_wagtails_notice(coop_index, team, django_user_model):
    """Only proposals from outside are mailed by us; an editor's draft is Wagtail's business."""
    editor = django_user_model.objects.get(username="red")
    page = CoopPageFactory(parent=coop_index, title="Concept", slug="concept", live=False)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    assert _subjects("mod@example.org") == [
        "De pagina 'Concept' is ter goedkeuring ingediend in beoordelingsfase "
        "'Goedkeuring door Moderatoren'"
    ]


def test_a_moderator_who_turned_notices_off_gets_none(
    client, coop_index, team, django_user_model, django_capture_on_commit_callbacks
):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="mod"))
    profile.submitted_notifications = False
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _data())
    assert "mod@example.org" not in _mails()
