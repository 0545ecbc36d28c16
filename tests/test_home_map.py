"""Issue 16: the home page's directory section has a small map of the entries.

It reuses the directory's map script (coops/static/coops/map.js) and GeoJSON export, loads
Leaflet only when the map scrolls into view or on the button (no Leaflet tag in the page),
and keeps the text alternative: the count and the link to the directory. The query pins
(test_home.py, test_home_portal.py) stay as they were: the map adds no query to the page.
"""

import json
import re

import pytest

from tests.factories.coops import CoopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(coop_index):
    for n, (lat, lon) in enumerate([(51.59, 4.78), (52.09, 5.12)]):
        page = CoopPageFactory(parent=coop_index, title=f"Coöperatie {n}", lat=lat, lon=lon)
        page.save_revision().publish()


def map_element(html):
    match = re.search(r'<div id="coop-map"[^>]*>', html)
    assert match, "no map on the home page"
    return match.group(0)


def test_the_home_page_shows_a_lazy_map_of_the_directory(client, entries):
    html = client.get("/").content.decode()
    element = map_element(html)
    assert 'data-geojson="/cooperaties/export/geojson/"' in element
    assert "hidden" in element and 'role="region"' in element
    assert 'data-leaflet-js="/static/js_lib_leaflet/leaflet.js"' in element
    # Leaflet itself is not loaded with the page; the directory's own map script is.
    assert '<script src="/static/js_lib_leaflet/leaflet.js"' not in html
    assert "leaflet.css" not in html.replace(element, "")
    assert '<script src="/static/coops/map.js" defer></script>' in html
    assert "data-coop-map-button hidden>Toon de kaart</button>" in html
    # The text alternative: the count and the link to the directory (the map's description).
    assert "2 coöperaties in het overzicht" in html
    assert re.search(r'<p id="home-directory-map-text"><a [^>]*href="/cooperaties/"', html), (
        "the map's text alternative links the directory"
    )


def test_the_map_draws_what_the_directory_exports(client, entries):
    element = map_element(client.get("/").content.decode())
    url = re.search(r'data-geojson="([^"]+)"', element).group(1)
    features = json.loads(client.get(url).content)["features"]
    assert sorted(f["properties"]["title"] for f in features) == ["Coöperatie 0", "Coöperatie 1"]


def test_no_map_without_entries(client, coop_index):
    html = client.get("/").content.decode()
    assert 'id="coop-map"' not in html and "coops/map.js" not in html
