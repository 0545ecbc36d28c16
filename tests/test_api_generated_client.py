"""A Python client generated from the live v3 spec does what an app does, and loses nothing.

Protects apps with generated clients (openapi-python-client here): list, read, create a
draft coöperatie, PATCH one field — and every other field stays as it was. Upstream's
patch schemas had defaults, so such a client reset `status` from gestopt to actief.
"""

import datetime as dt
import importlib
import json
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client

from coops.models import CoopPage
from news.models import ConferencePage, NewsPage
from tests.api_support import bearer, make_directory, make_user
from tests.factories.news import NewsPageFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

#: Generating takes about 2 s; a hang must fail the test, not the CI run.
GENERATE_TIMEOUT = 120
PACKAGE = "coopsite_v3_client"
CONFIG = f"post_hooks: []\nproject_name_override: {PACKAGE}\npackage_name_override: {PACKAGE}\n"


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_blocker):
    """The generated package, imported from a tmp dir (once for this module)."""
    with django_db_blocker.unblock():
        spec = Client().get("/api/v3/openapi.json").json()
    work = tmp_path_factory.mktemp("client")
    (work / "spec.json").write_text(json.dumps(spec))
    (work / "config.yaml").write_text(CONFIG)
    executable = Path(sys.executable).with_name("openapi-python-client")
    subprocess.run(
        [
            executable,
            "generate",
            "--path",
            "spec.json",
            "--config",
            "config.yaml",
            "--meta",
            "none",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        timeout=GENERATE_TIMEOUT,
    )
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(work))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


@pytest.fixture
def wsgi():
    # Through the real WSGI handler, request_finished would close the test's database
    # connection (inside its transaction); as in tests/test_api_fuzz.py.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield httpx.WSGITransport(app=get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def api(generated, name):
    return importlib.import_module(f"{generated.__name__}.{name}")


def client_for(generated, wsgi, user):
    """The generated client with `user`'s token, calling the site in-process."""
    return generated.AuthenticatedClient(
        base_url="http://testserver",
        token=bearer(user)[1].removeprefix("Bearer "),
        httpx_args={"transport": wsgi},
    )


def test_a_generated_client_patches_only_what_it_sets(generated, wsgi, home_page):
    index, [existing] = make_directory(home_page, 1)
    editor = make_user("app-redacteur", page=index, permissions=("add", "change"))
    client = client_for(generated, wsgi, editor)
    models = api(generated, "models")
    pages_list, pages_detail, pages_create, pages_update = (
        api(generated, f"api.pages.pages_{name}") for name in ("list", "detail", "create", "update")
    )

    listing = pages_list.sync(client=client, limit=20)
    assert existing.pk in [item.id for item in listing.items]
    detail = pages_detail.sync_detailed(client=client, page_id=existing.pk)
    assert detail.status_code == 200
    assert json.loads(detail.content)["title"] == existing.title

    created = pages_create.sync_detailed(
        client=client,
        body=models.CoopPageCreateSchema(
            meta=models.CoopPageCreateMetaSchema(type_="coops.CoopPage", parent_id=index.pk),
            title="De Vrije Uitloop",
            intro="Breda.",
            kind="thematisch",
            legal_form="stichting",
            status="gestopt",
            city="Breda",
            members=12,
        ),
    )
    assert created.status_code == 201, created.content
    page_id = json.loads(created.content)["id"]
    before = CoopPage.objects.get(pk=page_id)
    assert not before.live

    patched = pages_update.sync_detailed(
        client=client,
        page_id=page_id,
        body=models.CoopPagePatchSchema(intro="De eerste coöperatie met een gemeente."),
    )
    assert patched.status_code == 200, patched.content
    draft = CoopPage.objects.get(pk=page_id).get_latest_revision_as_object()
    assert draft.intro == "De eerste coöperatie met een gemeente."
    unchanged = ["title", "kind", "legal_form", "status", "city", "members", "show_in_menus"]
    assert {name: getattr(draft, name) for name in unchanged} == {
        name: getattr(before, name) for name in unchanged
    }

    missing = pages_detail.sync_detailed(client=client, page_id=2**62)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, models.Problem)


