from django.core.management.base import BaseCommand
from django.db import transaction

from coops import demo as coops_demo
from home import demo as home_demo
from news import demo as news_demo


class Command(BaseCommand):
    help = "Laadt de demo-inhoud uit de seed (idempotent: bestaande pagina's blijven ongemoeid)."

    def handle(self, *args, **options):
        changes = []

        def report(message):
            changes.append(message)
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            home = home_demo.load(report)
            coops_demo.load(home, report)
            news_demo.load(home, report)
        if changes:
            self.stdout.write(
                self.style.SUCCESS(f"Demo-inhoud geladen ({len(changes)} wijzigingen).")
            )
        else:
            self.stdout.write("Demo-inhoud was al aanwezig; niets gewijzigd.")
