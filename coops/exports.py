"""Exports of the directory's current results: CSV, JSON and GeoJSON.

All three take the directory's own URL parameters (the same `DirectorySearch`), read plain
rows with `.values()` and fetch the themes in one more query, so an export is a fixed
number of queries however many entries it holds.

CSV: UTF-8 with a byte-order mark and `;` as separator, because that is what Excel with
Dutch regional settings opens correctly (it uses `,` as the decimal separator). The columns
are the ones `manage.py import_coops` reads back.
"""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse

from coops.models import CoopPage
from coops.queries import DirectorySearch

CSV_DELIMITER = ";"
THEME_SEPARATOR = ", "

CSV_COLUMNS = [
    "slug",
    "title",
    "kvk_number",
    "intro",
    "kind",
    "legal_form",
    "founded_year",
    "status",
    "members",
    "municipality_code",
    "municipality",
    "province",
    "street",
    "postcode",
    "city",
    "lat",
    "lon",
    "themes",
    "website",
    "email",
    "phone",
    "social_shareholder_code",
    "social_shareholder",
    "social_shareholder_since",
    "social_shareholder_term_years",
    "special_statute",
    "special_statute_date",
    "url",
]

VALUES = [
    "pk",
    "slug",
    "title",
    "kvk_number",
    "intro",
    "kind",
    "legal_form",
    "founded_year",
    "status",
    "members",
    "municipality__code",
    "municipality__name",
    "municipality__province",
    "municipality__lat",
    "municipality__lon",
    "province",
    "street",
    "postcode",
    "city",
    "lat",
    "lon",
    "website",
    "email",
    "phone",
    "social_shareholder__code",
    "social_shareholder__name",
    "social_shareholder_since",
    "social_shareholder_term_years",
    "special_statute",
    "special_statute_date",
]


def export_rows(index_page, params, request=None):
    """(rows, themes by entry id) for the current results; two queries."""
    queryset = DirectorySearch(index_page, params).queryset()
    rows = list(queryset.values(*VALUES))
    through = CoopPage.themes.through.objects.filter(
        cooppage_id__in=queryset.order_by().values("pk")
    )
    themes = {}
    for coop_id, slug, name in through.order_by("theme__name").values_list(
        "cooppage_id", "theme__slug", "theme__name"
    ):
        themes.setdefault(coop_id, []).append({"slug": slug, "name": name})
    base_url = index_page.get_full_url(request) or ""
    for row in rows:
        row["url"] = f"{base_url}{row['slug']}/"
        row["themes"] = themes.get(row["pk"], [])
        approximate = row["lat"] is None or row["lon"] is None
        row["location_is_approximate"] = approximate
        row["map_lat"] = row["municipality__lat"] if approximate else row["lat"]
        row["map_lon"] = row["municipality__lon"] if approximate else row["lon"]
    return rows


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def csv_row(row):
    return [
        _cell(value)
        for value in (
            row["slug"],
            row["title"],
            row["kvk_number"],
            row["intro"],
            row["kind"],
            row["legal_form"],
            row["founded_year"],
            row["status"],
            row["members"],
            row["municipality__code"],
            row["municipality__name"],
            row["province"],
            row["street"],
            row["postcode"],
            row["city"],
            row["lat"],
            row["lon"],
            THEME_SEPARATOR.join(theme["slug"] for theme in row["themes"]),
            row["website"],
            row["email"],
            row["phone"],
            row["social_shareholder__code"],
            row["social_shareholder__name"],
            row["social_shareholder_since"],
            row["social_shareholder_term_years"],
            row["special_statute"],
            row["special_statute_date"],
            row["url"],
        )
    ]


def csv_response(index_page, params, request=None):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads the file as UTF-8 only with a BOM.
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in export_rows(index_page, params, request):
        writer.writerow(csv_row(row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cooperaties.csv"'
    return response


def _municipality(code, name, province=None):
    if not code:
        return None
    data = {"code": code, "name": name}
    if province is not None:
        data["province"] = province
    return data


def json_item(row):
    """One entry, with the API's field names."""
    return {
        "id": row["pk"],
        "title": row["title"],
        "slug": row["slug"],
        "url": row["url"],
        "intro": row["intro"],
        "kind": row["kind"],
        "legal_form": row["legal_form"],
        "kvk_number": row["kvk_number"],
        "founded_year": row["founded_year"],
        "status": row["status"],
        "members": row["members"],
        "municipality": _municipality(
            row["municipality__code"], row["municipality__name"], row["municipality__province"]
        ),
        "province": row["province"],
        "street": row["street"],
        "postcode": row["postcode"],
        "city": row["city"],
        "lat": row["map_lat"],
        "lon": row["map_lon"],
        "location_is_approximate": row["location_is_approximate"],
        "themes": row["themes"],
        "website": row["website"],
        "email": row["email"],
        "phone": row["phone"],
        "social_shareholder": _municipality(
            row["social_shareholder__code"], row["social_shareholder__name"]
        ),
        "social_shareholder_since": row["social_shareholder_since"],
        "social_shareholder_term_years": row["social_shareholder_term_years"],
        "special_statute": row["special_statute"],
        "special_statute_date": row["special_statute_date"],
    }


def json_response(index_page, params, request=None):
    items = [json_item(row) for row in export_rows(index_page, params, request)]
    return JsonResponse(
        {"count": len(items), "results": items},
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )


def geojson_response(index_page, params, request=None):
    """RFC 7946 FeatureCollection; coordinates are [longitude, latitude]."""
    features = []
    for row in export_rows(index_page, params, request):
        if row["map_lat"] is None or row["map_lon"] is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": row["pk"],
                "geometry": {"type": "Point", "coordinates": [row["map_lon"], row["map_lat"]]},
                "properties": {
                    "title": row["title"],
                    "url": row["url"],
                    "city": row["city"] or row["municipality__name"] or "",
                    "province": row["province"],
                    "kind": row["kind"],
                    "status": row["status"],
                    "location_is_approximate": row["location_is_approximate"],
                },
            }
        )
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")
