"""import_coops respects each entry's state, and its dry run is the real run's verdict.

Whom it protects: editors whose unpublished entries and pending drafts an import used to
publish or replace, and whoever runs `--dry-run` before a real import.
"""

import pytest

from django.core.management import CommandError, call_command

from coops.models import CoopPage
from tests.factories.coops import CoopPageFactory
from tests.test_coops import write_csv


def _entry(coop_index, slug, **fields):
    page = CoopPageFactory(parent=coop_index, title=f"Coöperatie {slug}", slug=slug, **fields)
    page.save_revision().publish()
    return CoopPage.objects.get(pk=page.pk)


def _import(tmp_path, rows, *args, **options):
    call_command("import_coops", write_csv(tmp_path / "in.csv", rows), *args, **options)


@pytest.mark.django_db
def test_a_never_published_entry_is_not_published(coop_index, tmp_path, capsys):
    page = CoopPageFactory(parent=coop_index, title="In oprichting", slug="oprichting", live=False)
    page.save_revision()
    _import(tmp_path, [{"title": "In oprichting", "slug": "oprichting", "intro": "Nieuw"}])
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().intro != "Nieuw"  # the draft is kept
    out = capsys.readouterr().out
    assert "Regel 2: ‘oprichting’ heeft een concept" in out and "1 conflict" in out


@pytest.mark.django_db
def test_an_unpublished_entry_stays_unpublished(coop_index, tmp_path, capsys):
    page = _entry(coop_index, "gestopt")
    page.unpublish()
    _import(tmp_path, [{"title": "Coöperatie gestopt", "slug": "gestopt", "intro": "Anders"}])
    page.refresh_from_db()
    assert not page.live and page.intro != "Anders"
    assert "Regel 2: ‘gestopt’" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_pending_draft_is_not_overwritten_and_reported(coop_index, tmp_path, capsys):
    page = _entry(coop_index, "breda")
    page.intro = "Concept van de redactie"
    page.save_revision()
    _import(tmp_path, [{"title": "Coöperatie breda", "slug": "breda", "intro": "Uit de CSV"}])
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().intro == "Concept van de redactie"
    assert page.intro != "Uit de CSV"
    out = capsys.readouterr().out
    assert "‘breda’ heeft een concept dat nog niet gepubliceerd is" in out
    assert "0 bijgewerkt" in out and "1 conflict" in out


@pytest.mark.django_db
def test_a_live_entry_is_updated_and_published(coop_index, tmp_path, capsys):
    page = _entry(coop_index, "tilburg")
    _import(tmp_path, [{"title": "Coöperatie tilburg", "slug": "tilburg", "intro": "Bijgewerkt"}])
    page.refresh_from_db()
    assert page.live and page.intro == "Bijgewerkt" and not page.has_unpublished_changes
    assert "1 bijgewerkt" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_not_live_entry_without_draft_gets_the_change_as_draft(coop_index, tmp_path, capsys):
    page = CoopPageFactory(parent=coop_index, title="Stil", slug="stil", live=False)
    assert not page.has_unpublished_changes
    _import(tmp_path, [{"title": "Stil", "slug": "stil", "intro": "Wacht op publicatie"}])
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().intro == "Wacht op publicatie"
    assert "opgeslagen als concept, niet gepubliceerd" in capsys.readouterr().out


ROWS_WITH_DUPLICATE_KVK = [
    {"title": "Eerste", "kvk_number": "12345678"},
    {"title": "Tweede", "kvk_number": "12345678"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_duplicate_kvk_in_one_file_is_the_same_verdict_in_both_runs(
    coop_index, tmp_path, capsys, dry_run
):
    with pytest.raises(CommandError, match="1 regel"):
        _import(tmp_path, ROWS_WITH_DUPLICATE_KVK, dry_run=dry_run)
    assert "Regel 3: KvK-nummer 12345678 komt vaker voor in het bestand" in capsys.readouterr().out
    assert not CoopPage.objects.exists()


@pytest.mark.django_db
def test_dry_run_says_what_the_real_run_does(coop_index, tmp_path, capsys):
    _entry(coop_index, "live")
    rows = [
        {"title": "Coöperatie live", "slug": "live", "intro": "Nieuw"},
        {"title": "Helemaal nieuw", "slug": "helemaal-nieuw", "intro": ""},
    ]
    _import(tmp_path, rows, dry_run=True)
    dry = capsys.readouterr().out
    assert CoopPage.objects.count() == 1 and CoopPage.objects.get().intro != "Nieuw"
    _import(tmp_path, rows)
    real = capsys.readouterr().out
    summary = "1 nieuw, 1 bijgewerkt, 0 ongewijzigd, 0 afgekeurd"
    assert summary in dry and summary in real


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "reason"),
    [("Coöp\x00eratie", "bevat een NUL-teken"), ("x" * 128 * 1024, "te lang")],
)
def test_a_nul_byte_or_a_huge_field_is_a_report_line(coop_index, tmp_path, capsys, value, reason):
    rows = [{"title": "Goed", "intro": ""}, {"title": "Fout", "intro": value}]
    with pytest.raises(CommandError, match="1 regel"):
        _import(tmp_path, rows)
    assert f"Regel 3: intro: {reason}" in capsys.readouterr().out
    _import(tmp_path, rows, skip_invalid=True)
    assert list(CoopPage.objects.values_list("title", flat=True)) == ["Goed"]
