"""Pages to search in, one maker per page type.

Search tests are parametrized over PAGE_MAKERS, so a new page type joins every
Dutch-language test with one entry: a function (parent, text) -> live page whose
indexed text contains `text`.
"""

import pytest

from coops.models import CoopIndexPage, CoopPage
from tests.factories.home import StandardPageFactory


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_standard_page(parent, text):
    return StandardPageFactory(parent=parent, intro=text)


def coop_index(home_page):
    index = CoopIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = publish_child(home_page, CoopIndexPage(title="Coöperaties", slug="cooperaties"))
    return index


def make_coop_page(parent, text):
    # On this branch CoopPage indexes its title only (the directory adds the rest).
    return publish_child(coop_index(parent), CoopPage(title=text[:255]))


PAGE_MAKERS = [
    pytest.param(make_standard_page, id="home.StandardPage"),
    pytest.param(make_coop_page, id="coops.CoopPage"),
]
