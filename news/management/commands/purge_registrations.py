from django.core.management.base import BaseCommand

from news.retention import due_for_purge, purge_conference


class Command(BaseCommand):
    help = (
        "Wist na de bewaartermijn van een conferentie (standaard 6 maanden na afloop) namen, "
        "e-mailadressen en factuurgegevens van de aanmeldingen; alleen anonieme aantallen per "
        "conferentie en workshop blijven over (draait in run_scheduler)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tonen wat gewist zou worden."
        )

    def handle(self, *args, dry_run=False, **options):
        for conference in due_for_purge():
            if dry_run:
                count = conference.registrations.count()
                self.stdout.write(
                    f"{conference.title}: {count} aanmelding(en) zou(den) gewist worden."
                )
                continue
            count = purge_conference(conference)
            self.stdout.write(f"{conference.title}: {count} aanmelding(en) gewist.")
