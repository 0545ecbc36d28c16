"""API v2: bad input in a field filter or a parameter is a 400 naming it, never a 500.

Protects every app reading v2: a typo in a filter value gets a message it can show, on
SQLite and on PostgreSQL (which refuses NUL bytes in text and answered 500 there).
"""

import pytest

from tests.api_support import make_directory
from tests.factories.news import ConferencePageFactory, NewsPageFactory


@pytest.fixture
def content(home_page, news_index):
    make_directory(home_page, 1)
    NewsPageFactory(parent=news_index).save_revision().publish()
    ConferencePageFactory(parent=news_index).save_revision().publish()


def assert_bad_request(response, name):
    assert response.status_code == 400, response.content
    assert response.json()["message"].startswith(f"{name}:"), response.json()


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"type": "news.NewsPage", "date": "x"}, "date"),
        ({"type": "news.ConferencePage", "end": "x"}, "end"),
        ({"type": "news.ConferencePage", "start": "2017-02-30T10:00"}, "start"),
        ({"type": "coops.CoopPage", "lat": "abc"}, "lat"),
        ({"type": "coops.CoopPage", "founded_year": "99999999999999999999"}, "founded_year"),
        ({"type": "coops.CoopPage", "members": "-99999999999999999999"}, "members"),
    ],
)
def test_a_field_filter_with_a_bad_value_names_the_field(client, content, query, name):
    assert_bad_request(client.get("/api/v2/pages/", query), name)


def test_a_field_filter_with_a_good_value_still_filters(client, content):
    response = client.get("/api/v2/pages/", {"type": "coops.CoopPage", "status": "actief"})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 1


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999"])
def test_find_with_a_bad_id_names_it(client, content, value):
    assert_bad_request(client.get("/api/v2/pages/find/", {"id": value}), "id")


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v2/pages/?locale=%00", "locale"),
        ("/api/v2/pages/?site=%00", "site"),
        ("/api/v2/pages/?type=coops.CoopPage&theme=%00", "theme"),
        ("/api/v2/pages/find/?html_path=%00", "html_path"),
        ("/api/v2/images/?title=a%00", "title"),
    ],
)
def test_a_nul_byte_in_a_parameter_names_it(client, content, url, name):
    assert_bad_request(client.get(url), name)


@pytest.mark.parametrize("site", [":", "localhost:b", "localhost:99999999999"])
@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/pages/find/?html_path=x"])
def test_a_site_with_a_bad_port_names_it(client, content, url, site):
    separator = "&" if "?" in url else "?"
    assert_bad_request(client.get(f"{url}{separator}site={site}"), "site")
