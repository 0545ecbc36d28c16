"""Shared set-up for the API tests: a small directory tree, users and tokens."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import APIToken, GroupPagePermission

from coops.models import CoopIndexPage, CoopPage


def make_directory(home, count=0, **fields):
    """A published CoopIndexPage under `home` with `count` published CoopPages."""
    index = CoopIndexPage(title="Coöperaties", slug="cooperaties", intro="Alle coöperaties.")
    home.add_child(instance=index)
    index.save_revision().publish()
    coops = [make_coop(index, f"Coöperatie {n}", **fields) for n in range(count)]
    return index, coops


def make_coop(index, title, *, live=True, **fields):
    page = CoopPage(title=title, intro=f"Over {title}.", **fields)
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    return page


def make_user(username, *, page=None, permissions=()):
    """A user in a group with `permissions` ("add", "change", "publish") on `page`."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    if permissions:
        group = Group.objects.create(name=f"group-{username}")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for action in permissions:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=f"{action}_page")
            )
        user.groups.add(group)
    return user


def bearer(user, name="test"):
    """(token, Authorization header value) for `user`."""
    token, plaintext = APIToken.create_token(user=user, name=name)
    return token, f"Bearer {plaintext}"


JSON = "application/json"


def v3_create(client, auth, page_type, parent, **fields):
    """POST a new page of `page_type` under `parent` to API v3 with the Authorization `auth`."""
    body = {"meta": {"type": page_type, "parent_id": parent.pk}, **fields}
    return client.post("/api/v3/pages/", body, content_type=JSON, HTTP_AUTHORIZATION=auth)


def assert_problem(response, status):
    """An RFC 7807 problem response with this status; returns its JSON."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert {"type", "title", "status"} <= set(problem)
    return problem