def test_a_generated_client_writes_news_that_a_publisher_publishes(generated, wsgi, news_index):
    """A newsroom app: the editor's draft, published with a publisher's token, is readable."""
    editor = make_user("app-nieuws", page=news_index, permissions=("add", "change"))
    publisher = make_user("app-hoofdredactie", page=news_index, permissions=("publish",))
    models = api(generated, "models")
    pages_create, pages_publish, pages_detail = (
        api(generated, f"api.pages.pages_{name}")
        for name in ("create", "actions_publish", "detail")
    )

    anonymous = generated.Client(base_url="http://testserver", httpx_args={"transport": wsgi})
    created = pages_create.sync_detailed(
        client=client_for(generated, wsgi, editor),
        body=models.NewsPageCreateSchema(
            meta=models.NewsPageCreateMetaSchema(type_="news.NewsPage", parent_id=news_index.pk),
            title="Manifestatie Sociale Coöperaties",
            intro="Een oproep.",
        ),
    )
    assert created.status_code == 201, created.content
    page_id = json.loads(created.content)["id"]
    assert pages_detail.sync_detailed(client=anonymous, page_id=page_id).status_code == 404

    refused = pages_publish.sync_detailed(
        client=client_for(generated, wsgi, editor), page_id=page_id
    )
    assert refused.status_code == 403
    assert isinstance(refused.parsed, models.Problem)
    published = pages_publish.sync_detailed(
        client=client_for(generated, wsgi, publisher), page_id=page_id
    )
    assert published.status_code == 200, published.content

    live = pages_detail.sync_detailed(client=anonymous, page_id=page_id)
    assert live.status_code == 200
    assert json.loads(live.content)["intro"] == "Een oproep."


def test_a_generated_client_creates_a_conference_and_reads_it_back(generated, wsgi, news_index):
    """An agenda app: a conference with its required start and end, then read as a draft."""
    editor = make_user("app-agenda", page=news_index, permissions=("add", "change"))
    client = client_for(generated, wsgi, editor)
    models = api(generated, "models")
    pages_create, pages_detail = (
        api(generated, f"api.pages.pages_{name}") for name in ("create", "detail")
    )
    start = dt.datetime(2017, 2, 10, 9, 30, tzinfo=AMSTERDAM)
    meta = models.ConferencePageCreateMetaSchema(
        type_="news.ConferencePage", parent_id=news_index.pk
    )
    created = pages_create.sync_detailed(
        client=client,
        body=models.ConferencePageCreateSchema(
            meta=meta,
            title="Tussen wil en wet",
            start=start,
            end=start + dt.timedelta(hours=7),
            venue_name="De Gruyter Fabriek",
            city="Den Bosch",
            intro="Sociaal ondernemen met een uitkering.",
        ),
    )
    assert created.status_code == 201, created.content
    page_id = json.loads(created.content)["id"]
    read = pages_detail.sync_detailed(client=client, page_id=page_id, version="draft")
    assert read.status_code == 200, read.content
    data = json.loads(read.content)
    assert dt.datetime.fromisoformat(data["start"]) == start
    assert dt.datetime.fromisoformat(data["end"]) == start + dt.timedelta(hours=7)
    assert (data["venue_name"], data["city"]) == ("De Gruyter Fabriek", "Den Bosch")
    conference = ConferencePage.objects.get(pk=page_id)
    assert not conference.live
    assert conference.start == start

    backwards = models.ConferencePageCreateSchema(
        meta=meta, title="Achterstevoren", start=start, end=start - dt.timedelta(hours=1)
    )
    backwards = pages_create.sync_detailed(client=client, body=backwards)
    assert backwards.status_code == 422, backwards.content
    assert isinstance(backwards.parsed, models.Problem)


def test_a_generated_client_patches_one_field_of_a_news_page(generated, wsgi, news_index):
    """A newsroom app changes the intro; the date, body and title stay as the editor left them."""
    editor = make_user("app-nieuws-patch", page=news_index, permissions=("add", "change"))
    client = client_for(generated, wsgi, editor)
    models = api(generated, "models")
    pages_update = api(generated, "api.pages.pages_update")
    page = NewsPageFactory(
        parent=news_index,
        title="Manifestatie",
        intro="Oud.",
        date=dt.date(2016, 11, 14),
        body=[("paragraph", "<p>Het verhaal.</p>")],
    )
    page.save_revision().publish()
    before = NewsPage.objects.get(pk=page.pk)

    patched = pages_update.sync_detailed(
        client=client, page_id=page.pk, body=models.NewsPagePatchSchema(intro="Nieuw.")
    )
    assert patched.status_code == 200, patched.content
    draft = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.intro == "Nieuw."
    unchanged = ["title", "slug", "date", "show_in_menus", "seo_title", "search_description"]
    assert {name: getattr(draft, name) for name in unchanged} == {
        name: getattr(before, name) for name in unchanged
    }
    assert list(draft.body.raw_data) == list(before.body.raw_data)
    # A draft: the live page is what it was.
    assert NewsPage.objects.get(pk=page.pk).intro == "Oud."
