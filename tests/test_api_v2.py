"""API v2 as apps read it: HTML rich text, renditions, only public pages, bounded parameters."""

import json

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction, get_page_models

from core.images import RENDITION_SPECS
from tests.api_support import make_directory
from tests.factories.home import StandardPageFactory
from tests.factories.news import (
    ConferencePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)


def publish(page):
    page.save_revision().publish()
    return page


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def assert_renditions(data):
    assert set(data["renditions"]) == set(RENDITION_SPECS)
    for rendition in data["renditions"].values():
        assert rendition["url"].startswith("http://testserver/media/images/")
        assert isinstance(rendition["width"], int)
        assert isinstance(rendition["height"], int)


def test_streamfield_rich_text_is_display_html_with_internal_links_expanded(client, home_page):
    target = publish(StandardPageFactory(parent=home_page, title="Over ons", slug="over-ons"))
    page = StandardPageFactory(
        parent=home_page,
        body=[("paragraph", f'<p>Lees <a linktype="page" id="{target.pk}">over ons</a>.</p>')],
    )
    publish(page)
    body = get(client, f"/api/v2/pages/{page.pk}/")["body"]
    assert body[0]["value"] == '<p>Lees <a href="/over-ons/">over ons</a>.</p>'


def test_rich_text_format_can_still_be_asked_for_and_is_validated(client, home_page):
    page = publish(StandardPageFactory(parent=home_page, body=[("paragraph", "<p>Hoi</p>")]))
    assert get(client, f"/api/v2/pages/{page.pk}/?rich_text_format=db_html")["body"][0]["value"]
    error = get(client, f"/api/v2/pages/{page.pk}/?rich_text_format=pdf", status=400)
    assert "rich_text_format" in error["message"]


def test_images_in_api_fields_and_body_come_with_renditions(client, home_page, image):
    home_page.hero_image = image
    home_page.body = [
        ("image", {"image": image, "alt_text": "Leden aan tafel", "caption": "Breda"})
    ]
    publish(home_page)
    data = get(client, f"/api/v2/pages/{home_page.pk}/")
    assert data["hero_image"]["id"] == image.pk
    assert_renditions(data["hero_image"])
    block = data["body"][0]["value"]
    assert block["image"]["alt"] == "Leden aan tafel"
    assert_renditions(block["image"])


def test_a_missing_original_file_is_an_error_object_not_a_500(client, home_page, image):
    """Apps get Wagtail's error object for that image; the rest of the listing still comes."""
    other = Image.objects.create(title="Weg", file=get_test_image_file(), description="")
    news_index = NewsIndexPageFactory(parent=home_page)
    for n, page_image in enumerate([image, other]):
        publish(NewsPageFactory(parent=news_index, title=f"P{n}", image=page_image))
    other.file.storage.delete(other.file.name)

    data = get(client, "/api/v2/pages/?type=news.NewsPage&fields=image&order=title")
    good, broken = (item["image"] for item in data["items"])
    assert_renditions(good)
    assert broken["id"] == other.pk
    assert broken["renditions"] == {
        name: {"error": "SourceImageIOError"} for name in RENDITION_SPECS
    }


def test_images_endpoint_has_renditions(client, image):
    data = get(client, f"/api/v2/images/{image.pk}/")
    assert_renditions(data)
    listing = get(client, "/api/v2/images/?fields=renditions")
    assert_renditions(listing["items"][0])


def test_only_live_public_pages_even_for_a_logged_in_editor(client, home_page):
    public = publish(StandardPageFactory(parent=home_page, title="Openbaar"))
    draft = StandardPageFactory(parent=home_page, title="Concept", live=False)
    private = publish(StandardPageFactory(parent=home_page, title="Besloten"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)

    titles = {item["title"] for item in get(client, "/api/v2/pages/?limit=100")["items"]}
    assert public.title in titles
    assert draft.title not in titles
    assert private.title not in titles
    get(client, f"/api/v2/pages/{private.pk}/", status=404)
    get(client, f"/api/v2/pages/{draft.pk}/", status=404)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=abc", "limit"),
        ("limit=-1", "limit"),
        ("limit=101", "limit"),
        ("limit=1.5", "limit"),
        ("offset=abc", "offset"),
        ("offset=-3", "offset"),
        ("offset=99999999999999999999999", "offset"),
        ("type=nope.Nope", "type"),
        ("fields=nonexistent", "nonexistent"),
        ("order=nonexistent", "nonexistent"),
        ("child_of=abc", "child_of"),
        ("descendant_of=abc", "descendant_of"),
        ("unknown=1", "unknown"),
        ("search=x&search_operator=xor", "search_operator"),
        ("rich_text_format=pdf", "rich_text_format"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, home_page, query, parameter):
    error = get(client, f"/api/v2/pages/?{query}", status=400)
    assert parameter in error["message"]


def test_limit_and_offset_page_through_results(client, home_page):
    for n in range(3):
        publish(StandardPageFactory(parent=home_page, title=f"P{n}"))
    data = get(client, "/api/v2/pages/?type=home.StandardPage&limit=2&offset=1&order=title")
    assert data["meta"]["total_count"] == 3
    assert [item["title"] for item in data["items"]] == ["P1", "P2"]


def instance_of_every_page_type(home_page):
    """One live instance of each concrete page type that can be created in this site."""
    index, _coops = make_directory(home_page, 1)
    publish(StandardPageFactory(parent=home_page))
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index)
    ConferencePageFactory(parent=news_index)
    return {type(page.specific) for page in home_page.get_descendants(inclusive=True).live()}


def test_fields_star_works_for_every_page_type(client, home_page):
    present = instance_of_every_page_type(home_page)
    creatable = {model for model in get_page_models() if model.is_creatable}
    assert creatable <= present, f"no instance for {creatable - present}; add one above"
    for model in creatable:
        label = f"{model._meta.app_label}.{model.__name__}"
        listing = get(client, f"/api/v2/pages/?type={label}&fields=*")
        assert listing["items"], label
        detail = get(client, listing["items"][0]["meta"]["detail_url"] + "?fields=*")
        assert detail["meta"]["type"] == label


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), json.loads(response.content)


@pytest.mark.usefixtures("no_page_cache")
def test_listing_with_all_fields_uses_a_fixed_number_of_queries(client, home_page, image):
    def add(n):
        for _i in range(n):
            page = StandardPageFactory(
                parent=home_page,
                body=[
                    ("paragraph", "<p>Tekst</p>"),
                    ("image", {"image": image, "alt_text": "Alt", "caption": ""}),
                ],
            )
            publish(page)

    add(2)
    url = "/api/v2/pages/?type=home.StandardPage&fields=*&limit=50"
    client.get(url)  # renditions are created on first use
    few, data = count_queries(client, url)
    assert len(data["items"]) == 2
    add(18)
    client.get(url)
    many, data = count_queries(client, url)
    assert len(data["items"]) == 20
    assert few == many == 11


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize("images", [1, 5])
def test_detail_uses_a_fixed_number_of_queries(client, home_page, images):
    body = [
        (
            "image",
            {
                "image": Image.objects.create(title=f"B{n}", file=get_test_image_file()),
                "alt_text": "Alt",
                "caption": "",
            },
        )
        for n in range(images)
    ]
    page = StandardPageFactory(parent=home_page, body=body)
    publish(page)
    url = f"/api/v2/pages/{page.pk}/"
    client.get(url)
    queries, data = count_queries(client, url)
    assert len(data["body"]) == images
    assert queries == 10
