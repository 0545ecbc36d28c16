"""`manage.py import_coops FILE.csv [--dry-run] [--skip-invalid]`.

Reads the columns of the directory's CSV export (`;` or `,` separated, UTF-8 with or without
BOM). Each row creates or updates an entry, matched by KvK number, else by slug. Every row is
validated first; the report names the line and reason of each rejected row. Nothing is written
if any row fails, unless --skip-invalid. Rows whose values equal the stored entry are left
alone, so importing an unchanged export changes nothing.

Each entry's state is respected: a live entry is updated and published; an entry that
is not live gets the change as a draft (never published by an import); an entry with a
draft newer than its live version (or a not-live entry with a draft) is left alone and
reported as a conflict, so no editor's pending work is overwritten. `--dry-run` runs
exactly the real import in a transaction that is rolled back, so its verdict is the real
run's.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.text import slugify

from coops import bulk
from coops.fields import COMPARED, CSV_COLUMNS, CellError, parse_row
from coops.models import CoopIndexPage, CoopPage, Municipality, Theme
from core.cache.version import bump_content_version
from core.spreadsheets import restore_cell

REQUIRED = {"title"}
#: Rows written per step (and per progress line).
BATCH = 500
#: The columns a row writes: the compared fields and what is derived from them.
WRITTEN = [*COMPARED, "province"]
#: Longer cells are a line in the report (a free-text field of the directory is far shorter).
MAX_CELL = 10_000
#: csv's own limit is 128 KiB and raises mid-file; read bigger cells and reject them per row.
csv.field_size_limit(16 * 1024 * 1024)


class DryRunRollback(Exception):
    """Rolls back the dry run's transaction after the real work was done."""


TREE_FIELDS = ["path", "depth", "numchild", "url_path", "translation_key", "locale", "draft_title"]
#: Wagtail's own references on a page, which no row sets (checking them costs a query each).
STATE_FIELDS = ["latest_revision", "live_revision", "owner", "locked_by", "alias_of"]


class RowError(Exception):
    pass


#: What the import did with a row, as the report says it.
ACTION_REPORTS = {
    "create": "nieuw aangemaakt en gepubliceerd",
    "update": "bijgewerkt en gepubliceerd",
    "unchanged": "ongewijzigd",
    "draft": "is niet gepubliceerd: wijziging opgeslagen als concept, niet gepubliceerd",
    "conflict": (
        "heeft een concept dat nog niet gepubliceerd is: niet bijgewerkt "
        "(conflict; verwerk de wijziging in de admin)"
    ),
}


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
        except csv.Error as error:
            raise CommandError(f"Regel {reader.line_num}: geen geldige CSV ({error})") from error
        if unknown:
            self.stdout.write(f"Onbekende kolommen genegeerd: {', '.join(sorted(unknown))}")

        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.lookups = {
            "municipalities": self.municipalities,
            "themes": {t.slug: t for t in Theme.objects.all()},
        }
        existing = list(CoopPage.objects.child_of(index).prefetch_related("themes"))
        self.by_kvk = {p.kvk_number: p for p in existing if p.kvk_number}
        self.by_slug = {p.slug: p for p in existing}

        plans, errors, seen_slugs = [], [], set()
        self.seen_kvk = set()
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
        for number, action, page, _themes in plans:
            # What needs an editor's attention always; every row with -v 2.
            if action in {"draft", "conflict"} or options.get("verbosity", 1) >= 2:
                self.stdout.write(f"Regel {number}: ‘{page.slug}’ {ACTION_REPORTS[action]}")
        count = {action: sum(1 for plan in plans if plan[1] == action) for action in ACTION_REPORTS}
        summary = (
            f"{count['create']} nieuw, {count['update']} bijgewerkt, "
            f"{count['unchanged']} ongewijzigd, {len(errors)} afgekeurd, "
            f"{count['draft']} als concept, {count['conflict']} conflict"
        )
        if errors and not skip_invalid:
            raise CommandError(f"Niets opgeslagen: {len(errors)} regel(s) afgekeurd. ({summary})")
        try:
            with transaction.atomic():
                self.write(index, plans, total)
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            self.stdout.write(f"Proefdraai, niets opgeslagen: {summary}.")
            return
        except (IntegrityError, DatabaseError) as error:
            # A safety net: the checks above should have caught it; nothing was saved.
            raise CommandError(f"Niets opgeslagen: de database weigerde ({error})") from error
        self.stdout.write(self.style.SUCCESS(f"Import klaar: {summary}."))

    def write(self, index, plans, total):
        """New and live entries in bulk, a batch at a time (coops/bulk.py); drafts one by one.

        Each changed entry gets one revision; the content version is bumped once.
        """
        done = 0
        for start in range(0, len(plans), BATCH):
            batch = plans[start : start + BATCH]
            new = [(page, themes) for _n, action, page, themes in batch if action == "create"]
            live = [(page, themes) for _n, action, page, themes in batch if action == "update"]
            for page, _themes in new + live:
                page.normalise()
            bulk.insert_children(index, [page for page, _themes in new])
            bulk.publish(
                [(page, themes, True) for page, themes in new]
                + [(page, themes, False) for page, themes in live],
                fields=WRITTEN,
            )
            for _number, action, page, themes in batch:
                if action == "draft":
                    # Not live: the change waits as a draft; what visitors see stays unchanged.
                    page.themes.set(themes)
                    page.save_revision()
            done += len(batch)
            if total > BATCH:
                self.stdout.write(f"  {done}/{len(plans)} regels verwerkt")
        bump_content_version()  # bulk writes send no signals; cached pages must see them

    def plan_row(self, row, seen_slugs):
        """(action, page, themes) for a row, or RowError with a Dutch reason."""
        # The export neutralised formula-looking cells ('=…); read them back as written.
        row = {key: restore_cell(value or "").strip() for key, value in row.items() if key}
        for column, value in row.items():
            if "\x00" in value:
                raise RowError(f"{column}: bevat een NUL-teken")
            if len(value) > MAX_CELL:
                raise RowError(f"{column}: te lang ({len(value)} tekens, hoogstens {MAX_CELL})")
        if not row.get("title"):
            raise RowError("de naam (title) is leeg")
        slug = row.get("slug") or slugify(row["title"])
        if not slug:
            raise RowError("er is geen slug te maken van de naam")
        if slug in seen_slugs:
            raise RowError(f"slug ‘{slug}’ komt vaker voor in het bestand")
        seen_slugs.add(slug)
        kvk = row.get("kvk_number", "")
        if kvk:
            if kvk in self.seen_kvk:
                raise RowError(f"KvK-nummer {kvk} komt vaker voor in het bestand")
            self.seen_kvk.add(kvk)
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
            page.clean_fields(exclude=[*TREE_FIELDS, *STATE_FIELDS, "slug", "content_type", "body"])
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
            elif page.has_unpublished_changes:
                # An editor's draft is newer than what this row was compared with.
                action = "conflict"
            elif not page.live:
                action = "draft"
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
