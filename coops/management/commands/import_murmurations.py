"""`manage.py import_murmurations --index URL --schema NAME --country NL [--tags a,b]`.

Reads the profiles an index lists for a schema, a country and tags, validates each against
the schema (from the Murmurations library, `--library`), and creates or updates **draft**
entries submitted to the moderation workflow (`coops.moderation`); nothing is published.
An entry is matched by its KvK number (`unique_id` `NL-KVK-…`) or by the profile URL it
was imported from (`MurmurationsSource`). A profile whose content did not change since the
last import changes nothing; an invalid profile is a report line and saves nothing. Our own
profiles (announced by this site) are skipped.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Site

from coops import murmurations, murmurations_schema
from coops import murmurations_index as index
from coops.models import (
    CoopIndexPage,
    CoopPage,
    Municipality,
    MurmurationsNode,
    MurmurationsSource,
    Theme,
)
from coops.moderation import free_slug, submit_draft


class ProfileError(Exception):
    """A profile that can't become an entry; the message is Dutch."""


class Command(BaseCommand):
    help = (
        "Leest profielen uit een Murmurations-index en maakt of werkt concepten van "
        "coöperaties bij, ingediend ter moderatie (niets wordt gepubliceerd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--index", required=True, help="Adres van de index.")
        parser.add_argument("--schema", default=murmurations.SCHEMA)
        parser.add_argument("--country", default=murmurations.COUNTRY)
        parser.add_argument("--tags", default="", help="Komma-gescheiden trefwoorden.")
        parser.add_argument(
            "--library",
            default=index.configured_library(),
            help="Adres van de Murmurations-bibliotheek met de schema's.",
        )

    def handle(self, *args, **options):
        self.directory = CoopIndexPage.objects.first()
        if self.directory is None:
            raise CommandError("Er is nog geen overzichtspagina voor coöperaties.")
        index_url = options["index"].rstrip("/")
        try:
            self.validator = murmurations_schema.validator(options["library"], options["schema"])
            params = {"schema": options["schema"], "country": options["country"]}
            if options["tags"]:
                params["tags"] = options["tags"]
            nodes = list(index.list_nodes(index_url, **params))
        except index.IndexRequestError as error:
            raise CommandError(f"De index of bibliotheek antwoordt niet goed: {error}") from error
        self.schema = options["schema"]
        self.municipalities = {m.name.lower(): m for m in Municipality.objects.all()}
        self.themes = {t.name.lower(): t for t in Theme.objects.all()}
        own = set(MurmurationsNode.objects.values_list("profile_url", flat=True))
        own_roots = tuple(site.root_url for site in Site.objects.all())
        counts = {"nieuw": 0, "bijgewerkt": 0, "ongewijzigd": 0, "afgekeurd": 0, "eigen": 0}
        for node in nodes:
            url = node.get("profile_url") or ""
            if url in own or url.startswith(own_roots):
                counts["eigen"] += 1
                continue
            try:
                with transaction.atomic():
                    result = self.import_profile(index_url, url)
            except ProfileError as error:
                counts["afgekeurd"] += 1
                self.stdout.write(self.style.ERROR(f"{url}: {error}"))
                continue
            counts[result] += 1
            if result != "ongewijzigd" or options["verbosity"] >= 2:
                self.stdout.write(f"{url}: {result} (concept, ter moderatie)")
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Import klaar: {summary}."))

    def import_profile(self, index_url, url):
        try:
            data = index.fetch_json(url)
        except index.IndexRequestError as error:
            raise ProfileError(f"niet op te halen ({error})") from error
        problems = murmurations_schema.problems(self.validator, data)
        if self.schema not in (data.get("linked_schemas") or []):
            problems.insert(0, f"linked_schemas: noemt {self.schema} niet")
        if problems:
            raise ProfileError("ongeldig profiel: " + "; ".join(problems[:5]))
        digest = murmurations.profile_hash(data)
        values, themes = murmurations.page_values(data, self.municipalities, self.themes)
        source = MurmurationsSource.objects.filter(profile_url=url).select_related("page").first()
        page = self.find_page(source, values)
        if source is not None and source.profile_hash == digest and page is not None:
            return "ongewijzigd"
        result = "nieuw" if page is None else "bijgewerkt"
        if page is None:
            page = CoopPage(live=False, slug=free_slug(self.directory, values["title"]))
        else:
            page = page.get_latest_revision_as_object()
        for name, value in values.items():
            setattr(page, name, value)
        try:
            page.full_clean(exclude=["path", "depth", "url_path", "translation_key", "locale"])
        except ValidationError as error:
            raise ProfileError("past niet: " + "; ".join(_messages(error))) from error
        # In the revision (a draft's themes); a new page's row commits them on add_child.
        page.themes.set(themes)
        if result == "nieuw":
            self.directory.add_child(instance=page)
        submit_draft(page)
        MurmurationsSource.objects.update_or_create(
            profile_url=url,
            defaults={"page": page, "index_url": index_url, "profile_hash": digest},
        )
        return result

    def find_page(self, source, values):
        if source is not None:
            return source.page
        if values["kvk_number"]:
            return CoopPage.objects.filter(kvk_number=values["kvk_number"]).first()
        return None


def _messages(error):
    if hasattr(error, "message_dict"):
        return [f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()]
    return error.messages
