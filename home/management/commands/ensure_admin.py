import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Zorgt dat er een beheerdersaccount is. Wachtwoord uit DJANGO_SUPERUSER_PASSWORD, "
        "anders eenmalig gegenereerd en getoond."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        )
        parser.add_argument(
            "--email", default=os.environ.get("DJANGO_SUPERUSER_EMAIL", "admin@example.org")
        )

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Er is al een beheerdersaccount; niets gewijzigd.")
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Beheerdersaccount '{username}' aangemaakt."))
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Gegenereerd wachtwoord (wordt maar één keer getoond): {password}"
                )
            )
