"""A coöperatie's fields, declared once; the exports, the import and the API derive from them.

`FIELDS` lists each field once, in CSV column order, with where it appears:

- `csv`: a column of the CSV export that `manage.py import_coops` reads back (`importable`),
- `json`: a key of the JSON export's items (GeoJSON properties are a few of those),
- `api`: in `CoopPage.api_fields` (API v2 and v3 reads), `writable` for v3 creates/updates,
- `murmurations`: the key of the entry's Murmurations profile that carries the value as it is
  (`coops.murmurations` composes the profile's other keys from these fields' values).

A field's `kind` says how its value becomes a cell, a JSON value or an API serializer, and how
a cell is parsed back. Exports and the API read the same attribute (`source`): `lat`/`lon` are
the map position (the municipality's centre when no exact position is known).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.fields import FloatField

from wagtail.api import APIField

from coops.api import MunicipalityField, ThemesField, theme_data
from coops.filters import ThemeSlugsField
from coops.models.places import normalise_postcode
from core.filters import YesNoField
from core.images import ImageRenditionsField

THEME_SEPARATOR = ", "


class CellError(ValueError):
    """A cell that cannot be read; the message is Dutch, without the column name."""


def clean(form_field, value):
    """The value as `form_field` (one of the filters' fields) reads it, or CellError."""
    try:
        return form_field.clean(value)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error


class Text:
    """A plain value: the cell is the text, the JSON value the value itself."""

    #: The API v2 serializer field's class, None for Wagtail's own.
    serializer_class = None

    def serializer_for(self, field):
        # A new field per APIField: DRF binds a serializer field to one name.
        return self.serializer_class() if self.serializer_class else None

    def read(self, page, source, request):
        return getattr(page, source)

    def columns(self, name):
        return [name]

    def attname(self, name):
        """The model attribute the import sets and compares."""
        return name

    def cells(self, value):
        return ["" if value is None else str(value)]

    def json(self, value):
        return value

    def parse(self, text, row, lookups):
        return text


class Postcode(Text):
    def parse(self, text, row, lookups):
        return normalise_postcode(text)


class Parsed(Text):
    """A number or date; an empty cell is None."""

    expected = ""

    def convert(self, text):
        raise NotImplementedError

    def parse(self, text, row, lookups):
        if text == "":
            return None
        try:
            return self.convert(text)
        except ValueError as error:
            raise CellError(
                _("verwacht %(expected)s, niet ‘%(value)s’")
                % {"expected": self.expected, "value": text}
            ) from error


class Integer(Parsed):
    expected = gettext_lazy("een geheel getal")
    convert = staticmethod(int)


class Decimal(Parsed):
    expected = gettext_lazy("een getal")

    def convert(self, text):
        # Excel with Dutch settings writes a decimal comma.
        return float(text.replace(",", "."))


class Date(Parsed):
    expected = gettext_lazy("een datum (JJJJ-MM-DD)")
    convert = staticmethod(datetime.date.fromisoformat)

    def cells(self, value):
        return [value.isoformat() if value else ""]


class YesNo(Text):
    """ja/nee in the CSV (people may write true/false, 1/0: core.filters.YesNoField)."""

    def cells(self, value):
        return ["ja" if value else "nee"]

    def parse(self, text, row, lookups):
        field = YesNoField()
        field.lenient = True
        return bool(clean(field, text))


class MapCoordinate(Decimal):
    """lat/lon: exports and API give the map position; the import stores only an exact one."""

    def serializer_for(self, field):
        return FloatField(source=field.source, read_only=True)

    def parse(self, text, row, lookups):
        # An approximate position is the municipality's centre, not the coöperatie's:
        # writing it back would turn a guess into a fact.
        if YesNo().parse(row.get("location_is_approximate", ""), row, lookups):
            return None
        return super().parse(text, row, lookups)


class MunicipalityRef(Text):
    """A municipality: columns `<name>_code` (read back) and `<name>` (its name, for people)."""

    def __init__(self, with_province=True):
        self.with_province = with_province

    def serializer_for(self, field):
        return MunicipalityField(with_province=self.with_province)

    def columns(self, name):
        return [f"{name}_code", name]

    def attname(self, name):
        return f"{name}_id"

    def cells(self, value):
        return [value.code, value.name] if value else ["", ""]

    def json(self, value):
        return self.serializer_for(None).to_representation(value) if value else None

    def parse(self, text, row, lookups):
        code = text.upper()
        if not code:
            return None
        if code not in lookups["municipalities"]:
            raise CellError(_("onbekende CBS-code ‘%(value)s’") % {"value": text})
        return lookups["municipalities"][code]


class Themes(Text):
    """Theme slugs, comma-separated in the CSV; `[{id, slug, name}]` in JSON."""

    serializer_class = ThemesField

    def cells(self, value):
        return [THEME_SEPARATOR.join(theme.slug for theme in value.all())]

    def json(self, value):
        return [theme_data(theme) for theme in value.all()]

    def parse(self, text, row, lookups):
        # Read like the API's `theme` filter (strict), against the themes loaded once.
        field = ThemeSlugsField()
        field.get_themes = lookups["themes"].values
        return clean(field, text.split(","))


class Image(Text):
    serializer_class = ImageRenditionsField


class PageURL(Text):
    """The page's full URL, percent-encoded by Wagtail's routing as in the sitemap."""

    def read(self, page, source, request):
        return page.get_full_url(request)


TEXT = Text()


@dataclass(frozen=True)
class CoopField:
    """One field of a CoopPage and where it appears (see the module docstring)."""

    name: str
    kind: Text = TEXT
    csv: bool = True
    json: bool = True
    api: bool = True
    writable: bool = False
    importable: bool = True
    #: The attribute the exports and the API read (default: `name`).
    source: str = ""
    #: The Murmurations profile's key for the plain value ("" when not in the profile as is).
    murmurations: str = ""

    @property
    def columns(self):
        return self.kind.columns(self.name) if self.csv else []

    def value(self, page, request=None):
        return self.kind.read(page, self.source or self.name, request)


FIELDS = (
    # The page's own; the API has them in `meta` and v3's core fields. The import finds an
    # entry by its slug (or KvK number) rather than setting it.
    CoopField("slug", api=False, importable=False),
    CoopField("title", api=False, murmurations="name"),
    CoopField("kvk_number", writable=True),
    CoopField("intro", writable=True, murmurations="description"),
    CoopField("body", csv=False, json=False, writable=True),
    CoopField("logo", Image(), csv=False, json=False),
    CoopField("image", Image(), csv=False, json=False),
    CoopField("kind", writable=True),
    CoopField("legal_form", writable=True),
    CoopField("founded_year", Integer(), writable=True),
    CoopField("status", writable=True),
    CoopField("members", Integer(), writable=True),
    CoopField("municipality", MunicipalityRef()),
    # Derived from the municipality when saved; the import does not read it.
    CoopField("province", importable=False, murmurations="region"),
    CoopField("street", writable=True),
    CoopField("postcode", Postcode(), writable=True),
    CoopField("city", writable=True),
    CoopField("lat", MapCoordinate(), writable=True, source="map_lat"),
    CoopField("lon", MapCoordinate(), writable=True, source="map_lon"),
    CoopField("location_is_approximate", YesNo(), importable=False),
    CoopField("themes", Themes()),
    CoopField("website", writable=True),
    CoopField("email", writable=True),
    CoopField("phone", writable=True, murmurations="telephone"),
    CoopField("social_shareholder", MunicipalityRef(with_province=False)),
    CoopField("social_shareholder_since", Date()),
    CoopField("social_shareholder_term_years", Integer()),
    CoopField("special_statute", YesNo()),
    CoopField("special_statute_date", Date()),
    CoopField("related_news", csv=False, json=False),
    CoopField("url", PageURL(), api=False, importable=False),
)

#: Each field by its name, for the modules that compose values from several fields.
BY_NAME = {field.name: field for field in FIELDS}
#: The CSV export's header, which is also what `import_coops` reads.
CSV_COLUMNS = [column for field in FIELDS for column in field.columns]
#: Fields the import reads, each from its (first) column; `import_coops` sets the themes
#: once the page is saved.
IMPORTED = tuple(field for field in FIELDS if field.csv and field.importable)
#: Model attributes compared to tell whether an imported entry changed.
COMPARED = tuple(field.kind.attname(field.name) for field in IMPORTED if field.name != "themes")


def api_fields():
    """`CoopPage.api_fields`: every API field, the writable ones marked for v3."""
    declared = []
    for field in FIELDS:
        if not field.api:
            continue
        serializer = field.kind.serializer_for(field)
        if field.writable and serializer is not None:
            # Wagtail 8.0's v3 write schema skips a writable APIField with a serializer
            # (write.py, `_build_extra_fields`), so lat/lon were accepted and dropped. A plain
            # writable entry first makes them writable; the serializer entry after it wins
            # for reading (v2 and v3 keep the last field of a name), so reads do not change.
            declared.append(APIField(field.name, writable=True))
            declared.append(APIField(field.name, serializer=serializer))
        else:
            declared.append(APIField(field.name, serializer=serializer, writable=field.writable))
    return declared


def csv_cells(page, request=None):
    """One CSV row of an entry, in `CSV_COLUMNS` order."""
    return [
        cell
        for field in FIELDS
        if field.csv
        for cell in field.kind.cells(field.value(page, request))
    ]


def json_item(page, request=None):
    """One entry of the JSON export, with the API's field names."""
    item = {"id": page.pk}
    for field in FIELDS:
        if field.json:
            item[field.name] = field.kind.json(field.value(page, request))
    return item


def parse_row(row, lookups):
    """{field name: value} from a CSV row; columns the row lacks are left out.

    `lookups` has `municipalities` by code and `themes` by slug. Raises CellError with
    the column's name in front of the Dutch reason.
    """
    values = {}
    for field in IMPORTED:
        column = field.columns[0]
        if column not in row:
            continue
        try:
            values[field.name] = field.kind.parse(row[column], row, lookups)
        except CellError as error:
            raise CellError(f"{column}: {error}") from error
    return values
