from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo


class Command(BaseCommand):
    help = "Laadt de demo-inhoud uit de seed (idempotent: bestaande pagina's blijven ongemoeid)."

    def handle(self, *args, **options):
        changes = []

        def report(message):
            changes.append(message)
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            demo.load(report)
        if changes:
            self.stdout.write(
                self.style.SUCCESS(f"Demo-inhoud geladen ({len(changes)} wijzigingen).")
            )
        else:
            self.stdout.write("Demo-inhoud was al aanwezig; niets gewijzigd.")
