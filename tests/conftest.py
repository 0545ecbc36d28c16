import pytest

from django.core.cache import cache

from wagtail.models import Page, Site

from tests.factories.home import HomePageFactory


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
