"""import_coops writes in bulk (coops/bulk.py) and the result is what Wagtail's own publish
would leave: one revision per changed entry, live at it, in the tree, the search index, the
admin's history and the cached directory. Its queries grow linearly with the rows.

Whom it protects: whoever imports the whole sector at once (5,000 rows used to take 22
minutes), and the editors and visitors who see the result.
"""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageLogEntry, Revision

from coops.models import CoopPage, Theme
from core.cache.version import content_version
from tests.factories.coops import CoopPageFactory
from tests.test_import_states import _entry, _import


def rows(count, intro="Samen werken", start=0):
    return [
        {
            "title": f"Bulkcoöperatie {n:04d}",
            "slug": f"bulk-{n:04d}",
            "kvk_number": f"{90000000 + n}",
            "intro": intro,
            "themes": "werk" if n % 2 else "",
            "postcode": "4811ab",
        }
        for n in range(start, start + count)
    ]


@pytest.fixture
def werk(db):
    return Theme.objects.get_or_create(slug="werk", defaults={"name": "Werk"})[0]


@pytest.mark.django_db
def test_new_entries_are_published_like_wagtail_does(coop_index, werk, tmp_path, client):
    old = _entry(coop_index, "bestaand")
    version = content_version()
    _import(tmp_path, rows(3))
    pages = list(CoopPage.objects.filter(slug__startswith="bulk-").order_by("slug"))
    assert len(pages) == 3
    assert Page.find_problems() == ([], [], [], [], [])
    coop_index.refresh_from_db()
    assert coop_index.numchild == 4
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.get_parent().pk == coop_index.pk and page.url_path.endswith(f"/{page.slug}/")
        assert page.first_published_at and page.last_published_at
        assert Revision.objects.filter(object_id=str(page.pk)).count() == 1
        assert page.live_revision_id == page.latest_revision_id
        assert page.live_revision.as_object().intro == "Samen werken"
        assert page.postcode == "4811 AB"  # normalised as a save would
        assert list(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)) == [
            "wagtail.publish",
            "wagtail.create",
        ]
        assert client.get(page.url).status_code == 200
    assert [t.slug for t in pages[1].themes.all()] == ["werk"]
    assert [t.slug for t in pages[1].live_revision.as_object().themes.all()] == ["werk"]
    assert content_version() != version
    # Searchable at once, theme names too, and the earlier entry is untouched.
    assert CoopPage.objects.live().search("Bulkcoöperatie").count() == 3
    old.refresh_from_db()
    assert Revision.objects.filter(object_id=str(old.pk)).count() == 1


@pytest.mark.django_db
def test_a_changed_live_entry_gets_one_revision_and_unchanged_ones_none(coop_index, werk, tmp_path):
    _import(tmp_path, rows(4))
    changed = rows(4)
    changed[1]["intro"] = "Nieuwe tekst"
    changed[2]["themes"] = "werk"
    _import(tmp_path, changed)
    counts = {
        page.slug: Revision.objects.filter(object_id=str(page.pk)).count()
        for page in CoopPage.objects.filter(slug__startswith="bulk-")
    }
    assert counts == {"bulk-0000": 1, "bulk-0001": 2, "bulk-0002": 2, "bulk-0003": 1}
    page = CoopPage.objects.get(slug="bulk-0001")
    assert page.intro == "Nieuwe tekst" and page.live_revision_id == page.latest_revision_id
    assert page.live_revision.as_object().intro == "Nieuwe tekst"
    assert [t.slug for t in CoopPage.objects.get(slug="bulk-0002").themes.all()] == ["werk"]
    assert CoopPage.objects.live().search("Nieuwe tekst").count() == 1


@pytest.mark.django_db
def test_the_directory_shows_imported_entries_at_once(coop_index, werk, tmp_path, client):
    CoopPageFactory(parent=coop_index, title="Eerder").save_revision().publish()
    assert "Bulkcoöperatie" not in client.get(coop_index.url).content.decode()  # now cached
    _import(tmp_path, rows(2))
    assert "Bulkcoöperatie 0001" in client.get(coop_index.url).content.decode()


@pytest.mark.django_db
def test_the_queries_grow_linearly_with_the_rows(coop_index, werk, tmp_path):
    def queries(count, start, intro):
        with CaptureQueriesContext(connection) as captured:
            _import(tmp_path, rows(count, intro=intro, start=start))
        return len(captured)

    small, large = queries(5, 0, "a"), queries(25, 100, "a")
    assert (large - small) / 20 <= 1.5, (small, large)  # per new row: its publish UPDATE
    small, large = queries(5, 0, "b"), queries(25, 100, "b")
    assert (large - small) / 20 <= 3, (small, large)  # per changed row: 2 tables, the index
