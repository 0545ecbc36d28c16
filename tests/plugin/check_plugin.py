"""Run by tests/test_plugin.py in its own pytest process with tests.plugin.settings."""

from django.apps import apps
from django.conf import settings

from wagtail.models import APIToken, GroupPagePermission, Page, Site

from coops.models import CoopIndexPage, CoopPage


def test_only_the_plugin_is_installed():
    assert settings.ROOT_URLCONF == "tests.plugin.urls"
    for app in ("home", "search", "coopsite"):
        assert not apps.is_installed(app)


def test_migrates_creates_pages_and_serves_them_through_both_apis(client, db):
    root = Page.get_first_root_node()
    index = root.add_child(instance=CoopIndexPage(title="Coöperaties", slug="cooperaties"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": index},
    )
    coop = index.add_child(instance=CoopPage(title="De Vrije Uitloop", intro="Breda"))
    coop.save_revision().publish()

    v2 = client.get("/api/v2/pages/?type=coops.CoopPage&fields=*")
    assert v2.status_code == 200, v2.content
    assert [item["title"] for item in v2.json()["items"]] == ["De Vrije Uitloop"]
    assert v2["ETag"]

    v3 = client.get(f"/api/v3/pages/{coop.pk}/")
    assert v3.status_code == 200, v3.content
    assert v3.json()["intro"] == "Breda"

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user = get_user_model().objects.create_user("partner", "p@example.org", "pw")
    group = Group.objects.create(name="partners")
    for action in ("add", "change"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=f"{action}_page")
        )
    user.groups.add(group)
    _token, plaintext = APIToken.create_token(user=user, name="partner")
    created = client.post(
        "/api/v3/pages/",
        {"meta": {"type": "coops.CoopPage", "parent_id": index.pk}, "title": "Nieuw"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    assert created.status_code == 201, created.content
