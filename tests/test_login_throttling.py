"""Passwords can't be guessed: the two logins and a page's password lock after N failures.

Whom it protects: editors and administrators (their accounts), and whoever shares a
password-restricted page. Failures count per username (or restricted page) and address, per
username from any address and per address for any username, each with its own limit
(settings.LOGIN_FAILURE_LIMITS); the wait is AXES_COOLOFF_TIME. Attempts are in the
database, so Redis being down neither locks the site out nor turns a login into a 500.
"""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client

from wagtail.models import PageViewRestriction

from tests.factories.home import StandardPageFactory
from tests.test_resilience import closed_port, redis_down  # noqa: F401 - fixtures

PASSWORD = "Juist-wachtwoord-2026"
START = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
LOGINS = {
    "wagtail": ("/admin/login/", "/admin/"),
    "django": ("/django-admin/login/?next=/django-admin/", "/django-admin/"),
}


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("beheerder", "beheer@example.org", PASSWORD)


def login(client, which, password, username="beheerder"):
    url, _ = LOGINS[which]
    return client.post(url, {"username": username, "password": password})


def assert_locked_out(response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "Te veel mislukte pogingen" in text
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Probeer het over <strong>{minutes} minuten</strong> opnieuw" in text
    assert response["Retry-After"] == str(minutes * 60)
    assert "no-cache" in response["Cache-Control"]


def fail(count, attempt):
    responses = [attempt() for _ in range(count)]
    return responses[-1]


@pytest.mark.parametrize("which", LOGINS)
def test_the_right_password_logs_in_after_a_few_mistakes(client, admin_user, which):
    fail(settings.AXES_FAILURE_LIMIT - 1, lambda: login(client, which, "fout"))
    response = login(client, which, PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("which", LOGINS)
def test_a_login_locks_after_the_limit_even_with_the_right_password(client, admin_user, which):
    with time_machine.travel(START, tick=False):
        last = fail(settings.AXES_FAILURE_LIMIT, lambda: login(client, which, "fout"))
        assert_locked_out(last)
        response = login(client, which, PASSWORD)
        assert_locked_out(response)
        assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("which", LOGINS)
def test_the_lockout_ends_after_the_cooloff(client, admin_user, which):
    with time_machine.travel(START, tick=False) as traveller:
        fail(settings.AXES_FAILURE_LIMIT, lambda: login(client, which, "fout"))
        traveller.shift(settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=30))
        assert_locked_out(login(client, which, PASSWORD))  # restarts the wait
        traveller.shift(settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1))
        response = login(client, which, PASSWORD)
        assert response.status_code == 302


def own_limit(scope):
    return dict(settings.LOGIN_FAILURE_LIMITS)[scope]


def addresses(count):
    return [f"203.0.113.{n}" for n in range(1, count + 1)]


