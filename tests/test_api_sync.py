"""Incremental sync as an app that keeps a copy does it (docs/api.md, "Een kopie bijhouden").

Apps mirror the site with `updated_after=` on the page listings plus the removed feed
(`/api/v2/pages/removed/`, `/api/v3/pages/removed/`): ids, types and times, never a title.
"""

import datetime as dt
from urllib.parse import urlencode

import pytest
import time_machine

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageLogEntry, PageViewRestriction

from tests.api_support import make_coop, make_directory
from tests.factories.news import NewsPageFactory

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _no_set_up_in_the_log(home_page):
    # The fixtures replaced Wagtail's welcome page at the real time, after the frozen T0.
    PageLogEntry.objects.all().delete()


API = {
    "v2": {"pages": "/api/v2/pages/", "removed": "/api/v2/pages/removed/", "count": "total_count"},
    "v3": {"pages": "/api/v3/pages/", "removed": "/api/v3/pages/removed/", "count": "count"},
}


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


def read_all(client, url, params, count_key):
    """Every item of a paginated listing, two at a time (so paging is exercised)."""
    items, offset = [], 0
    while True:
        response = client.get(f"{url}?{urlencode({**params, 'limit': 2, 'offset': offset})}")
        assert response.status_code == 200, response.content
        data = response.json()
        items += data["items"]
        offset += 2
        if offset >= data["meta"][count_key] if "meta" in data else offset >= data[count_key]:
            return items


class Mirror:
    """The sync loop of docs/api.md: the first pull reads everything; later pulls apply the
    removals since the last pull, then the changes. The next `since` is when the pull started."""

    def __init__(self, client, version):
        self.client, self.api = client, API[version]
        self.pages, self.since = {}, None
        self.last_removed, self.last_updated = [], []

    def pull(self, now):
        changes = {}
        if self.since is not None:
            since = iso(self.since)
            changes = {"updated_after": since}
            self.last_removed = read_all(
                self.client, self.api["removed"], {"since": since}, self.api["count"]
            )
            for item in self.last_removed:
                self.pages.pop(item["id"], None)
        self.last_updated = read_all(self.client, self.api["pages"], changes, self.api["count"])
        for item in self.last_updated:
            self.pages[item["id"]] = item["title"]
        self.since = now

    def removed_ids(self):
        return {item["id"] for item in self.last_removed}

    def updated_ids(self):
        return {item["id"] for item in self.last_updated}


def everything_public(client, version):
    items = read_all(client, API[version]["pages"], {}, API[version]["count"])
    return {item["id"]: item["title"] for item in items}


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_sync_loop_sees_exactly_the_changes(client, home_page, news_index, version):
    with time_machine.travel(T0, tick=False) as clock:
        index, (kept, edited, unpublished, deleted, moved) = make_directory(home_page, count=5)
        news = NewsPageFactory(parent=news_index, title="Manifestatie")
        news.save_revision().publish()
        elsewhere = make_coop(index, "Andere plek")

        clock.move_to(T0 + HOUR)
        mirror = Mirror(client, version)
        mirror.pull(T0 + HOUR)
        assert mirror.pages == everything_public(client, version)

        clock.move_to(T0 + 2 * HOUR)
        edited.title = "Nieuwe naam"
        edited.save_revision().publish()
        unpublished.unpublish()
        Page.objects.get(pk=deleted.pk).delete()
        moved.move(elsewhere, pos="last-child")
        PageViewRestriction.objects.create(
            page=news_index, restriction_type=PageViewRestriction.LOGIN
        )
        added = make_coop(index, "Nieuw")

        clock.move_to(T0 + 3 * HOUR)
        mirror.pull(T0 + 3 * HOUR)

    assert mirror.updated_ids() == {edited.pk, moved.pk, added.pk}
    assert mirror.removed_ids() == {unpublished.pk, deleted.pk, moved.pk, news_index.pk, news.pk}
    assert mirror.pages == everything_public(client, version)
    assert mirror.pages[edited.pk] == "Nieuwe naam"
    assert kept.pk in mirror.pages


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_pull_without_changes_gets_nothing(client, home_page, version):
    with time_machine.travel(T0, tick=False) as clock:
        make_directory(home_page, count=2)
        clock.move_to(T0 + HOUR)
        mirror = Mirror(client, version)
        mirror.pull(T0 + HOUR)
        clock.move_to(T0 + 2 * HOUR)
        mirror.pull(T0 + 2 * HOUR)
    assert mirror.updated_ids() == set()
    assert mirror.removed_ids() == set()


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_section_made_public_again_comes_back_with_its_pages(
    client, home_page, news_index, version
):
    with time_machine.travel(T0, tick=False) as clock:
        news = NewsPageFactory(parent=news_index)
        news.save_revision().publish()
        restriction = PageViewRestriction.objects.create(
            page=news_index, restriction_type=PageViewRestriction.LOGIN
        )
        clock.move_to(T0 + HOUR)
        mirror = Mirror(client, version)
        mirror.pull(T0 + HOUR)
        assert news.pk not in mirror.pages

        clock.move_to(T0 + 2 * HOUR)
        restriction.delete()
        clock.move_to(T0 + 3 * HOUR)
        mirror.pull(T0 + 3 * HOUR)
    assert mirror.updated_ids() == {news_index.pk, news.pk}
    assert mirror.pages == everything_public(client, version)


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_removed_feed_never_names_a_private_page(client, home_page, news_index, version):
    with time_machine.travel(T0, tick=False):
        news = NewsPageFactory(parent=news_index, title="Geheime titel")
        news.save_revision().publish()
        PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(API[version]["removed"], {"since": "2026-01-01T00:00:00Z"})
    assert response.status_code == 200
    assert b"Geheime titel" not in response.content
    (item,) = response.json()["items"]
    assert item == {
        "id": news.pk,
        "type": "news.NewsPage",
        "removed_at": "2026-11-02T09:00:00Z",
        "reason": "private",
    }


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_updated_after_is_ordered_by_change_time_then_id(client, home_page, version):
    with time_machine.travel(T0, tick=False) as clock:
        index, (first, second, third) = make_directory(home_page, count=3)
        clock.move_to(T0 + HOUR)
        first.save_revision().publish()
    params = {"updated_after": iso(T0 - HOUR), "limit": 20}
    items = client.get(API[version]["pages"], params).json()["items"]
    ids = [item["id"] for item in items]
    assert ids == sorted(ids[:-1]) + [first.pk]
    assert {second.pk, third.pk, index.pk} <= set(ids[:-1])


