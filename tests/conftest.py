import datetime
import os
import zoneinfo

import pytest
from hypothesis import settings as hypothesis_settings

from django.core.cache import cache

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from news.models import ConferencePage
from tests.factories.coops import CoopIndexPageFactory
from tests.factories.home import HomePageFactory
from tests.factories.news import ConferencePageFactory, NewsIndexPageFactory

# Property tests draw the same examples on every run, so CI is deterministic; explore with
# new random examples locally: HYPOTHESIS_PROFILE=explore make pytest.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """A HomePage as the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def news_index(home_page):
    """The news index ("Nieuws", /nieuws/), published with a revision as editors leave it."""
    index = NewsIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def coop_index(home_page):
    """The directory ("Coöperaties", /cooperaties/) without entries."""
    return CoopIndexPageFactory(parent=home_page)


@pytest.fixture
def image(db):
    """An uploaded image (a real PNG, so renditions can be made)."""
    return Image.objects.create(title="Leden", file=get_test_image_file(), description="")


@pytest.fixture
def no_page_cache(settings):
    """The full-page cache off (core/cache/middleware.py), for a test that pins what *rendering*
    costs (its second request would be a cache hit with 0 queries, tests/test_page_cache.py pins
    that) or that reads `response.context` of a repeated request (a cached answer has none)."""
    settings.PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def open_conference(news_index):
    """A published conference in 2099 whose built-in sign-up is open (50 places)."""
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    page = ConferencePageFactory(
        parent=news_index,
        title="Tussen wil en wet",
        builtin_registration=True,
        registration_capacity=50,
        registration_deadline=datetime.datetime(2099, 2, 1, tzinfo=amsterdam),
        start=datetime.datetime(2099, 2, 10, 10, tzinfo=amsterdam),
        end=datetime.datetime(2099, 2, 10, 17, tzinfo=amsterdam),
    )
    page.save_revision().publish()
    return ConferencePage.objects.get(pk=page.pk)
