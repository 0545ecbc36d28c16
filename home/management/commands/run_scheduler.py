import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from core.cache import version

# Every round: Wagtail's scheduled publishing, the waiting list's lapsed offers, reminders and
# the purge of sign-ups past their retention period.
SCHEDULED_COMMANDS = (
    "publish_scheduled",
    "expire_waitlist_offers",
    "send_reminders",
    "purge_registrations",
)


class Command(BaseCommand):
    help = (
        "Publiceert ingeplande pagina's, haalt verlopen pagina's offline, geeft verlopen "
        "wachtlijstplaatsen door, stuurt herinneringen en wist oude aanmeldingen: draait elke "
        "minuut publish_scheduled, "
        "expire_waitlist_offers, send_reminders en purge_registrations, en leest de klok van "
        "de cache (een conferentie die voorbij is, wordt uit het CDN geleegd) "
        "(de 'scheduler'-regel in de Procfile)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=int,
            default=60,
            help="Seconden tussen twee rondes (standaard 60).",
        )
        parser.add_argument("--once", action="store_true", help="Eén ronde draaien en stoppen.")

    def handle(self, *args, interval, once, **options):
        self.stopping = False
        if not once:
            # Platforms stop a process with SIGTERM; finish the current round first.
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(f"Scheduler gestart: elke {interval} s publish_scheduled.")
        while True:
            for command in SCHEDULED_COMMANDS:
                call_command(command, stdout=self.stdout, stderr=self.stderr)
            # The clock (core.cache.version): a conference that ended makes a new version and
            # a CDN purge now, even while the CDN answers every visitor and nobody asks the site.
            version.current()
            if once or self.stopping:
                break
            self._sleep(interval)
            if self.stopping:
                break
            # A long-running process must not keep a connection the database dropped.
            close_old_connections()

    def _sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(1.0, deadline - time.monotonic()))

    def _stop(self, signum, frame):
        self.stdout.write("Scheduler stopt na deze ronde.")
        self.stopping = True
