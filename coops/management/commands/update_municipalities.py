"""`manage.py update_municipalities FILE.csv`: re-read a newer CBS list of gemeenten.

The file has the columns of coops/data/gemeenten.csv (code,name,province,lat,lon). New codes
are added, changed names/provinces/centres updated, and codes missing from the file are marked
as no longer existing (`is_active=False`) instead of deleted, so entries that point at a merged
municipality keep working. Prints what changed; --dry-run writes nothing.
"""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coops.models import Municipality, Province
from coops.models.places import municipality_slug


class Command(BaseCommand):
    help = "Werkt de gemeenten bij uit een nieuwere CBS-lijst (CSV: code,name,province,lat,lon)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, file, dry_run, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error}") from error
        incoming = {}
        for number, row in enumerate(rows, start=2):
            try:
                code = row["code"].strip().upper()
                name = row["name"].strip()
                province = row["province"].strip()
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, ValueError, AttributeError) as error:
                raise CommandError(f"Regel {number}: onleesbaar ({error})") from error
            if province not in Province.values:
                raise CommandError(f"Regel {number}: onbekende provincie ‘{province}’")
            incoming[code] = {"name": name, "province": province, "lat": lat, "lon": lon}

        current = {m.code: m for m in Municipality.objects.all()}
        added = [code for code in incoming if code not in current]
        removed = [code for code, m in current.items() if code not in incoming and m.is_active]
        renamed, changed = [], []
        for code, data in incoming.items():
            municipality = current.get(code)
            if municipality is None:
                continue
            if municipality.name != data["name"]:
                renamed.append((code, municipality.name, data["name"]))
            elif any(getattr(municipality, k) != v for k, v in data.items()) or (
                not municipality.is_active
            ):
                changed.append(code)

        for code in added:
            self.stdout.write(f"Nieuw: {code} {incoming[code]['name']}")
        for code, old, new in renamed:
            self.stdout.write(f"Hernoemd: {code} {old} → {new}")
        for code in removed:
            self.stdout.write(
                f"Opgeheven: {code} {current[code].name} "
                f"({current[code].coops.count()} coöperaties verwijzen ernaar; blijft bewaard)"
            )
        summary = (
            f"{len(added)} nieuw, {len(renamed)} hernoemd, {len(changed)} gewijzigd, "
            f"{len(removed)} opgeheven"
        )
        if dry_run:
            self.stdout.write(f"Proefdraai, niets opgeslagen: {summary}.")
            return
        with transaction.atomic():
            # Free names first: a new municipality may take the name of a merged one.
            for code in removed:
                municipality = current[code]
                municipality.is_active = False
                if any(d["name"] == municipality.name for d in incoming.values()):
                    municipality.name = f"{municipality.name} (opgeheven {code})"
                    # The new one of that name gets the page address.
                    municipality.slug = municipality_slug(municipality.name)
                municipality.save()
            for code, data in incoming.items():
                Municipality.objects.update_or_create(
                    code=code, defaults={**data, "is_active": True}
                )
        self.stdout.write(self.style.SUCCESS(f"Gemeenten bijgewerkt: {summary}."))
