"""Exports of the directory's current results: CSV, JSON and GeoJSON.

All three take the directory's own URL parameters (`DirectoryFilterSet`, leniently) and write
the fields of `coops.fields`, so they agree with each other and with the API. An export is a
fixed number of queries however many entries it holds (`CoopPageQuerySet.for_export`).

CSV: UTF-8 with a byte-order mark and `;` as separator, because that is what Excel with
Dutch regional settings opens correctly (it uses `,` as the decimal separator). The columns
are the ones `manage.py import_coops` reads back.
"""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse

from coops.fields import CSV_COLUMNS, csv_cells, json_item
from coops.filters import DirectoryFilterSet
from core.spreadsheets import neutralise_row

CSV_DELIMITER = ";"
GEOJSON_PROPERTIES = ("title", "url", "city", "province", "kind", "status")


def export_entries(index_page, params):
    """The entries the directory shows for `params`, with what the exports read."""
    return DirectoryFilterSet.for_page(params).apply(index_page.entries()).for_export()


def csv_response(index_page, params, request=None):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads the file as UTF-8 only with a BOM.
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for page in export_entries(index_page, params):
        writer.writerow(neutralise_row(csv_cells(page, request)))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cooperaties.csv"'
    return response


def json_response(index_page, params, request=None):
    items = [json_item(page, request) for page in export_entries(index_page, params)]
    return JsonResponse(
        {"count": len(items), "results": items},
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )


def geojson_feature(item):
    """An RFC 7946 Feature for a JSON export item; coordinates are [longitude, latitude]."""
    properties = {name: item[name] for name in GEOJSON_PROPERTIES}
    properties["city"] = item["city"] or (item["municipality"] or {}).get("name", "")
    properties["location_is_approximate"] = item["location_is_approximate"]
    return {
        "type": "Feature",
        "id": item["id"],
        "geometry": {"type": "Point", "coordinates": [item["lon"], item["lat"]]},
        "properties": properties,
    }


def geojson_response(index_page, params, request=None):
    features = [
        geojson_feature(item)
        for item in (json_item(page, request) for page in export_entries(index_page, params))
        if item["lat"] is not None and item["lon"] is not None
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")
