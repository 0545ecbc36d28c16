"""A bad day in production: Redis or the database is down, mail fails.

Whom it protects: visitors and apps (a cache outage costs speed, never
availability) and the load balancer (the readiness check names what is down).
Redis is made unreachable for real: a port on 127.0.0.1 that is bound but not
listening refuses every connection.
"""

import datetime
import logging
import socket
from pathlib import Path

import pytest

from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client

from core import cache_backends
from core.cache.version import content_version
from news.models import Registration
from tests.factories.coops import CoopPageFactory
from tests.factories.news import (
    AMSTERDAM,
    ConferencePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)


@pytest.fixture
def closed_port():
    """A loopback port that refuses connections (bound, never listening)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def redis_down(closed_port, settings):
    """The site's production cache configuration, pointed at a closed port."""
    cache_backends.outage.recovered()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/11",
            "KEY_PREFIX": "coopsite",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield
    cache_backends.outage.recovered()


@pytest.fixture
def site_content(news_index, coop_index):
    coop = CoopPageFactory(parent=coop_index, title="De Vrije Uitloop", slug="de-vrije-uitloop")
    coop.save_revision().publish()
    news = NewsPageFactory(parent=news_index, title="Manifestatie", slug="manifestatie")
    news.save_revision().publish()
    conference = ConferencePageFactory(parent=news_index, slug="tussen-wil-en-wet")
    conference.save_revision().publish()
    return {"coop": coop, "news": news, "conference": conference}


PUBLIC_URLS = [
    "/",
    "/nieuws/",
    "/nieuws/manifestatie/",
    "/nieuws/tussen-wil-en-wet/",
    "/nieuws/tussen-wil-en-wet/ical/",
    "/nieuws/agenda/",
    "/nieuws/agenda/ical/",
    "/nieuws/rss/",
    "/nieuws/atom/",
    "/cooperaties/",
    "/cooperaties/?q=uitloop",
    "/cooperaties/de-vrije-uitloop/",
    "/cooperaties/export/csv/",
    "/cooperaties/export/json/",
    "/cooperaties/export/geojson/",
    "/zoeken/?q=cooperatie",
    "/zoeken/suggesties/?q=coop",
    "/sitemap.xml",
    "/api/v2/pages/?type=coops.CoopPage&fields=*",
    "/api/v2/pages/?search=uitloop",
    "/api/v3/pages/",
]


@pytest.mark.django_db
def test_every_public_url_answers_while_redis_is_down(site_content, redis_down, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="core.cache_backends"):
        statuses = {url: client.get(url).status_code for url in PUBLIC_URLS}
        # A second round: still up, and the outage was logged once, not per request.
        statuses_again = {url: client.get(url).status_code for url in PUBLIC_URLS}
    assert statuses == dict.fromkeys(PUBLIC_URLS, 200)
    assert statuses_again == statuses
    outage_lines = [r for r in caplog.records if r.name == "core.cache_backends"]
    assert len(outage_lines) == 1
    assert "onbereikbaar" in outage_lines[0].getMessage()


@pytest.mark.django_db
def test_cache_calls_are_misses_while_redis_is_down(redis_down):
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    assert cache.add("key", "value") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    assert cache.get_or_set("key", lambda: "computed") == "computed"
    assert cache.has_key("key") is False
    with pytest.raises(ValueError):
        cache.incr("counter")
    # The content version falls back to a fresh one: every cached answer is a miss.
    assert content_version()


@pytest.mark.django_db
def test_the_outage_is_retried_after_an_interval(redis_down, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(cache_backends.time, "monotonic", lambda: clock[0])
    calls = []
    original = cache_backends.RedisCache.get

    def counting_get(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(
        cache_backends.ResilientRedisCache,
        "get",
        cache_backends._resilient(cache_backends._default)(counting_get),
    )
    for _ in range(5):
        cache.get("key")
    assert len(calls) == 1  # one refused connection, then misses without asking
    clock[0] += cache_backends.RETRY_INTERVAL + 1
    cache.get("key")
    assert len(calls) == 2


@pytest.fixture
def database_down():
    """Every query fails the way a lost PostgreSQL connection (or SQLite file) does."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/cooperaties/", "/api/v2/pages/", "/admin/login/"])
def test_database_down_is_a_dutch_503_with_retry_after(site_content, database_down, url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Even niet bereikbaar" in response.content.decode()


@pytest.mark.django_db
def test_other_errors_stay_a_500(client, home_page, monkeypatch):
    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(HomePage, "serve", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


@pytest.mark.django_db
def test_readiness_says_everything_is_up(client):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_readiness_names_the_database_when_it_is_down(client, database_down):
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "down", "cache": "ok"}
    assert response["Retry-After"]


@pytest.mark.django_db
def test_readiness_names_the_cache_but_stays_in_rotation(client, redis_down):
    response = client.get("/health/ready/")
    # Every server shares the one Redis: taking them out of rotation would be an outage.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


@pytest.mark.django_db
def test_signup_succeeds_when_the_mail_server_refuses(
    home_page, closed_port, settings, time_machine, django_capture_on_commit_callbacks, caplog
):
    """The visitor sees "bedankt", the registration is kept, the failure is in the log."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    conference = ConferencePageFactory(
        parent=NewsIndexPageFactory(parent=home_page),
        builtin_registration=True,
        registration_capacity=10,
        price=0,
    )
    conference.save_revision().publish()
    time_machine.move_to(datetime.datetime(2017, 1, 15, 12, tzinfo=AMSTERDAM), tick=False)
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            conference.url, {"name": "Anna de Vries", "email": "anna@example.org"}
        )
    assert response.status_code == 302 and response["Location"].endswith("?aangemeld=1#aanmelden")
    assert Registration.objects.filter(email="anna@example.org").exists()
    # The mail is a background task (news.tasks): retried, then given up in the log.
    assert any(
        "send_registration_mail: opgegeven na 3 pogingen" in record.getMessage()
        for record in caplog.records
    )


@pytest.mark.django_db
def test_uploaded_images_are_served_without_debug(client, home_page, image, settings):
    """Under gunicorn (DEBUG off) originals and renditions load, renditions cached long."""
    assert settings.DEBUG is False
    rendition = image.get_rendition("fill-100x100")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    original = client.get(image.file.url)
    assert original.status_code == 200
    assert "max-age=86400" in original["Cache-Control"]
    # Conditional GETs are answered without the file.
    again = client.get(rendition.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/vertrouwelijk.pdf",  # documents go through /documents/ (privacy)
        "/media/images/../../etc/passwd",
        "/media/images/%2e%2e/%2e%2e/etc/passwd",
        "/media/images/bestaat-niet.png",
        "/media/images/../documents/vertrouwelijk.pdf",
        "/media/",
    ],
)
def test_media_outside_the_public_images_is_not_served(client, home_page, settings, path):
    documents = Path(settings.MEDIA_ROOT) / "documents"
    documents.mkdir(exist_ok=True)
    (documents / "vertrouwelijk.pdf").write_bytes(b"%PDF-1.4 geheim")
    assert client.get(path).status_code == 404
