"""Production settings: refuse to start half-configured; `check --deploy` clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k9$Vq2!rTz8#wLp4@Xn7&Hb1^Md6*Fs3(Jc0)Gy5-Qe2+Ua8=Ro4"


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    environment["DJANGO_SETTINGS_MODULE"] = "coopsite.settings.production"
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_required_settings(env, missing):
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]


def test_check_deploy_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sociale-cooperaties.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_serves_hashed_compressed_static_files():
    from coopsite.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    middleware = base.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )


def test_locale_is_dutch_in_amsterdam(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"


@pytest.mark.django_db
def test_health_view_needs_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_404_is_dutch(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def _production_setting(expression, **env):
    result = manage(
        "shell",
        "-c",
        f"from django.conf import settings; print(repr(({expression})))",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="sociale-cooperaties.example",
        **env,
    )
    assert result.returncode == 0, result.stderr
    # The last line: `shell` may first say how many objects it imported.
    return result.stdout.strip().splitlines()[-1]


def test_mail_is_configured_from_email_url():
    """Production sends through the server ops name, as the sender they name."""
    settings = _production_setting(
        "settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER, "
        "settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, settings.DEFAULT_FROM_EMAIL, "
        "settings.SERVER_EMAIL",
        EMAIL_URL="submission://nieuws%40example.org:geheim@smtp.example.org:587",
        DEFAULT_FROM_EMAIL="Sociale Coöperaties <nieuws@example.org>",
        SERVER_EMAIL="fouten@example.org",
    )
    assert settings == str(
        (
            "smtp.example.org",
            587,
            "nieuws@example.org",
            "geheim",
            True,
            "Sociale Coöperaties <nieuws@example.org>",
            "fouten@example.org",
        )
    )


def test_mail_is_configured_from_separate_variables():
    settings = _production_setting(
        "settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.SERVER_EMAIL",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="2525",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="nieuws@example.org",
    )
    assert settings == str(("smtp.example.org", 2525, True, "nieuws@example.org"))
