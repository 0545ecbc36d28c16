"""Conferences and other gatherings ("Conferentie"): the page, its registration status."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import CharField, DecimalField

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from coops.api import MunicipalityField, ThemesField
from coops.models import CoopPage
from core.blocks import BodyStreamBlock
from core.images import ImageRenditionsField
from core.pages import with_publicity
from news.api import PartnersField, ProgrammeField, SpeakersField, TagNamesField
from news.filters import AgendaFilterSet
from news.models.conference_registration import ConferenceRegistration, RegistrationStatus
from news.models.pages import NewsItemPage
from news.models.registration import Registration
from news.structured_data import event
from news.views import ConferenceViews


def shown_relations():
    """The relations a conference page, its JSON-LD and the API show.

    Partners' coöperaties come with `is_public`, so a restricted entry is left out without
    one query per partner (core.pages.is_visible).
    """
    return (
        "tags",
        "themes",
        "programme",
        "speakers__photo",
        "partners__logo",
        Prefetch("partners__coop", queryset=with_publicity(CoopPage.objects.all())),
    )


class ConferencePageQuerySet(PageQuerySet):
    def for_listing(self):
        """What the agenda and the API show, loaded up front: a fixed number of queries."""
        return self.select_related("image", "municipality").prefetch_related(*shown_relations())

    def with_registration_count(self):
        """Each conference with `registration_count`, its number of sign-ups (one subquery)."""
        signed_up = (
            Registration.objects.holding_a_place()
            .filter(conference=OuterRef("pk"))
            .order_by()
            .values("conference")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(registration_count=Coalesce(Subquery(signed_up), 0))


class ConferencePage(ConferenceViews, ConferenceRegistration, NewsItemPage):
    """A conference, manifestation or other gathering ("Conferentie")."""

    subtitle = models.CharField(_("ondertitel"), max_length=250, blank=True)
    start = models.DateTimeField(_("begint op"), help_text=_("Datum en tijd (Nederlandse tijd)."))
    end = models.DateTimeField(_("eindigt op"), help_text=_("Moet na het begin liggen."))
    venue_name = models.CharField(_("locatie"), max_length=200, blank=True)
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "coops.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    price = models.DecimalField(
        _("prijs (euro)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 toont ‘Gratis’."),
    )
    price_note = models.CharField(
        _("toelichting prijs"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld ‘per deelnemer’."),
    )
    audience = models.TextField(_("voor wie?"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    objects = PageManager.from_queryset(ConferencePageQuerySet)()

    # The views and the sign-up (news.views, news.registration) reach the statuses here,
    # so they need not import this module.
    RegistrationStatus = RegistrationStatus

    is_creatable = True
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("date"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Wanneer")),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("municipality"),
            ],
            heading=_("Waar"),
        ),
        FieldRowPanel([FieldPanel("price"), FieldPanel("price_note")], heading=_("Kosten")),
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    programme_panels = [InlinePanel("programme", heading=_("Programma"), label=_("Onderdeel"))]
    people_panels = [
        InlinePanel("speakers", heading=_("Sprekers"), label=_("Spreker")),
        InlinePanel("partners", heading=_("Samenwerkingspartners"), label=_("Partner")),
    ]
    edit_handler = NewsItemPage.edit_tabs(
        content_panels,
        ObjectList(programme_panels, heading=_("Programma")),
        ObjectList(people_panels, heading=_("Sprekers en partners")),
        ObjectList(ConferenceRegistration.registration_panels, heading=_("Aanmelden")),
    )

    search_fields = [
        *NewsItemPage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.SearchField("body"),
        # The API's start_after/start_before/upcoming filters, combined with search=.
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    api_fields = [
        # Apps with an editor's token write these through API v3 (saved as drafts); `start`
        # and `end` are required, so the spec offers ConferencePage for creation.
        APIField("date", writable=True),
        APIField("subtitle", writable=True),
        APIField("start", writable=True),
        APIField("end", writable=True),
        APIField("venue_name", writable=True),
        APIField("street", writable=True),
        APIField("postcode", writable=True),
        APIField("city", writable=True),
        APIField("municipality", serializer=MunicipalityField()),
        APIField(
            "price",
            serializer=DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False),
        ),
        APIField("price_note", writable=True),
        APIField("audience", writable=True),
        APIField("intro", writable=True),
        APIField("image", serializer=ImageRenditionsField()),
        APIField("body"),
        APIField("programme", serializer=ProgrammeField()),
        APIField("speakers", serializer=SpeakersField()),
        APIField("partners", serializer=PartnersField()),
        APIField("registration_url", writable=True),
        APIField(
            "registration_status",
            serializer=CharField(source="current_registration_status", read_only=True),
        ),
        APIField("tags", serializer=TagNamesField()),
        APIField("themes", serializer=ThemesField()),
    ]

    # API v2: /api/v2/pages/?type=news.ConferencePage&start_after=2017-01-01&upcoming=true
    api_filterset = AgendaFilterSet

    class Meta:
        verbose_name = _("conferentie")
        verbose_name_plural = _("conferenties")

    @classmethod
    def api_optimise_queryset(cls, queryset):
        """API v2 listings (core.api.optimise_api_queryset) load what the agenda shows."""
        return queryset.for_listing().with_registration_count()

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        errors.update(self.registration_errors())
        if errors:
            raise ValidationError(errors)

    # Facts -------------------------------------------------------------------

    @property
    def full_address(self):
        """'De Gruyter Fabriek, Veemarktkade 8, 5222 AE 's-Hertogenbosch'."""
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.venue_name, self.street, place) if part)

    @property
    def is_free(self):
        return self.price == 0

    def load_for_page(self):
        """Load what the page and its JSON-LD read, once (not per speaker, partner or status).

        Pages are served from `page.specific`, a plain default-manager row; this gives it
        what `ConferencePage.objects.for_listing().with_registration_count()` would.
        """
        prefetch_related_objects([self], *shown_relations())
        if self.builtin_registration and self.registration_capacity is not None:
            self.registration_count = self.registrations.holding_a_place().count()

    def ical_sequence(self):
        """Grows with every republication (RFC 5545 SEQUENCE), without a stored counter.

        Seconds between the first and the latest publication: 0 at first, larger after
        each republish, so calendar apps replace their copy.
        """
        if not (self.first_published_at and self.last_published_at):
            return 0
        return max(int((self.last_published_at - self.first_published_at).total_seconds()), 0)

    def structured_data(self, request=None):
        return event(self, request)
