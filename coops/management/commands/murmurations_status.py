"""Follow the Murmurations index: read the status of nodes it has not settled yet."""

from django.core.management.base import BaseCommand

from coops.models import MurmurationsNode
from coops.tasks import SETTLED, refresh_status


class Command(BaseCommand):
    help = "Leest bij de Murmurations-index de status van nodes die nog niet zijn afgehandeld."

    def handle(self, *args, **options):
        pending = MurmurationsNode.objects.exclude(status__in=SETTLED).exclude(node_id="")
        for node_pk in pending.values_list("pk", flat=True):
            refresh_status.enqueue(node_pk)
        self.stdout.write(f"{pending.count()} node(s) nagevraagd.")
