"""Issue 13: the content version changes with what visitors can see, and with nothing else."""

import pytest

from django.contrib.auth import get_user_model

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents.models import Document
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Site

from coops.models import Municipality, Theme
from core.cache.version import content_version
from home.models import SiteSettings
from news.registration import register
from tests.factories.home import StandardPageFactory
from tests.factories.news import NewsPageFactory


@pytest.fixture
def page(home_page):
    page = StandardPageFactory(parent=home_page, title="Over ons")
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def stays(change):
    before = content_version()
    change()
    return content_version() == before


# What never changes what visitors see.


def test_saving_a_draft_keeps_the_version(page):
    page.title = "Concept"
    assert stays(lambda: page.save_revision())


def test_an_autosave_overwriting_the_draft_keeps_the_version(page):
    page.title = "Concept"
    revision = page.save_revision()
    page.title = "Concept, verder getypt"
    assert stays(lambda: page.save_revision(previous_revision=revision, clean=False))


def test_a_log_entry_keeps_the_version(page):
    assert stays(lambda: PageLogEntry.objects.log_action(page, "wagtail.edit"))


def test_a_lock_keeps_the_version(page, admin_user):
    def lock():
        page.locked, page.locked_by = True, admin_user
        page.save(update_fields=["locked", "locked_by"])

    assert stays(lock)


def test_a_registration_keeps_the_version(open_conference, django_capture_on_commit_callbacks):
    data = {"name": "Anna de Vries", "email": "anna@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        assert stays(lambda: register(open_conference, data))


def test_a_login_keeps_the_version(client, db):
    # force_login: Client.login() authenticates without a request, which django-axes refuses.
    user = get_user_model().objects.create_user("redacteur", password="geheim-wachtwoord")
    assert stays(lambda: client.force_login(user))


def test_a_draft_of_a_new_page_keeps_the_version(home_page):
    assert stays(lambda: StandardPageFactory(parent=home_page, title="Nieuw", live=False))


# What does.


def test_publishing_changes_the_version(page):
    page.title = "Over de beweging"
    assert not stays(lambda: page.save_revision().publish())


@pytest.mark.parametrize("change", ["unpublish", "delete", "move"])
def test_unpublish_delete_and_move_change_the_version(page, news_index, change):
    actions = {
        "unpublish": page.unpublish,
        "delete": page.delete,
        "move": lambda: page.move(news_index, pos="last-child"),
    }
    assert not stays(actions[change])


def test_a_view_restriction_changes_the_version(page):
    assert not stays(
        lambda: PageViewRestriction.objects.create(page=page, restriction_type="login")
    )


def test_saving_a_live_page_directly_changes_the_version(page):
    page.title = "Via een script"
    assert not stays(page.save)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Theme.objects.create(name="Zorg", slug="zorg"),
        lambda: Municipality.objects.create(
            code="GM9999", name="Proefdorp", province="Utrecht", lat=52, lon=5
        ),
        lambda: Document.objects.create(title="Statuut"),
        lambda: Redirect.objects.create(old_path="/oud", redirect_link="/nieuw"),
        lambda: SearchPromotion.objects.create(
            query=Query.get("statuut"), external_link_url="https://example.org", sort_order=0
        ),
        lambda: Site.objects.create(hostname="tweede.example", root_page=Page.objects.first()),
        lambda: SiteSettings.objects.get(site__is_default_site=True).save(),
    ],
    ids=["thema", "gemeente", "document", "redirect", "zoekpromotie", "site", "instellingen"],
)
def test_registered_models_change_the_version(home_page, make):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert not stays(make)


def test_settings_created_with_their_defaults_on_first_read_keep_the_version(home_page):
    assert stays(lambda: SiteSettings.for_site(Site.objects.get(is_default_site=True)))


def test_an_image_changes_the_version(image):
    image.title = "Leden in Breda"
    assert not stays(image.save)


def test_a_news_page_published_through_a_revision_changes_it_once_visible(news_index):
    page = NewsPageFactory(parent=news_index, title="Concept", live=False)
    assert stays(lambda: page.save_revision())
    assert not stays(lambda: page.get_latest_revision().publish())
