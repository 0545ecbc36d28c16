"""The site tree: page types, where they may live, and what visitors and apps see."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import HomePage, StandardPage
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def can_create_at(parent_class, child_class):
    return child_class in parent_class.allowed_subpage_models() and (
        parent_class in child_class.allowed_parent_page_models()
    )


def test_homepage_only_at_root_and_only_once(home_page):
    assert HomePage.allowed_parent_page_models() == [Page]
    assert not can_create_at(StandardPage, HomePage)
    assert not HomePage.can_create_at(Page.get_first_root_node())  # max_count = 1 reached


def test_standard_page_under_home_and_standard_pages_only():
    assert can_create_at(HomePage, StandardPage)
    assert can_create_at(StandardPage, StandardPage)
    assert StandardPage.allowed_subpage_models() == [StandardPage]


def test_home_page_renders_dutch_with_landmarks(client, home_page):
    StandardPageFactory(parent=home_page, title="Over ons", show_in_menus=True)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert "Samen sterker" in html
    assert '<a href="/over-ons/">Over ons</a>' in html


def test_standard_page_renders_with_breadcrumbs(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Bijzonder Statuut", intro="Een akte.")
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bijzonder Statuut</h1>" in html
    assert 'aria-label="Kruimelpad"' in html
    assert '<span aria-current="page">Bijzonder Statuut</span>' in html


@pytest.mark.usefixtures("no_page_cache")
def test_home_page_query_count_is_fixed(client, home_page):
    """The home page must not grow a query per menu item (N+1)."""
    for n in range(3):
        StandardPageFactory(parent=home_page, title=f"Menu {n}", show_in_menus=True)
    client.get("/")  # warm Wagtail's site-root cache and the menu
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(3, 10):
        StandardPageFactory(parent=home_page, title=f"Menu {n}", show_in_menus=True)
    client.get("/")
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    # 5 since issue 11 dropped HomePage's unused `menu_pages` query (it was 6); 13 since
    # issue 16 made the home page a portal: the news index and the directory (one query
    # each), the latest news, the next gatherings, the directory's count and the
    # shareholders, each finding nothing here (test_home_portal.py pins the full portal).
    assert len(few) == len(many) == 13, [q["sql"] for q in many.captured_queries]


def test_menu_follows_publishing_at_once(client, home_page):
    """The menu is cached, but publishing, unpublishing or closing a page shows at once."""
    page = StandardPageFactory(parent=home_page, title="Over ons", show_in_menus=True)
    link = '<a href="/over-ons/">Over ons</a>'
    assert link in client.get("/").content.decode()
    page.unpublish()
    assert link not in client.get("/").content.decode()
    page.save_revision().publish()
    assert link in client.get("/").content.decode()
    page.view_restrictions.create(restriction_type="login")
    assert link not in client.get("/").content.decode()


def test_draft_and_private_pages_stay_out_of_menu_and_api(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Concept", show_in_menus=True, live=False)
    private = StandardPageFactory(parent=home_page, title="Geheim", show_in_menus=True)
    private.view_restrictions.create(restriction_type="login")
    html = client.get("/").content.decode()
    assert "Concept" not in html and "Geheim" not in html
    data = client.get("/api/v2/pages/?type=home.StandardPage").json()
    titles = {item["title"] for item in data["items"]}
    assert draft.title not in titles and private.title not in titles
    assert client.get(draft.url or "/concept/").status_code == 404


@pytest.mark.parametrize("page_type", ["home.HomePage", "home.StandardPage"])
def test_every_page_type_appears_in_the_api(client, home_page, page_type):
    StandardPageFactory(parent=home_page, title="Over ons")
    data = client.get(f"/api/v2/pages/?type={page_type}&fields=*").json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["meta"]["type"] == page_type
    if page_type == "home.HomePage":
        assert {"hero_title", "hero_intro", "hero_image", "body"} <= item.keys()
    else:
        assert {"intro", "body"} <= item.keys()


class TestAdminCreation(WagtailTestUtils):
    """An editor creates a StandardPage through the Dutch admin."""

    def test_create_standard_page_in_admin(self, client, home_page, django_user_model):
        user = django_user_model.objects.create_superuser("redactie", "r@example.org", "pw")
        client.force_login(user)
        response = client.get(f"/admin/pages/add/home/standardpage/{home_page.pk}/")
        assert response.status_code == 200
        assert 'lang="nl"' in response.content.decode()
        data = nested_form_data(
            {
                "title": "Over ons",
                "slug": "over-ons",
                "intro": "Wie wij zijn.",
                "body": streamfield([("heading", {"text": "Wie we zijn", "level": "h2"})]),
                "action-publish": "publish",
            }
        )
        response = client.post(f"/admin/pages/add/home/standardpage/{home_page.pk}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        page = StandardPage.objects.get(slug="over-ons")
        assert page.live
        assert "Wie we zijn" in client.get("/over-ons/").content.decode()


def test_breadcrumbs_follow_a_renamed_parent_at_once(client, home_page):
    parent = StandardPageFactory(parent=home_page, title="Over ons")
    child = StandardPageFactory(parent=parent, title="Bestuur")
    assert ">Over ons</a>" in client.get(child.url).content.decode()
    parent.title = "Wie wij zijn"
    parent.save_revision().publish()
    assert ">Wie wij zijn</a>" in client.get(child.url).content.decode()
