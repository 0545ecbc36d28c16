"""The API v2 contract: for every page type, the exact fields an app receives and their JSON types.

Changing a name or a type here is a breaking change for apps; do it deliberately,
update docs/api.md and tell the apps. Adding a page type is one entry in CONTRACTS.
"""

import pytest

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.api_support import make_directory
from tests.factories.home import StandardPageFactory

STR, INT, BOOL, LIST, DICT, NULL = str, int, bool, list, dict, type(None)
IMAGE = (DICT, NULL)  # {id, title, alt, renditions: {thumbnail|medium|large: {url, width, height}}}

#: Every page has these (Wagtail's meta), in listings with fields=* and in detail.
META = {
    "type": STR,
    "detail_url": STR,
    "html_url": STR,
    "slug": STR,
    "show_in_menus": BOOL,
    "seo_title": STR,
    "search_description": STR,
    "first_published_at": (STR, NULL),
    "alias_of": (DICT, NULL),
    "locale": STR,
}

#: Detail adds the parent (for breadcrumbs) and Wagtail leaves out the locale.
DETAIL_META = {**{k: v for k, v in META.items() if k != "locale"}, "parent": (DICT, NULL)}

#: type -> (whom it protects, {field: JSON type(s)}), besides id, meta and title.
CONTRACTS = {
    "home.HomePage": (
        "the mobile app's start screen reads hero_title/hero_intro/hero_image and the body",
        {"hero_title": STR, "hero_intro": STR, "hero_image": IMAGE, "body": LIST},
    ),
    "home.StandardPage": (
        "partner sites embed 'Over ons' and 'Bijzonder Statuut' pages: intro and body",
        {"intro": STR, "body": LIST},
    ),
    # coops.CoopIndexPage, coops.CoopPage and news.* are added when their api_fields are final.
}


@pytest.fixture
def all_types(home_page):
    image = Image.objects.create(title="Kop", file=get_test_image_file())
    home_page.hero_image = image
    home_page.save_revision().publish()
    make_directory(home_page, 1)
    StandardPageFactory(parent=home_page).save_revision().publish()


def check(data, expected, where):
    assert set(data) == set(expected), where
    for name, json_type in expected.items():
        assert isinstance(data[name], json_type), f"{where}.{name}: {data[name]!r}"


@pytest.mark.parametrize("page_type", sorted(CONTRACTS))
def test_page_type_contract(client, all_types, page_type):
    consumer, fields = CONTRACTS[page_type]
    listing = client.get(f"/api/v2/pages/?type={page_type}&fields=*").json()
    item = listing["items"][0]
    check(item, {"id": INT, "meta": DICT, "title": STR, **fields}, f"{page_type} ({consumer})")
    check(item["meta"], META, f"{page_type}.meta")

    detail = client.get(item["meta"]["detail_url"]).json()
    check(
        detail,
        {"id": INT, "meta": DICT, "title": STR, **fields},
        f"{page_type} detail ({consumer})",
    )
    check(detail["meta"], DETAIL_META, f"{page_type} detail meta")


def test_image_fields_carry_three_named_renditions(client, all_types):
    """Apps show hero images without another request: url, width, height per size, and alt."""
    home = client.get("/api/v2/pages/?type=home.HomePage&fields=hero_image").json()["items"][0]
    image = home["hero_image"]
    assert set(image) == {"id", "title", "alt", "renditions"}
    assert set(image["renditions"]) == {"thumbnail", "medium", "large"}
    for rendition in image["renditions"].values():
        check(rendition, {"url": STR, "width": INT, "height": INT}, "rendition")