BAD_TIMES = [
    "gisteren",
    "2026-11-02T09:00:00",  # no zone: an app's local time would be guessed
    "2026-11-02T09:00:00 01:00",  # an unencoded +
    "0001-01-01T00:00:00+01:00",  # before the database's first UTC instant
    "",
]


@pytest.mark.parametrize("value", BAD_TIMES)
def test_v2_refuses_a_time_it_cannot_read_and_names_the_parameter(client, home_page, value):
    for url, name in [("/api/v2/pages/", "updated_after"), ("/api/v2/pages/removed/", "since")]:
        response = client.get(url, {name: value})
        assert response.status_code == 400, (url, value, response.content)
        assert response.json()["message"].startswith(f"{name}:")


@pytest.mark.parametrize("value", BAD_TIMES)
def test_v3_refuses_a_time_it_cannot_read_and_names_the_parameter(client, home_page, value):
    for url, name in [("/api/v3/pages/", "updated_after"), ("/api/v3/pages/removed/", "since")]:
        response = client.get(url, {name: value})
        assert response.status_code == 422, (url, value, response.content)
        assert response.json()["errors"][0]["loc"] == ["query", name]


def test_since_is_required_and_updated_after_refuses_search(client, home_page):
    assert client.get("/api/v2/pages/removed/").json()["message"] == "since: verplicht"
    assert client.get("/api/v3/pages/removed/").status_code == 422
    assert client.get("/api/v2/pages/removed/?title=x").status_code == 400
    bad = {"updated_after": "2026-11-02T09:00:00Z", "search": "coöperatie"}
    assert client.get("/api/v2/pages/", bad).status_code == 400
    assert client.get("/api/v3/pages/", bad).status_code == 422


def test_both_times_accept_an_offset_and_mean_the_same_instant(client, home_page):
    with time_machine.travel(T0, tick=False):
        make_directory(home_page, count=1)
    for value, count in [("2026-11-02T09:59:59+01:00", 2), ("2026-11-02T10:00:00+01:00", 0)]:
        assert (
            client.get("/api/v2/pages/", {"updated_after": value}).json()["meta"]["total_count"]
            == count
        )
        assert client.get("/api/v3/pages/", {"updated_after": value}).json()["count"] == count


def test_the_v3_spec_documents_updated_after_and_the_removed_feed(client):
    spec = client.get("/api/v3/openapi.json").json()
    listing = spec["paths"]["/api/v3/pages/"]["get"]["parameters"]
    (parameter,) = [p for p in listing if p["name"] == "updated_after"]
    assert parameter["schema"]["format"] == "date-time"
    removed = spec["paths"]["/api/v3/pages/removed/"]["get"]
    assert [p["name"] for p in removed["parameters"]][0] == "since"
    item = spec["components"]["schemas"]["RemovedPageSchema"]
    assert set(item["properties"]) == {"id", "type", "removed_at", "reason"}


def test_updated_after_with_a_type_and_all_fields_costs_fixed_queries(client, home_page):
    """A directory app syncs `type=coops.CoopPage&fields=*`; the change time costs no extra
    query per entry (it is a subquery of the listing's own)."""

    def queries(expected):
        counts = []
        for url, params, total in [
            ("/api/v2/pages/", {"fields": "*"}, lambda data: data["meta"]["total_count"]),
            ("/api/v3/pages/", {}, lambda data: data["count"]),
        ]:
            params = {**params, "type": "coops.CoopPage", "updated_after": iso(T0 - HOUR)}
            client.get(url, params)  # warm: site, content types
            cache.clear()
            with CaptureQueriesContext(connection) as context:
                response = client.get(url, params)
            assert total(response.json()) == expected, response.content
            counts.append(len(context))
        return counts

    with time_machine.travel(T0, tick=False):
        index, _coops = make_directory(home_page, count=2)
        two = queries(2)
        for n in range(3):
            make_coop(index, f"Extra {n}")
        assert queries(5) == two
