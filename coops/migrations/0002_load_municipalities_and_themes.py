import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "gemeenten.csv"

THEMES = [
    ("Inkomen", "inkomen", "Samen zorgen voor een inkomen en bestaanszekerheid."),
    ("Werk", "werk", "Werk organiseren voor en door de leden."),
    ("Wonen", "wonen", "Samen wonen, bouwen of beheren."),
    ("Zorg en welzijn", "zorg-en-welzijn", "Zorg voor elkaar en voor de buurt."),
    ("Buurt", "buurt", "Wijkgericht samenwerken aan een leefbare buurt."),
    ("Energie", "energie", "Samen energie opwekken en besparen."),
    ("Voedsel", "voedsel", "Voedsel verbouwen, delen en verkopen."),
]


def load(apps, schema_editor):
    Municipality = apps.get_model("coops", "Municipality")
    Theme = apps.get_model("coops", "Theme")
    with DATA.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    Municipality.objects.bulk_create(
        [
            Municipality(
                code=row["code"],
                name=row["name"],
                province=row["province"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )
    for name, slug, description in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


def unload(apps, schema_editor):
    apps.get_model("coops", "Theme").objects.filter(slug__in=[t[1] for t in THEMES]).delete()
    apps.get_model("coops", "Municipality").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("coops", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
