"""Conferences and other gatherings: the page, its programme, speakers and partners."""

import datetime
import zoneinfo
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import CharField, DecimalField

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from coops.api import MunicipalityField, ThemesField
from core.blocks import BodyStreamBlock
from core.images import ImageRenditionsField
from news.api import PartnersField, ProgrammeField, SpeakersField, TagNamesField
from news.models.pages import NewsItemPage, NewsItemQuerySet

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


class RegistrationStatus(models.TextChoices):
    OPEN = "open", _("open")
    FULL = "vol", _("vol")
    CLOSED = "gesloten", _("gesloten")
    ENDED = "afgelopen", _("afgelopen")


def _parse_api_date(name, raw):
    from wagtail.api.v2.utils import BadRequestError  # needs the app registry

    try:
        day = datetime.date.fromisoformat(raw.strip())
    except ValueError:
        raise BadRequestError(
            f"{name}: verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2017-02-10"
        ) from None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=AMSTERDAM)


class ConferencePageManager(PageManager.from_queryset(NewsItemQuerySet)):
    """Annotates the number of sign-ups and loads what the page and the API show.

    Listings (agenda, API) therefore cost a fixed number of queries.
    """

    def get_queryset(self):
        from news.models.registration import Registration

        signed_up = (
            Registration.objects.filter(conference=OuterRef("pk"))
            .order_by()
            .values("conference")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset()
            .select_related("image", "municipality")
            .prefetch_related(
                "tags",
                "themes",
                "programme",
                "speakers__photo",
                "partners__logo",
                "partners__coop",
            )
            .annotate(registration_count=Coalesce(Subquery(signed_up), 0))
        )


