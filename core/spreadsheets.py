"""Spreadsheet cells that a spreadsheet program can't run as a formula (OWASP CSV injection).

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by Excel and LibreOffice: `=HYPERLINK(…)` in a visitor's remark becomes a link
in an editor's spreadsheet. OWASP's remedy is a leading single quote, which the
programs show as text. Every CSV the plugin writes goes through `neutralise_cell`;
whatever reads such a file back (import_coops) uses `restore_cell`, so an unchanged
export imports unchanged.
"""

import re

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Quotes in front of a trigger: a value that already starts with "'=" gets one more, so
# restoring (one quote off) gives back exactly what was written.
_NEUTRALISED = re.compile(r"^'*[=+\-@\t\r]")
_RESTORABLE = re.compile(r"^'+[=+\-@\t\r]")


def neutralise_cell(value):
    """`value` with a leading quote if a spreadsheet would read it as a formula (text only)."""
    if isinstance(value, str) and _NEUTRALISED.match(value):
        return "'" + value
    return value


def restore_cell(value):
    """The value `neutralise_cell` was given (a read-back CSV cell)."""
    if isinstance(value, str) and _RESTORABLE.match(value):
        return value[1:]
    return value


def neutralise_row(cells):
    return [neutralise_cell(cell) for cell in cells]


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV export with formula cells neutralised.

    Wagtail's XLSX export already writes formula-looking cells as text; its CSV export
    writes them as they are.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            value = neutralise_cell(value)
        return value
