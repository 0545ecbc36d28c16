from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo


class Command(BaseCommand):
    help = "Laadt de demo-inhoud uit de seed (idempotent: bestaande pagina's blijven ongemoeid)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            help="Het adres waarop de site draait (bijv. http://127.0.0.1:8123); de standaardsite "
            "krijgt dat adres, zodat links, feeds en de API daarheen wijzen.",
        )

    def handle(self, *args, site_url=None, **options):
        changes = []

        def report(message):
            changes.append(message)
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            demo.load(report, site_url=site_url)
        if changes:
            self.stdout.write(
                self.style.SUCCESS(f"Demo-inhoud geladen ({len(changes)} wijzigingen).")
            )
        else:
            self.stdout.write("Demo-inhoud was al aanwezig; niets gewijzigd.")
