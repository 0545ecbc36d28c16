"""Themes and municipalities as API v3 snippets, for apps with a token.

Apps that tag content read the themes (`/api/v3/snippets/coops.Theme/`) and may write them
with theme rights; municipalities come from coops/data/gemeenten.csv and are read-only for
everyone, administrators included (`core.permissions.ReadOnlyPolicy`).
"""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from coops.models import Municipality, Theme
from tests.api_support import JSON, assert_problem, bearer
from tests.factories.coops import ThemeFactory


@pytest.fixture
def admin_auth(db):
    return bearer(get_user_model().objects.create_superuser("beheer", password="pw"))[1]


def test_themes_are_listed_and_read_with_a_token(client, admin_auth):
    theme = ThemeFactory(name="Wonen", slug="wonen")
    listing = client.get("/api/v3/snippets/coops.Theme/", HTTP_AUTHORIZATION=admin_auth)
    assert listing.status_code == 200, listing.content
    assert theme.pk in [item["id"] for item in listing.json()["items"]]
    detail = client.get(f"/api/v3/snippets/coops.Theme/{theme.pk}/", HTTP_AUTHORIZATION=admin_auth)
    assert detail.status_code == 200
    assert (detail.json()["name"], detail.json()["slug"]) == ("Wonen", "wonen")


def test_a_theme_can_be_created_with_theme_rights(client, db):
    user = get_user_model().objects.create_user("thema-app", password="pw")
    group = Group.objects.create(name="Thema's")
    group.permissions.add(*Permission.objects.filter(codename__in=["add_theme", "view_theme"]))
    user.groups.add(group)
    _token, auth = bearer(user)
    body = {"name": "Zorg", "slug": "zorg", "description": ""}
    response = client.post(
        "/api/v3/snippets/coops.Theme/", body, content_type=JSON, HTTP_AUTHORIZATION=auth
    )
    assert response.status_code == 201, response.content
    assert Theme.objects.filter(slug="zorg").exists()


def test_snippets_need_a_token(client, db):
    assert_problem(client.get("/api/v3/snippets/coops.Theme/"), 401)


def test_municipalities_are_readable_but_never_written(client, admin_auth):
    breda = Municipality.objects.get(code="GM0758")
    listing = client.get(
        "/api/v3/snippets/coops.Municipality/?limit=100", HTTP_AUTHORIZATION=admin_auth
    )
    assert listing.status_code == 200, listing.content
    assert listing.json()["count"] == Municipality.objects.count()
    detail = client.get(
        f"/api/v3/snippets/coops.Municipality/{breda.pk}/", HTTP_AUTHORIZATION=admin_auth
    ).json()
    assert (detail["code"], detail["name"], detail["province"]) == (
        "GM0758",
        "Breda",
        breda.province,
    )

    created = client.post(
        "/api/v3/snippets/coops.Municipality/",
        {"code": "GM9999", "name": "Nergens"},
        content_type=JSON,
        HTTP_AUTHORIZATION=admin_auth,
    )
    assert_problem(created, 403)
    patched = client.patch(
        f"/api/v3/snippets/coops.Municipality/{breda.pk}/",
        {"name": "Bréda"},
        content_type=JSON,
        HTTP_AUTHORIZATION=admin_auth,
    )
    assert patched.status_code in (403, 405), patched.content
    deleted = client.delete(
        f"/api/v3/snippets/coops.Municipality/{breda.pk}/", HTTP_AUTHORIZATION=admin_auth
    )
    assert deleted.status_code in (403, 405), deleted.content
    breda.refresh_from_db()
    assert breda.name == "Breda"


def test_the_admin_shows_municipalities_without_edit(client, db):
    admin = get_user_model().objects.create_superuser("beheer2", password="pw")
    client.force_login(admin)
    breda = Municipality.objects.get(code="GM0758")
    assert client.get("/admin/snippets/coops/municipality/").status_code == 200
    assert client.get(f"/admin/snippets/coops/municipality/edit/{breda.pk}/").status_code in (
        302,
        403,
    )
