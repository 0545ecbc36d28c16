"""Pinned SQL query counts of the API for the directory (coops.CoopPage).

Protects every app and the server: a listing of 20 coöperaties with all fields, the
detail of one, and the v3 listing each cost the same number of queries with few or
many entries, images, themes and related news (no N+1). A changed number is deliberate.
"""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coops.models import Municipality, Theme
from tests.api_support import make_coop, make_directory
from tests.factories.news import NewsPageFactory


@pytest.fixture
def directory(home_page):
    index, _coops = make_directory(home_page)
    return index


def add_coops(directory, news_index, image, count):
    """`count` fully filled entries: logo, image, themes, shareholder, mentioned in news."""
    breda = Municipality.objects.get(code="GM0758")
    themes = list(Theme.objects.all()[:2])
    coops = []
    for _ in range(count):
        coop = make_coop(
            directory,
            f"Coöperatie {directory.get_children().count()}",
            logo=image,
            image=image,
            municipality=breda,
            social_shareholder=breda,
            social_shareholder_since=datetime.date(2016, 11, 14),
            special_statute=True,
        )
        coop.themes.set(themes)
        coop.save_revision().publish()
        news = NewsPageFactory(parent=news_index)
        news.related_coops = [coop]
        news.save_revision().publish()
        coops.append(coop)
    return coops


def count_queries(client, url):
    client.get(url)  # renditions are created on first use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.usefixtures("no_page_cache")
def test_v2_coop_listing_with_all_fields(client, directory, news_index, image):
    # 2 vs 6 entries proves a fixed count as well as 2 vs 20, in a third of the time.
    url = "/api/v2/pages/?type=coops.CoopPage&fields=*&limit=20"
    add_coops(directory, news_index, image, 2)
    few, data = count_queries(client, url)
    assert len(data["items"]) == 2
    add_coops(directory, news_index, image, 4)
    many, data = count_queries(client, url)
    assert len(data["items"]) == 6
    item = data["items"][0]
    assert item["logo"]["renditions"] and item["themes"] and item["related_news"]
    assert few == many == 15


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("extra_news", [0, 5])
def test_v2_coop_detail(client, directory, news_index, image, extra_news):
    (coop,) = add_coops(directory, news_index, image, 1)
    for _ in range(extra_news):
        news = NewsPageFactory(parent=news_index)
        news.related_coops = [coop]
        news.save_revision().publish()
    queries, data = count_queries(client, f"/api/v2/pages/{coop.pk}/")
    assert len(data["related_news"]) == 1 + extra_news
    assert queries == 16


@pytest.mark.parametrize("count", [2, 6])
def test_v3_coop_listing(client, directory, news_index, image, count):
    add_coops(directory, news_index, image, count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v3/pages/?type=coops.CoopPage&limit=50")
    assert len(response.json()["items"]) == count
    assert len(queries) == 5