def spread_guesses(total, attempt):
    """`total` failures from as many addresses as it takes to stay under each one's limit."""
    per_address = settings.AXES_FAILURE_LIMIT - 1
    for number, address in enumerate(addresses(-(-total // per_address))):
        for _ in range(min(per_address, total - number * per_address)):
            attempt(Client(REMOTE_ADDR=address))


def test_a_locked_account_and_address_leave_the_account_open_elsewhere(admin_user):
    get_user_model().objects.create_superuser("collega", "collega@example.org", PASSWORD)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    fail(settings.AXES_FAILURE_LIMIT, lambda: login(attacker, "wagtail", "fout"))
    assert_locked_out(login(attacker, "wagtail", PASSWORD))
    # The same account from the editor's own address, and another account from the
    # attacker's address, still log in.
    assert login(Client(REMOTE_ADDR="198.51.100.7"), "wagtail", PASSWORD).status_code == 302
    assert login(attacker, "wagtail", PASSWORD, username="collega").status_code == 302


@pytest.mark.parametrize("which", LOGINS)
def test_an_account_locks_after_guesses_from_many_addresses(admin_user, which):
    limit = own_limit("username")
    with time_machine.travel(START, tick=False) as traveller:
        spread_guesses(limit - 1, lambda client: login(client, which, "fout"))
        editor = Client(REMOTE_ADDR="198.51.100.7")
        assert login(editor, which, PASSWORD).status_code == 302
        spread_guesses(limit, lambda client: login(client, which, "fout"))
        # Every address now waits, the editor's own too, even with the right password.
        assert_locked_out(login(Client(REMOTE_ADDR="198.51.100.7"), which, PASSWORD))
        traveller.shift(settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1))
        assert login(Client(REMOTE_ADDR="198.51.100.7"), which, PASSWORD).status_code == 302


def test_an_address_locks_after_guessing_many_accounts(admin_user):
    limit = own_limit("ip_address")
    sprayer = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(limit):
        login(sprayer, "wagtail", "Zomer2026!", username=f"gebruiker{number}")
    # A real account with its right password: this address waits; others don't.
    assert_locked_out(login(sprayer, "wagtail", PASSWORD))
    assert login(Client(REMOTE_ADDR="198.51.100.7"), "wagtail", PASSWORD).status_code == 302


def test_a_good_login_does_not_forgive_guesses_from_elsewhere(admin_user):
    limit = own_limit("username")
    spread_guesses(limit - 2, lambda client: login(client, "wagtail", "fout"))
    editor = Client(REMOTE_ADDR="198.51.100.7")
    login(editor, "wagtail", "tikfout")
    assert login(editor, "wagtail", PASSWORD).status_code == 302
    # The editor's own mistake is forgiven, the guesses from elsewhere are not: two more lock.
    fail(2, lambda: login(Client(REMOTE_ADDR="192.0.2.1"), "wagtail", "fout"))
    assert_locked_out(login(Client(REMOTE_ADDR="198.51.100.8"), "wagtail", PASSWORD))


def test_the_address_behind_a_trusted_proxy_is_the_forwarded_one(admin_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    fail(settings.AXES_FAILURE_LIMIT, lambda: login(attacker, "wagtail", "fout"))
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    editor = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert login(editor, "wagtail", PASSWORD).status_code == 302


def test_an_admin_sees_the_lockouts_and_can_lift_one(client, admin_user):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    fail(settings.AXES_FAILURE_LIMIT, lambda: login(attacker, "wagtail", "fout"))
    client.force_login(admin_user)
    listing = client.get("/django-admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "203.0.113.9" in listing.content.decode()
    call_command("axes_reset_username", "beheerder")
    assert login(attacker, "wagtail", PASSWORD).status_code == 302


@pytest.mark.parametrize("which", LOGINS)
def test_logins_work_and_lock_while_redis_is_down(client, admin_user, redis_down, which):  # noqa: F811
    fail(settings.AXES_FAILURE_LIMIT - 1, lambda: login(client, which, "fout"))
    assert login(client, which, PASSWORD).status_code == 302
    other = Client()
    assert_locked_out(fail(settings.AXES_FAILURE_LIMIT, lambda: login(other, which, "fout")))


# The page password: Wagtail checks it in its own view, without authenticate().


@pytest.fixture
def secret_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Ledenpagina")
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def try_page_password(client, secret_page, password):
    page, restriction = secret_page
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
    )


def test_the_page_password_form_posts_to_the_counted_view(client, secret_page):
    page, restriction = secret_page
    form = client.get(page.url).content.decode()
    assert f'action="/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"' in form


def test_the_right_page_password_opens_the_page_after_a_few_mistakes(client, secret_page):
    wrong = fail(
        settings.AXES_FAILURE_LIMIT - 1, lambda: try_page_password(client, secret_page, "x")
    )
    assert wrong.status_code == 200  # the form again, with its error
    response = try_page_password(client, secret_page, PASSWORD)
    assert response.status_code == 302
    assert client.get(secret_page[0].url).status_code == 200


def test_the_page_password_locks_after_the_limit_and_reopens_after_the_cooloff(client, secret_page):
    with time_machine.travel(START, tick=False) as traveller:
        last = fail(
            settings.AXES_FAILURE_LIMIT, lambda: try_page_password(client, secret_page, "x")
        )
        assert_locked_out(last)
        assert_locked_out(try_page_password(client, secret_page, PASSWORD))
        # Another visitor (another address) is not locked out.
        other = Client(REMOTE_ADDR="198.51.100.7")
        assert try_page_password(other, secret_page, PASSWORD).status_code == 302
        traveller.shift(settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1))
        assert try_page_password(client, secret_page, PASSWORD).status_code == 302


def test_a_page_password_locks_after_guesses_from_many_addresses(secret_page):
    guess = lambda client: try_page_password(client, secret_page, "x")  # noqa: E731
    spread_guesses(own_limit("username"), guess)
    assert_locked_out(try_page_password(Client(REMOTE_ADDR="198.51.100.7"), secret_page, PASSWORD))


def test_the_page_password_is_counted_while_redis_is_down(client, secret_page, redis_down):  # noqa: F811
    last = fail(settings.AXES_FAILURE_LIMIT, lambda: try_page_password(client, secret_page, "x"))
    assert_locked_out(last)


# The Wagtail admin's view of the lockouts (home/lockouts.py): administrators only.


def test_an_administrator_sees_the_lockouts_in_wagtail_and_lifts_one(client, admin_user):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    with time_machine.travel(START, tick=False):
        fail(settings.AXES_FAILURE_LIMIT, lambda: login(attacker, "wagtail", "fout"))
        client.force_login(admin_user)
        listing = client.get("/admin/inlogblokkades/")
        assert listing.status_code == 200
        html = listing.content.decode()
        assert "Inlogblokkades" in html
        assert "203.0.113.9" in html
        assert "tot 1 december 13:15" in html  # 12:00 UTC is 13:00 in Amsterdam, plus the wait
        attempt = AccessAttempt.objects.get()
        delete_url = f"/admin/inlogblokkades/delete/{attempt.pk}/"
        assert delete_url in html
        assert client.post(delete_url).status_code == 302
        assert login(attacker, "wagtail", PASSWORD).status_code == 302


def test_only_administrators_see_the_lockouts(client, admin_user):
    editor = get_user_model().objects.create_user("redacteur", "r@example.org", PASSWORD)
    # Even with the model permissions a group could hand out.
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_accessattempt", "delete_accessattempt"]
        )
    )
    client.force_login(editor)
    assert client.get("/admin/inlogblokkades/").status_code in (302, 403)
    assert "Inlogblokkades" not in client.get("/admin/").content.decode()
