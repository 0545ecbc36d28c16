from django.core.management.base import BaseCommand

from news.models import Registration
from news.registration import expire_offers


class Command(BaseCommand):
    help = (
        "Trekt verlopen aanbiedingen van de wachtlijst in en biedt die plaatsen aan de volgende "
        "op de wachtlijst aan (draait elke minuut in run_scheduler)."
    )

    def handle(self, *args, **options):
        expired = expire_offers(Registration.objects)
        self.stdout.write(f"{expired} verlopen aanbod(en) ingetrokken.")