class ConferencePage(RoutablePageMixin, NewsItemPage):
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

    registration_url = models.URLField(
        _("externe aanmeldlink"),
        max_length=500,
        blank=True,
        help_text=_("Laat leeg bij aanmelden via deze website."),
    )
    builtin_registration = models.BooleanField(
        _("aanmelden via deze website"),
        default=False,
        help_text=_("Toont een aanmeldformulier op de pagina; aanmeldingen staan in de admin."),
    )
    registration_capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen maximum. Bij het maximum sluit de aanmelding vanzelf."),
    )
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot het begin van de conferentie."),
    )
    registration_status = models.CharField(
        _("status aanmelding"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.OPEN,
        help_text=_(
            "Zet op ‘gesloten’ om de aanmelding handmatig te sluiten. ‘Vol’ en ‘afgelopen’ "
            "volgen ook vanzelf uit het maximum en de datum."
        ),
    )

    objects = ConferencePageManager()

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
    registration_panels = [
        FieldPanel("registration_url"),
        MultiFieldPanel(
            [
                FieldPanel("builtin_registration"),
                FieldPanel("registration_capacity"),
                FieldPanel("registration_deadline"),
            ],
            heading=_("Aanmelden via deze website"),
        ),
        FieldPanel("registration_status"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(programme_panels, heading=_("Programma")),
            ObjectList(people_panels, heading=_("Sprekers en partners")),
            ObjectList(registration_panels, heading=_("Aanmelden")),
            ObjectList(NewsItemPage.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
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
        APIField("date"),
        APIField("subtitle"),
        APIField("start"),
        APIField("end"),
        APIField("venue_name"),
        APIField("street"),
        APIField("postcode"),
        APIField("city"),
        APIField("municipality", serializer=MunicipalityField()),
        APIField(
            "price",
            serializer=DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False),
        ),
        APIField("price_note"),
        APIField("audience"),
        APIField("intro"),
        APIField("image", serializer=ImageRenditionsField()),
        APIField("body"),
        APIField("programme", serializer=ProgrammeField()),
        APIField("speakers", serializer=SpeakersField()),
        APIField("partners", serializer=PartnersField()),
        APIField("registration_url"),
        APIField(
            "registration_status",
            serializer=CharField(source="current_registration_status", read_only=True),
        ),
        APIField("tags", serializer=TagNamesField()),
        APIField("themes", serializer=ThemesField()),
    ]

    # API v2: /api/v2/pages/?type=news.ConferencePage&start_after=2017-01-01&upcoming=true
    api_query_parameters = ("start_after", "start_before", "upcoming")

    class Meta:
        verbose_name = _("conferentie")
        verbose_name_plural = _("conferenties")

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        """Date-range filters Wagtail's API lacks; a malformed value is a 400 naming it.

        Dates are whole days in Europe/Amsterdam: start_after includes that day,
        start_before excludes it. upcoming=true: not yet ended, soonest first.
        """
        from wagtail.api.v2.utils import BadRequestError  # needs the app registry

        for name, lookup in (("start_after", "start__gte"), ("start_before", "start__lt")):
            if name in params:
                value = _parse_api_date(name, params[name])
                queryset = queryset.filter(**{lookup: value})
        if "upcoming" in params:
            flag = params["upcoming"].strip().lower()
            if flag not in {"true", "false"}:
                raise BadRequestError(f"upcoming: gebruik true of false, niet {flag!r}")
            now = timezone.now()
            if flag == "true":
                queryset = queryset.filter(end__gte=now)
            else:
                queryset = queryset.filter(end__lt=now)
        if "order" not in params:
            queryset = queryset.order_by("start", "pk")
        return queryset

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Het einde moet na het begin liggen.")
        if self.registration_url and self.builtin_registration:
            errors["registration_url"] = _(
                "Kies een externe aanmeldlink óf aanmelden via deze website, niet allebei."
            )
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _(
                "De aanmelddatum moet vóór het einde van de conferentie liggen."
            )
        if self.registration_capacity is not None and not self.builtin_registration:
            errors["registration_capacity"] = _(
                "Een maximum geldt alleen bij aanmelden via deze website."
            )
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

    def signed_up_count(self):
        count = getattr(self, "registration_count", None)
        if count is None:
            count = self.registrations.count()
        return count

    def current_registration_status(self, now=None, count=None):
        """The status a visitor sees: the editor's choice, closed by the calendar and capacity."""
        now = now or timezone.now()
        if self.end and self.end < now:
            return RegistrationStatus.ENDED
        if self.start and self.start <= now:
            return RegistrationStatus.CLOSED
        if self.registration_status != RegistrationStatus.OPEN:
            return self.registration_status
        if self.builtin_registration:
            if self.registration_deadline and self.registration_deadline < now:
                return RegistrationStatus.CLOSED
            if self.registration_capacity is not None:
                taken = self.signed_up_count() if count is None else count
                if taken >= self.registration_capacity:
                    return RegistrationStatus.FULL
        return RegistrationStatus.OPEN

    def places_left(self):
        if self.registration_capacity is None:
            return None
        return max(self.registration_capacity - self.signed_up_count(), 0)

    def workshop_choices(self):
        return [
            (session.title, session.title)
            for session in self.programme.all()
            if session.kind == ConferenceSession.Kind.WORKSHOP
        ]

    def ical_sequence(self):
        """Grows with every republication (RFC 5545 SEQUENCE), without a stored counter.

        Seconds between the first and the latest publication: 0 at first, larger after
        each republish, so calendar apps replace their copy.
        """
        if not (self.first_published_at and self.last_published_at):
            return 0
        return max(int((self.last_published_at - self.first_published_at).total_seconds()), 0)

    def structured_data(self, request=None):
        from news.structured_data import event

        return event(self, request)

    # Views -------------------------------------------------------------------

    @path("")
    def conference_view(self, request):
        from news.forms import RegistrationForm
        from news.registration import AlreadyRegistered, RegistrationClosed, register

        form = None
        status = self.current_registration_status()
        registered = request.GET.get("aangemeld") == "1"
        if self.builtin_registration and status == RegistrationStatus.OPEN:
            if request.method == "POST":
                form = RegistrationForm(request.POST, conference=self)
                if form.is_valid():
                    if form.is_spam():
                        # Bots get the same answer as people, and nothing is stored.
                        return redirect(self.url + "?aangemeld=1")
                    try:
                        register(self, form.cleaned_data)
                    except RegistrationClosed as closed:
                        status = closed.status
                        form = None
                    except AlreadyRegistered:
                        form.add_error("email", _("Met dit e-mailadres is al iemand aangemeld."))
                    else:
                        return redirect(self.url + "?aangemeld=1")
            else:
                form = RegistrationForm(conference=self)
        return self.render(
            request,
            context_overrides={
                "registration_form": form,
                "registration_status": status,
                "registered": registered,
            },
        )

    @path("ical/")
    def ical_view(self, request):
        from news.feeds import conference_calendar_response

        return conference_calendar_response(self, request)


class ConferenceSession(Orderable):
    """One item on the programme: a plenary part or a workshop."""

    class Kind(models.TextChoices):
        PLENARY = "plenair", _("plenair")
        WORKSHOP = "workshop", _("workshop")

    page = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="programme")
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.PLENARY)
    room = models.CharField(_("zaal"), max_length=100, blank=True)
    speakers = models.CharField(
        _("sprekers"), max_length=300, blank=True, help_text=_("Namen, gescheiden door komma's.")
    )

    panels = [
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("room")]),
        FieldPanel("speakers"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programma")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("De eindtijd moet na de begintijd liggen.")})


class ConferenceSpeaker(Orderable):
    page = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("rol"), max_length=250, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("spreker")
        verbose_name_plural = _("sprekers")

    def __str__(self):
        return self.name


class ConferencePartner(Orderable):
    page = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("naam"), max_length=200)
    url = models.URLField(_("website"), max_length=500, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coop = models.ForeignKey(
        "coops.CoopPage",
        verbose_name=_("coöperatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference_partnerships",
        help_text=_("Als de partner een coöperatie uit het overzicht is."),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo"), FieldPanel("coop")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name
