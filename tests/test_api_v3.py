"""API v3 (Wagtail 8's read/write API): what a partner app keeping its entries up to date needs."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

from coops.models import CoopPage, Municipality
from tests.api_support import (
    JSON,
    assert_problem,
    bearer,
    make_coop,
    make_directory,
    make_user,
    v3_create,
)


@pytest.fixture
def directory(home_page):
    index, coops = make_directory(home_page, 2)
    return index


@pytest.fixture
def editor(directory):
    return make_user("redacteur", page=directory, permissions=("add", "change"))


@pytest.fixture
def publisher(directory):
    return make_user("hoofdredacteur", page=directory, permissions=("add", "change", "publish"))


def create(client, auth, parent, **fields):
    return v3_create(client, auth, "coops.CoopPage", parent, **fields)


def test_openapi_and_docs_are_served(client, home_page):
    schema = client.get("/api/v3/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v3/pages/" in schema["paths"]
    assert client.get("/api/v3/docs/").status_code == 200


def test_anonymous_reads_live_public_pages_only(client, directory):
    draft = make_coop(directory, "Concept", live=False)
    ids = {item["id"] for item in client.get("/api/v3/pages/?limit=100").json()["items"]}
    assert directory.pk in ids
    assert draft.pk not in ids
    assert_problem(client.get(f"/api/v3/pages/{draft.pk}/"), 404)


def test_anonymous_cannot_write(client, directory):
    response = client.post(
        "/api/v3/pages/",
        {"meta": {"type": "coops.CoopPage", "parent_id": directory.pk}, "title": "X"},
        content_type=JSON,
    )
    assert_problem(response, 401)


def test_editor_creates_and_updates_a_coop_as_draft(client, directory, editor):
    _token, auth = bearer(editor)
    response = create(
        client, auth, directory, title="De Vrije Uitloop", intro="Breda", city="Breda"
    )
    assert response.status_code == 201, response.content
    page = CoopPage.objects.get(pk=response.json()["id"])
    assert not page.live
    assert page.city == "Breda"

    response = client.patch(
        f"/api/v3/pages/{page.pk}/",
        {"intro": "De eerste met een sociaal aandeelhouder."},
        content_type=JSON,
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().intro == "De eerste met een sociaal aandeelhouder."
    # Still a draft: the public API does not show it.
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404


def test_only_declared_fields_are_writable(client, directory, editor):
    _token, auth = bearer(editor)
    response = create(client, auth, directory, title="X", special_statute=True)
    assert response.status_code == 201
    assert not CoopPage.objects.get(pk=response.json()["id"]).special_statute


def test_invalid_values_are_a_problem_not_a_500(client, directory, editor):
    _token, auth = bearer(editor)
    problem = assert_problem(create(client, auth, directory, title="X", kvk_number="12"), 422)
    assert "kvk_number" in str(problem["errors"])


@pytest.mark.parametrize("body", ["[null, null]", "null", "1", '"tekst"'])
def test_a_body_that_is_not_an_object_is_a_problem(client, directory, editor, body):
    """Wagtail 8.0 answers these with a 500; core.middleware.APIv3InputMiddleware with 422."""
    _token, auth = bearer(editor)
    for method, url in (
        ("post", "/api/v3/pages/"),
        ("patch", f"/api/v3/pages/{directory.pk}/"),
        ("post", f"/api/v3/pages/{directory.pk}/actions/copy/"),
    ):
        response = getattr(client, method)(url, body, content_type=JSON, HTTP_AUTHORIZATION=auth)
        problem = assert_problem(response, 422)
        assert problem["errors"][0]["loc"] == ["body"]


# "-1" is a 404 since issue 12 (tests/test_api_v3_spec.py::test_an_id_out_of_range_is_not_found).
@pytest.mark.parametrize("page_id", ["0.5", "1e3", "12a"])
def test_a_page_id_that_is_not_an_integer_is_a_problem(client, directory, editor, page_id):
    _token, auth = bearer(editor)
    response = client.patch(
        f"/api/v3/pages/{page_id}/", {"intro": "x"}, content_type=JSON, HTTP_AUTHORIZATION=auth
    )
    problem = assert_problem(response, 422)
    assert problem["errors"][0]["loc"] == ["path", "page_id"]
    assert_problem(client.get(f"/api/v3/pages/{page_id}/"), 422)


@pytest.mark.parametrize("page_id", [2**63, 153240215681898962122886848022839296])
def test_a_page_id_beyond_any_row_is_not_found(client, directory, editor, page_id):
    """Found by the fuzz test: an id past a 64-bit integer overflowed SQLite (a 500)."""
    _token, auth = bearer(editor)
    body = {"meta": {"type": "home.HomePage"}}  # the page type from the body: a lookup first
    response = client.patch(
        f"/api/v3/pages/{page_id}/", body, content_type=JSON, HTTP_AUTHORIZATION=auth
    )
    assert_problem(response, 404)
    assert_problem(client.get(f"/api/v3/pages/{page_id}/"), 404)


def test_a_draft_is_readable_with_a_token(client, directory, editor):
    _token, auth = bearer(editor)
    page = make_coop(directory, "Live", live=True)
    page.intro = "Nieuwe tekst in concept"
    page.save_revision()
    live = client.get(f"/api/v3/pages/{page.pk}/?version=draft").json()
    assert live["intro"] == "Over Live."  # anonymous: version=draft is ignored
    draft = client.get(f"/api/v3/pages/{page.pk}/?version=draft", HTTP_AUTHORIZATION=auth).json()
    assert draft["intro"] == "Nieuwe tekst in concept"


def test_editor_without_publish_permission_cannot_publish(client, directory, editor):
    _token, auth = bearer(editor)
    response = create(client, auth, directory, title="Poging")
    page_id = response.json()["id"]
    publish = client.post(
        f"/api/v3/pages/{page_id}/actions/publish/", content_type=JSON, HTTP_AUTHORIZATION=auth
    )
    assert_problem(publish, 403)
    assert not Page.objects.get(pk=page_id).live
    body = {
        "meta": {"type": "coops.CoopPage", "parent_id": directory.pk, "action": "publish"},
        "title": "Poging 2",
    }
    response = client.post("/api/v3/pages/", body, content_type=JSON, HTTP_AUTHORIZATION=auth)
    assert response.status_code in (403, 422), response.content
    assert not CoopPage.objects.filter(title="Poging 2", live=True).exists()


def test_publisher_can_publish(client, directory, publisher):
    _token, auth = bearer(publisher)
    page_id = create(client, auth, directory, title="Gepubliceerd").json()["id"]
    response = client.post(
        f"/api/v3/pages/{page_id}/actions/publish/", content_type=JSON, HTTP_AUTHORIZATION=auth
    )
    assert response.status_code == 200, response.content
    assert Page.objects.get(pk=page_id).live
    assert client.get(f"/api/v3/pages/{page_id}/").status_code == 200


def test_a_revoked_token_is_refused(client, directory, editor):
    token, auth = bearer(editor)
    token.revoked_at = timezone.now()
    token.save()
    assert_problem(create(client, auth, directory, title="X"), 401)


def test_bad_query_parameters_are_problems(client, directory):
    assert_problem(client.get("/api/v3/pages/?limit=abc"), 422)
    assert_problem(client.get("/api/v3/pages/?limit=1000"), 400)
    assert_problem(client.get("/api/v3/pages/?type=nope.Nope"), 422)


@pytest.mark.parametrize("count", [2, 6])
def test_listing_uses_a_fixed_number_of_queries(client, home_page, count):
    make_directory(home_page, count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v3/pages/?type=coops.CoopPage&limit=50")
    assert len(response.json()["items"]) == count
    assert len(queries) == 5


def test_lat_and_lon_are_stored_on_create_and_update(client, directory, editor):
    """A partner app sends an entry's exact position; it used to answer 201 and store None
    (Wagtail 8.0's v3 write schema skips a writable field that has a v2 serializer)."""
    _token, auth = bearer(editor)
    response = create(client, auth, directory, title="Op de kaart", lat=51.59, lon=4.78)
    assert response.status_code == 201, response.content
    page = CoopPage.objects.get(pk=response.json()["id"]).get_latest_revision_as_object()
    assert (page.lat, page.lon) == (51.59, 4.78)

    response = client.patch(
        f"/api/v3/pages/{page.pk}/",
        {"lat": 52.37, "lon": 4.9},
        content_type=JSON,
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 200, response.content
    page = CoopPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert (page.lat, page.lon) == (52.37, 4.9)


def test_lat_and_lon_read_the_map_position(client, directory):
    """Reading is unchanged: without an exact position, the municipality's centre."""
    breda = Municipality.objects.get(code="GM0758")
    page = make_coop(directory, "Zonder positie", municipality=breda)
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert (data["lat"], data["lon"]) == (breda.lat, breda.lon)
    assert data["location_is_approximate"] is True
