"""`manage.py import_coops FILE.csv [--dry-run] [--skip-invalid]`.

Reads the columns of the directory's CSV export (`;` or `,` separated, UTF-8 with or without
BOM). Each row creates or updates an entry, matched by KvK number, else by slug. Every row is
validated first; the report names the line and reason of each rejected row. Nothing is written
if any row fails, unless --skip-invalid. Rows whose values equal the stored entry are left
alone, so importing an unchanged export changes nothing.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from coops.fields import COMPARED, CSV_COLUMNS, CellError, parse_row
from coops.models import CoopIndexPage, CoopPage, Municipality, Theme
from core.spreadsheets import restore_cell

REQUIRED = {"title"}
TREE_FIELDS = ["path", "depth", "numchild", "url_path", "translation_key", "locale", "draft_title"]


class RowError(Exception):
    pass


def read_rows(handle):
    text = handle.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = REQUIRED - set(reader.fieldnames or [])
    if missing:
        raise CommandError(f"Kolom ontbreekt in de kopregel: {', '.join(sorted(missing))}")
    unknown = set(reader.fieldnames) - set(CSV_COLUMNS)
    return reader, unknown


class Command(BaseCommand):
    help = "Importeert coöperaties uit een CSV-bestand met de kolommen van de export."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Foute regels overslaan, de rest opslaan."
        )

    def handle(self, file, dry_run, skip_invalid, **options):
        index = CoopIndexPage.objects.first()
        if index is None:
            raise CommandError("Er is nog geen overzichtspagina voor coöperaties.")
        try:
            with open(file, encoding="utf-8", newline="") as handle:
                reader, unknown = read_rows(handle)
                rows = list(reader)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Kan {file} niet lezen: {error}") from error
        if unknown:
            self.stdout.write(f"Onbekende kolommen genegeerd: {', '.join(sorted(unknown))}")

        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.lookups = {
            "municipalities": self.municipalities,
            "themes": {t.slug: t for t in Theme.objects.all()},
        }
        existing = list(CoopPage.objects.child_of(index))
        self.by_kvk = {p.kvk_number: p for p in existing if p.kvk_number}
        self.by_slug = {p.slug: p for p in existing}

        plans, errors, seen_slugs = [], [], set()
        total = len(rows)
        for number, row in enumerate(rows, start=2):  # line 1 is the header
            try:
                plan = self.plan_row(row, seen_slugs)
                plans.append((number, *plan))
            except RowError as error:
                errors.append((number, str(error)))
            if total > 500 and (number - 1) % 500 == 0:
                self.stdout.write(f"  {number - 1}/{total} regels gecontroleerd")

        for number, reason in errors:
            self.stdout.write(self.style.ERROR(f"Regel {number}: {reason}"))
        created = sum(1 for plan in plans if plan[1] == "create")
        updated = sum(1 for plan in plans if plan[1] == "update")
        unchanged = sum(1 for plan in plans if plan[1] == "unchanged")
        summary = (
            f"{created} nieuw, {updated} bijgewerkt, {unchanged} ongewijzigd, "
            f"{len(errors)} afgekeurd"
        )
        if errors and not skip_invalid:
            raise CommandError(f"Niets opgeslagen: {len(errors)} regel(s) afgekeurd. ({summary})")
        if dry_run:
            self.stdout.write(f"Proefdraai, niets opgeslagen: {summary}.")
            return
        with transaction.atomic():
            for done, (_number, action, page, themes) in enumerate(plans, start=1):
                if action == "create":
                    index.add_child(instance=page)
                    page.themes.set(themes)
                    page.save_revision().publish()
                elif action == "update":
                    page.themes.set(themes)
                    page.save_revision().publish()
                if total > 500 and done % 500 == 0:
                    self.stdout.write(f"  {done}/{len(plans)} regels verwerkt")
        self.stdout.write(self.style.SUCCESS(f"Import klaar: {summary}."))

    def plan_row(self, row, seen_slugs):
        """(action, page, themes) for a row, or RowError with a Dutch reason."""
        # The export neutralised formula-looking cells ('=…); read them back as written.
        row = {key: restore_cell(value or "").strip() for key, value in row.items() if key}
        if not row.get("title"):
            raise RowError("de naam (title) is leeg")
        slug = row.get("slug") or slugify(row["title"])
        if not slug:
            raise RowError("er is geen slug te maken van de naam")
        if slug in seen_slugs:
            raise RowError(f"slug ‘{slug}’ komt vaker voor in het bestand")
        seen_slugs.add(slug)
        kvk = row.get("kvk_number", "")
        page = (self.by_kvk.get(kvk) if kvk else None) or self.by_slug.get(slug)
        action = "update" if page is not None else "create"
        if page is None:
            page = CoopPage(slug=slug)
        elif page.slug != slug and slug in self.by_slug:
            raise RowError(
                f"KvK-nummer {kvk} hoort bij ‘{page.slug}’, maar slug ‘{slug}’ bestaat al"
            )

        before = {name: getattr(page, name) for name in COMPARED}
        themes_before = sorted(t.slug for t in page.themes.all()) if page.pk else []
        try:
            values = parse_row(row, self.lookups)
        except CellError as error:
            raise RowError(str(error)) from error
        themes = values.pop("themes", [])
        theme_slugs = [theme.slug for theme in themes]
        for name, value in values.items():
            setattr(page, name, value)

        try:
            page.clean_fields(exclude=[*TREE_FIELDS, "slug", "content_type", "body"])
        except ValidationError as error:
            raise RowError(_describe(error)) from error
        errors = page.coop_errors()
        if errors:
            raise RowError(_describe(ValidationError(errors)))
        if kvk:
            other = self.by_kvk.get(kvk)
            if other is not None and other is not page:
                raise RowError(f"KvK-nummer {kvk} is al in gebruik")
        if page.municipality_id:
            page.province = self.municipalities_by_id()[page.municipality_id].province

        if action == "update":
            after = {name: getattr(page, name) for name in COMPARED}
            if after == before and sorted(theme_slugs) == themes_before:
                action = "unchanged"
        return action, page, themes

    def municipalities_by_id(self):
        if not hasattr(self, "_by_id"):
            self._by_id = {m.pk: m for m in self.municipalities.values()}
        return self._by_id


def _describe(error):
    parts = []
    for field, messages in error.message_dict.items():
        parts.append(f"{field}: {' '.join(str(m) for m in messages)}")
    return "; ".join(parts)
