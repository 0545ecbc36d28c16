"""Users in the editorial roles (Redacteuren, Moderatoren) created by home's data migration."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home.roles import EDITORS, MODERATORS

PASSWORD = "redactie-test-wachtwoord"  # noqa: S105


def make_user(username, group_name, email=None):
    """A user in one editorial group, with a known password for browser logins."""
    user = get_user_model().objects.create_user(
        username=username,
        email=email or f"{username}@example.org",
        password=PASSWORD,
        first_name=username.capitalize(),
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def make_editor(username="redacteur", **kwargs):
    return make_user(username, EDITORS, **kwargs)


def make_moderator(username="moderator", **kwargs):
    return make_user(username, MODERATORS, **kwargs)
