"""`load_demo_content` and `ensure_admin`: what `make run` relies on."""

from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, Revision, Site

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        list(Page.objects.order_by("path").values_list("url_path", "latest_revision_id")),
    )


def test_demo_loader_replaces_welcome_page_and_builds_the_tree(client):
    call_command("load_demo_content", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"over-ons", "bijzonder-statuut", "sociaal-aandeelhouderschap"} <= slugs
    response = client.get("/sociaal-aandeelhouderschap/", HTTP_HOST=site.hostname)
    assert "14 november 2016" in response.content.decode()


def test_demo_loader_is_idempotent():
    call_command("load_demo_content", stdout=StringIO())
    before = snapshot()
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert snapshot() == before
    assert "niets gewijzigd" in out.getvalue()


def test_ensure_admin_uses_the_environment_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "een-lang-wachtwoord")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("een-lang-wachtwoord")
    assert "een-lang-wachtwoord" not in out.getvalue()


def test_ensure_admin_generates_and_prints_once(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("getoond): ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()
    assert get_user_model().objects.count() == 1
