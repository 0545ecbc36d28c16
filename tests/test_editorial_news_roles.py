"""Redacteuren and Moderatoren with the news app's sign-ups ("Aanmeldingen") (issue 7)."""

import datetime as dt

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse

from home.roles import EDITORS, MODERATORS, grant_news_permissions
from news.models import Registration
from tests.factories.editorial import make_editor, make_moderator
from tests.factories.news import ConferencePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(
        group.permissions.filter(
            content_type__app_label="news", content_type__model="registration"
        ).values_list("codename", flat=True)
    )


def test_the_migration_granted_registration_permissions():
    assert codenames(EDITORS) == {"view_registration"}
    assert codenames(MODERATORS) == {
        "view_registration",
        "change_registration",
        "delete_registration",
    }


def test_granting_again_changes_nothing():
    grant_news_permissions(apps)
    assert codenames(EDITORS) == {"view_registration"}
    assert len(codenames(MODERATORS)) == 3


@pytest.fixture
def registration(home_page):
    start = dt.datetime(2030, 2, 10, 9, 30, tzinfo=dt.UTC)
    conference = ConferencePageFactory(
        parent=NewsIndexPageFactory(parent=home_page),
        title="Tussen wil en wet",
        start=start,
        end=start + dt.timedelta(hours=7),
        builtin_registration=True,
    )
    return Registration.objects.create(
        conference=conference, name="Anna de Vries", email="anna@example.nl"
    )


def test_editor_sees_and_exports_sign_ups_but_cannot_change_them(client, registration):
    client.force_login(make_editor())
    listing = client.get(reverse("registrations:index"))
    assert listing.status_code == 200
    assert "Anna de Vries" in listing.text
    export = client.get(reverse("registrations:index") + "?export=csv")
    assert export.status_code == 200
    assert "anna@example.nl" in export.getvalue().decode()
    edit = client.get(reverse("registrations:edit", args=[registration.pk]))
    assert edit.status_code in (302, 403)
    client.post(reverse("registrations:delete", args=[registration.pk]))
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_moderator_corrects_and_removes_a_sign_up(client, registration):
    client.force_login(make_moderator())
    assert client.get(reverse("registrations:edit", args=[registration.pk])).status_code == 200
    response = client.post(reverse("registrations:delete", args=[registration.pk]))
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=registration.pk).exists()
