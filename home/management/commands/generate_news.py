"""Synthetic news for benchmarks and the site-search load test; never part of the demo."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from news.models import NewsIndexPage, NewsPage

PREFIX = "Synthetisch bericht"
WORDS = [
    "coöperatie",
    "buurt",
    "inkomen",
    "werk",
    "wonen",
    "zorg",
    "gemeente",
    "leden",
    "statuut",
    "aandeelhouder",
    "bestaanszekerheid",
    "samenwerken",
    "initiatief",
    "participatie",
    "sociaal",
    "ondernemen",
    "wijk",
    "energie",
    "voedsel",
    "uitkering",
    "vrijwilligers",
    "regels",
    "overheid",
    "burgers",
]


class Command(BaseCommand):
    help = (
        "Maakt N synthetische nieuwsberichten (‘Synthetisch bericht …’) onder het "
        "nieuwsoverzicht, voor benchmarks. Idempotent: bestaande berichten tellen mee."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, count, seed, **options):
        index = NewsIndexPage.objects.first()
        if index is None:
            raise CommandError("Geen nieuwsoverzicht gevonden; draai eerst load_demo_content.")
        existing = NewsPage.objects.child_of(index).filter(title__startswith=PREFIX).count()
        missing = max(count - existing, 0)
        if not missing:
            self.stdout.write(f"Er zijn al {existing} synthetische berichten; niets gedaan.")
            return
        rng = random.Random(seed + existing)
        with transaction.atomic():
            self._create(index, existing, missing, rng)
        self.stdout.write(self.style.SUCCESS(f"{missing} synthetische berichten aangemaakt."))

    def _create(self, index, start, missing, rng):
        """Create pages with treebeard paths computed here: add_child() re-reads the
        parent for every page and Wagtail's save() validates and indexes one by one."""
        index = Page.objects.get(pk=index.pk)  # fresh numchild
        last = index.get_last_child()
        first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1  # noqa: SLF001
        now = timezone.now()
        base_date = datetime.date(2024, 1, 1)
        for offset in range(missing):
            number = start + offset + 1
            slug = f"synthetisch-bericht-{number}"
            title = f"{PREFIX} {number}: {' '.join(rng.sample(WORDS, 3))}"
            page = NewsPage(
                title=title,
                draft_title=title,
                slug=slug,
                date=base_date - datetime.timedelta(days=number),
                intro=" ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + ".",
                body=[
                    ("paragraph", "<p>" + " ".join(rng.choice(WORDS) for _ in range(80)) + "</p>")
                ],
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                depth=index.depth + 1,
                path=Page._get_path(index.path, index.depth + 1, first_step + offset),  # noqa: SLF001
                url_path=f"{index.url_path}{slug}/",
                numchild=0,
                locale_id=index.locale_id,
            )
            # save_base: one INSERT per table plus the search index (post_save), nothing else.
            page.save_base(raw=False)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + missing)
