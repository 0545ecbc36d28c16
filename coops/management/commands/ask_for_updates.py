"""`manage.py ask_for_updates`: mail entries not checked for a year a link to confirm or correct.

Meant to run on a schedule (daily is fine: an entry is asked at most once a month).
"""

from django.core.management.base import BaseCommand

from coops.models import CoopPage
from coops.proposals import ask_for_updates


class Command(BaseCommand):
    help = (
        "Mailt coöperaties die een jaar niet gecontroleerd zijn een link om hun gegevens "
        "te bevestigen of te verbeteren."
    )

    def handle(self, *args, **options):
        asked = ask_for_updates(CoopPage.objects.live().public())
        for page in asked:
            self.stdout.write(f"Gevraagd: {page.title} ({page.email})")
        self.stdout.write(self.style.SUCCESS(f"{len(asked)} coöperatie(s) gevraagd."))
