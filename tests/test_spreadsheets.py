"""CSV exports can't smuggle formulas into an editor's spreadsheet (OWASP CSV injection).

Whom it protects: the communicatiemedewerker who opens the registrations or the
directory export in Excel, where `=HYPERLINK(…)` from a visitor's remark would become a
live link. And the one who imports the directory export back: an unchanged export still
imports unchanged.
"""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.contrib.auth import get_user_model
from django.core.management import call_command

from coops.models import CoopPage
from core.spreadsheets import neutralise_cell, restore_cell
from news.models import Registration
from tests.factories.coops import CoopPageFactory
from tests.factories.news import ConferencePageFactory

DANGEROUS = [
    '=HYPERLINK("https://example.org/phish","Klik")',
    "+31 76 123 4567",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tverborgen",
    "\rregel",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_formula_cells_get_a_leading_quote(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Gewoon", "", "'al gequote", "a=b", 42, None])
def test_other_cells_stay_as_they_are(value):
    assert neutralise_cell(value) == value


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab "), max_size=8))
def test_restoring_gives_back_exactly_what_was_neutralised(value):
    assert restore_cell(neutralise_cell(value)) == value


def _rows(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_directory_export_neutralises_and_imports_back_unchanged(
    client, coop_index, tmp_path, capsys
):
    coop = CoopPageFactory(
        parent=coop_index,
        title='=HYPERLINK("https://example.org","Coöperatie")',
        slug="formule",
        intro="@Breda: -2+3 samen",
    )
    coop.save_revision().publish()
    export = client.get("/cooperaties/export/csv/").content
    header, row = _rows(export)
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == "'" + coop.title
    assert cells["intro"] == "'" + coop.intro
    assert not [cell for cell in row if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]

    path = tmp_path / "export.csv"
    path.write_bytes(export)
    revision = CoopPage.objects.get(pk=coop.pk).latest_revision_id
    call_command("import_coops", str(path))
    assert "0 nieuw, 0 bijgewerkt, 1 ongewijzigd, 0 afgekeurd" in capsys.readouterr().out
    page = CoopPage.objects.get(pk=coop.pk)
    assert (page.title, page.intro, page.latest_revision_id) == (coop.title, coop.intro, revision)


@pytest.mark.django_db
def test_registrations_export_neutralises_visitors_text(client, news_index):
    conference = ConferencePageFactory(parent=news_index, title="Tussen wil en wet")
    Registration.objects.create(
        conference=conference,
        name="=cmd|' /C calc'!A0",
        email="anna@example.org",
        organisation="+Movisie",
        remarks=DANGEROUS[0],
    )
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x")
    client.force_login(admin)
    export = client.get("/admin/registrations/?export=csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body)))
    cells = dict(zip(header, row, strict=True))
    assert cells["Naam"] == "'=cmd|' /C calc'!A0"
    assert cells["Organisatie"] == "'+Movisie"
    assert cells["Opmerkingen"] == "'" + DANGEROUS[0]
