"""Issue 15: the organisers' admin ("Berichten aan deelnemers", "Deelnemers", the check-in)
works for Moderatoren, not only for superusers; Redacteuren read it; webhooks stay admin-only."""

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail

from home.roles import EDITORS, MODERATORS, grant_participant_message_permissions
from news.models import ParticipantMessage, Registration
from tests.factories.editorial import make_editor, make_moderator
from tests.factories.news import ConferencePageFactory

pytestmark = pytest.mark.django_db


def message_codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(
        group.permissions.filter(content_type__model="participantmessage").values_list(
            "codename", flat=True
        )
    )


def test_the_migration_granted_message_permissions_once():
    grant_participant_message_permissions(apps)
    assert message_codenames(MODERATORS) == {"add_participantmessage", "view_participantmessage"}
    assert message_codenames(EDITORS) == {"view_participantmessage"}


@pytest.fixture
def conference(news_index):
    page = ConferencePageFactory(
        parent=news_index, title="Tussen wil en wet", builtin_registration=True
    )
    page.save_revision().publish()
    Registration.objects.create(
        conference=page, name="Mo Amrani", email="mo@example.org", status="bevestigd"
    )
    return page


def test_a_moderator_messages_the_participants(
    client, conference, django_capture_on_commit_callbacks
):
    client.force_login(make_moderator())
    menu = client.get("/admin/").text
    assert "Berichten aan deelnemers" in menu and "Deelnemers" in menu
    assert client.get("/admin/participant_messages/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/participant_messages/new/",
            {"conference": conference.pk, "subject": "Het programma", "body": "Staat online."},
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["mo@example.org"]]
    message = ParticipantMessage.objects.get()
    # A sent message is not edited afterwards; the moderator can read it.
    assert client.get(f"/admin/participant_messages/inspect/{message.pk}/").status_code == 200
    assert client.get(f"/admin/participant_messages/edit/{message.pk}/").status_code == 302


def test_a_moderator_sees_the_participants_and_checks_them_in(client, conference):
    client.force_login(make_moderator())
    assert client.get("/admin/deelnemers/").status_code == 200
    url = f"/admin/deelnemers/{conference.pk}/aanwezig/"
    assert 'name="present"' in client.get(url).text
    mo = Registration.objects.get()
    assert client.post(url, {"registration": mo.pk, "present": "1"}).status_code == 302
    mo.refresh_from_db()
    assert mo.checked_in_at is not None


def test_an_editor_reads_messages_but_sends_none(client, conference):
    client.force_login(make_editor())
    assert client.get("/admin/participant_messages/").status_code == 200
    response = client.post(
        "/admin/participant_messages/new/",
        {"conference": conference.pk, "subject": "Het programma", "body": "Staat online."},
    )
    assert response.status_code == 302
    assert not ParticipantMessage.objects.exists()


@pytest.mark.parametrize("make_user", [make_editor, make_moderator])
def test_webhooks_stay_for_administrators(client, make_user):
    client.force_login(make_user())
    assert "Webhooks" not in client.get("/admin/").text
