"""API v3 for news: what a partner's newsroom app posting NewsPages with a token needs."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

from news.models import NewsPage
from tests.api_support import JSON, assert_problem, bearer, make_user, v3_create
from tests.factories.news import NewsPageFactory


@pytest.fixture
def editor(news_index):
    return make_user("redacteur", page=news_index, permissions=("add", "change"))


@pytest.fixture
def publisher(news_index):
    return make_user("hoofdredacteur", page=news_index, permissions=("add", "change", "publish"))


def create(client, auth, parent, **fields):
    return v3_create(client, auth, "news.NewsPage", parent, **fields)


def publish(client, auth, page_id):
    return client.post(
        f"/api/v3/pages/{page_id}/actions/publish/", content_type=JSON, HTTP_AUTHORIZATION=auth
    )


def test_openapi_declares_the_writable_news_fields(client, home_page):
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    properties = set(schemas["NewsPageCreateSchema"]["properties"])
    assert {"title", "date", "intro", "body"} <= properties
    assert not {"related_coops", "image", "themes"} & properties


def test_anonymous_cannot_write_news(client, news_index):
    body = {"meta": {"type": "news.NewsPage", "parent_id": news_index.pk}, "title": "X"}
    assert_problem(client.post("/api/v3/pages/", body, content_type=JSON), 401)


def test_editor_creates_and_updates_news_as_draft(client, news_index, editor):
    _token, auth = bearer(editor)
    response = create(
        client,
        auth,
        news_index,
        title="Manifestatie Sociale Coöperaties",
        date="2016-11-14",
        intro="Een oproep.",
        body=[{"type": "paragraph", "value": "<p>Kom ook.</p>"}],
    )
    assert response.status_code == 201, response.content
    page = NewsPage.objects.get(pk=response.json()["id"])
    assert not page.live
    assert page.date == datetime.date(2016, 11, 14)
    assert page.intro == "Een oproep."
    assert page.body[0].block_type == "paragraph"

    response = client.patch(
        f"/api/v3/pages/{page.pk}/",
        {"intro": "Een oproep aan alle coöperaties."},
        content_type=JSON,
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 200, response.content
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.intro == "Een oproep aan alle coöperaties."
    assert draft.date == datetime.date(2016, 11, 14)  # a PATCH leaves other fields alone
    # Still a draft: not in the public v2 or v3 API.
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_only_declared_news_fields_are_writable(client, news_index, editor, home_page):
    _token, auth = bearer(editor)
    response = create(client, auth, news_index, title="X", related_coops=[home_page.pk])
    # Like the CoopPage fields the editors keep, an undeclared field is ignored.
    assert response.status_code == 201, response.content
    page = NewsPage.objects.get(pk=response.json()["id"])
    assert not page.get_latest_revision_as_object().related_coops.exists()


def test_invalid_news_values_are_a_problem_not_a_500(client, news_index, editor):
    _token, auth = bearer(editor)
    problem = assert_problem(create(client, auth, news_index, title="X", date="14-11-2016"), 422)
    assert "date" in str(problem)


def test_news_draft_is_readable_with_a_token(client, news_index, editor):
    _token, auth = bearer(editor)
    page = NewsPageFactory(parent=news_index, intro="Gepubliceerd")
    page.save_revision().publish()
    page.intro = "Nieuwe tekst in concept"
    page.save_revision()
    url = f"/api/v3/pages/{page.pk}/?version=draft"
    assert client.get(url).json()["intro"] == "Gepubliceerd"
    assert client.get(url, HTTP_AUTHORIZATION=auth).json()["intro"] == "Nieuwe tekst in concept"


def test_editor_cannot_publish_news(client, news_index, editor):
    _token, auth = bearer(editor)
    page_id = create(client, auth, news_index, title="Poging").json()["id"]
    assert_problem(publish(client, auth, page_id), 403)
    assert not Page.objects.get(pk=page_id).live
    body = {
        "meta": {"type": "news.NewsPage", "parent_id": news_index.pk, "action": "publish"},
        "title": "Poging 2",
    }
    response = client.post("/api/v3/pages/", body, content_type=JSON, HTTP_AUTHORIZATION=auth)
    assert response.status_code in (403, 422), response.content
    assert not NewsPage.objects.filter(title="Poging 2", live=True).exists()


def test_editor_of_the_directory_cannot_write_news(client, news_index, home_page):
    from tests.api_support import make_directory

    directory, _coops = make_directory(home_page)
    coop_editor = make_user("coop-redacteur", page=directory, permissions=("add", "change"))
    _token, auth = bearer(coop_editor)
    assert_problem(create(client, auth, news_index, title="Niet van mij"), 403)


def test_publisher_can_publish_news(client, news_index, publisher):
    _token, auth = bearer(publisher)
    page_id = create(client, auth, news_index, title="Gepubliceerd", date="2017-02-10").json()["id"]
    assert publish(client, auth, page_id).status_code == 200
    assert Page.objects.get(pk=page_id).live
    item = client.get(f"/api/v2/pages/{page_id}/").json()
    assert item["date"] == "2017-02-10"


def test_a_revoked_token_cannot_write_news(client, news_index, editor):
    token, auth = bearer(editor)
    token.revoked_at = timezone.now()
    token.save()
    assert_problem(create(client, auth, news_index, title="X"), 401)


@pytest.mark.parametrize("count", [2, 6])
def test_news_listing_uses_a_fixed_number_of_queries(client, news_index, count):
    for _ in range(count):
        NewsPageFactory(parent=news_index).save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v3/pages/?type=news.NewsPage&limit=50")
    assert len(response.json()["items"]) == count
    # The v3 listing reads no relations; NewsPage's default manager is plain (no prefetches).
    assert len(queries) == 5
