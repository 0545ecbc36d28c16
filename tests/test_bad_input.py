"""Bad input on the HTML pages: a NUL byte or a huge value is ignored, never a 500.

Whom it protects: visitors following a mangled link and the site's error budget
(PostgreSQL refuses NUL in text: a parameter that reaches a query unfiltered was a 500).
The API's parameters are tested in tests/test_api_fuzz.py.
"""

import pytest

from django.test import Client

from tests.factories.coops import CoopPageFactory

PAGES = {
    "/cooperaties/": [
        "q",
        "provincie",
        "gemeente",
        "thema",
        "soort",
        "aandeelhouder",
        "statuut",
        "status",
        "sort",
        "page",
    ],
    "/cooperaties/export/csv/": ["q", "gemeente", "thema", "provincie", "status"],
    "/cooperaties/export/json/": ["q", "gemeente", "thema", "provincie", "status"],
    "/cooperaties/export/geojson/": ["q", "gemeente", "thema", "provincie", "status"],
    "/zoeken/": ["q", "type", "page"],
    "/zoeken/suggesties/": ["q", "type"],
    "/nieuws/": ["tag", "theme", "year", "page"],
    "/nieuws/agenda/": ["page"],
}
VALUES = ["\x00", "Breda\x00", "%00", "x" * 10_000, "\ud800".encode("utf-8", "surrogatepass")]


@pytest.mark.django_db
def test_nul_bytes_and_huge_values_are_ignored_on_html_pages(news_index, coop_index):
    CoopPageFactory(parent=coop_index, title="De Vrije Uitloop").save_revision().publish()
    client = Client(raise_request_exception=False)
    failures = []
    for url, parameters in PAGES.items():
        for parameter in parameters:
            for value in VALUES:
                response = client.get(
                    url, {parameter: value, **({"q": "coop"} if parameter != "q" else {})}
                )
                if response.status_code != 200:
                    failures.append((url, parameter, repr(value)[:20], response.status_code))
    assert failures == []
