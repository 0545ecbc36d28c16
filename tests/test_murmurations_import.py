"""`manage.py import_murmurations`: other networks' profiles become drafts for moderators.

Whom it protects: moderators (nothing from another network goes live without them), the
coöperaties already in the directory (matched, not duplicated), and the directory's
readers (an invalid profile never becomes a half-filled entry).
"""

import io

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import WorkflowState

from coops.models import CoopPage, Municipality, MurmurationsNode, MurmurationsSource
from tests.factories.coops import CoopPageFactory, ThemeFactory
from tests.murmurations_index import LoopbackIndex

pytestmark = pytest.mark.django_db


def _profile(name="Buurtcoöperatie Oost", **extra):
    return {
        "linked_schemas": ["organizations_schema-v1.0.0"],
        "name": name,
        "primary_url": "https://oost.example.org/",
        "description": "Bewoners organiseren werk en zorg samen.",
        "tags": ["sociale coöperatie", "Werk"],
        "locality": "Breda",
        "country_iso_3166": "NL",
        "geolocation": {"lat": 51.59, "lon": 4.77},
        "starts_at": 1483228800,  # 2017-01-01
        "unique_id": "NL-KVK-87654321",
        "contact_details": {"email": "info@oost.example.org"},
        "telephone": "076 000 0000",
        "status": "active",
        **extra,
    }


@pytest.fixture
def index(coop_index):
    with LoopbackIndex() as loopback:
        yield loopback


def _import(index, *args):
    out = io.StringIO()
    call_command(
        "import_murmurations",
        "--index", index.url, "--library", index.url,
        "--schema", "organizations_schema-v1.0.0", "--country", "NL", *args,
        stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_a_new_profile_becomes_a_draft_in_the_workflow_with_its_source(index):
    ThemeFactory(name="Werk", slug="werk")
    url = index.serve_profile("oost", _profile())
    out = _import(index)
    page = CoopPage.objects.get(title="Buurtcoöperatie Oost")
    assert not page.live and page.has_unpublished_changes
    assert page.workflow_in_progress
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()
    draft = page.get_latest_revision_as_object()
    assert draft.kvk_number == "87654321"
    assert draft.website == "https://oost.example.org/"
    assert draft.email == "info@oost.example.org"
    assert draft.founded_year == 2017
    assert draft.municipality == Municipality.objects.get(name="Breda")
    assert [theme.slug for theme in draft.themes.all()] == ["werk"]
    source = MurmurationsSource.objects.get()
    assert (source.page, source.profile_url, source.index_url) == (page, url, index.url)
    assert "1 nieuw" in out


def test_an_unchanged_profile_changes_nothing(index):
    index.serve_profile("oost", _profile())
    _import(index)
    page = CoopPage.objects.get()
    revisions = page.revisions.count()
    out = _import(index)
    assert page.revisions.count() == revisions
    assert CoopPage.objects.count() == 1
    assert "1 ongewijzigd" in out


def test_a_changed_profile_updates_the_same_entry_as_a_draft(index):
    index.serve_profile("oost", _profile())
    _import(index)
    index.profiles["oost"] = _profile(description="Nieuwe omschrijving.")
    out = _import(index)
    page = CoopPage.objects.get()
    assert page.get_latest_revision_as_object().intro == "Nieuwe omschrijving."
    assert not page.live
    assert "1 bijgewerkt" in out


def test_a_live_entry_with_the_same_kvk_number_gets_a_draft_not_a_publish(index, coop_index):
    page = CoopPageFactory(parent=coop_index, title="Oost", kvk_number="87654321", intro="Oud")
    page.save_revision().publish()
    index.serve_profile("oost", _profile())
    _import(index)
    page.refresh_from_db()
    assert CoopPage.objects.count() == 1
    assert page.intro == "Oud"  # what visitors see waits for a moderator
    assert page.has_unpublished_changes and page.workflow_in_progress
    assert page.get_latest_revision_as_object().intro.startswith("Bewoners")


def test_an_invalid_profile_is_reported_and_saves_nothing(index):
    index.serve_profile("kapot", _profile(name="Kapot", starts_at="gisteren"))
    index.serve_profile("buiten", _profile(name="Buiten", geolocation={"lat": 40.0, "lon": 2.0}))
    index.serve_profile("goed", _profile(name="Goed", unique_id="NL-KVK-11112222"))
    out = _import(index)
    assert list(CoopPage.objects.values_list("title", flat=True)) == ["Goed"]
    assert "kapot.json: ongeldig profiel: starts_at" in out
    assert "buiten.json: past niet: lat" in out
    assert MurmurationsSource.objects.count() == 1
    assert "2 afgekeurd" in out


def test_only_the_asked_tags_and_country_are_read(index):
    index.serve_profile("oost", _profile())
    index.serve_profile("be", _profile(name="Gent", country_iso_3166="BE", unique_id=""))
    _import(index, "--tags", "Werk")
    assert list(CoopPage.objects.values_list("title", flat=True)) == ["Buurtcoöperatie Oost"]
    _import(index, "--tags", "Wonen")
    assert CoopPage.objects.count() == 1


def test_our_own_profiles_are_not_imported_back(index, coop_index):
    url = index.serve_profile("eigen", _profile())
    MurmurationsNode.objects.create(title="Eigen", profile_url=url)
    out = _import(index)
    assert not CoopPage.objects.exists()
    assert "1 eigen" in out


def test_an_unreachable_index_is_a_readable_error(coop_index):
    with pytest.raises(CommandError, match="antwoordt niet goed"):
        call_command("import_murmurations", "--index", "http://127.0.0.1:9", "--library",
                     "http://127.0.0.1:9", stdout=io.StringIO())  # fmt: skip
