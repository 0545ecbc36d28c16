from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone

from news.models import ConferencePage, Registration, SentMail
from news.tasks import REMINDER_KEY, send_reminder


class Command(BaseCommand):
    help = (
        "Stuurt bevestigde deelnemers een herinnering (met locatie en agenda-bestand) zoveel "
        "dagen voor het begin als de conferentie aangeeft; elke deelnemer één keer "
        "(draait in run_scheduler)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        conferences = ConferencePage.objects.live().filter(
            builtin_registration=True, reminder_days_before__isnull=False, start__gt=now
        )
        due = [
            conference.pk
            for conference in conferences.only("pk", "start", "reminder_days_before")
            if conference.start - timedelta(days=conference.reminder_days_before) <= now
        ]
        reminded = SentMail.objects.filter(registration=OuterRef("pk"), key=REMINDER_KEY)
        registrations = Registration.objects.filter(
            conference_id__in=due, status=Registration.Status.CONFIRMED
        ).exclude(Exists(reminded))
        count = 0
        for registration_id in registrations.values_list("pk", flat=True):
            send_reminder.enqueue(registration_id)
            count += 1
        self.stdout.write(f"{count} herinnering(en) in de wachtrij.")
