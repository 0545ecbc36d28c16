"""The directory of sociale coöperaties: municipalities, themes, the index and the entries."""

import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import FloatField

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from coops.api import MunicipalityField, ThemesField
from core.blocks import BodyStreamBlock
from core.images import ImageRenditionsField

API_QUERY_PARAMETERS = (
    "province",
    "municipality",
    "theme",
    "social_shareholder",
    "special_statute",
    "status",
)


class Province(models.TextChoices):
    DRENTHE = "Drenthe", "Drenthe"
    FLEVOLAND = "Flevoland", "Flevoland"
    FRIESLAND = "Friesland", "Friesland"
    GELDERLAND = "Gelderland", "Gelderland"
    GRONINGEN = "Groningen", "Groningen"
    LIMBURG = "Limburg", "Limburg"
    NOORD_BRABANT = "Noord-Brabant", "Noord-Brabant"
    NOORD_HOLLAND = "Noord-Holland", "Noord-Holland"
    OVERIJSSEL = "Overijssel", "Overijssel"
    UTRECHT = "Utrecht", "Utrecht"
    ZEELAND = "Zeeland", "Zeeland"
    ZUID_HOLLAND = "Zuid-Holland", "Zuid-Holland"


class Municipality(models.Model):
    """A gemeente with its CBS code, loaded from coops/data/gemeenten.csv."""

    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^GM\d{4}$", _("Een CBS-code is GM gevolgd door vier cijfers."))
        ],
    )
    name = models.CharField(_("naam"), max_length=100, unique=True)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    lat = models.FloatField(_("breedtegraad"))
    lon = models.FloatField(_("lengtegraad"))
    is_active = models.BooleanField(
        _("bestaat nog"),
        default=True,
        help_text=_("Uit: de gemeente is opgeheven (bijvoorbeeld na een fusie)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


@register_snippet
class Theme(index.Indexed, models.Model):
    """A theme a coöperatie works on (Inkomen, Wonen, …), editable under Snippets."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(_("omschrijving"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name


POSTCODE_RE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")


def normalise_postcode(value):
    """'1234ab' → '1234 AB'; anything else unchanged (validation reports it)."""
    match = POSTCODE_RE.match(value or "")
    if not match:
        return (value or "").strip()
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value):
    if value and not POSTCODE_RE.match(value):
        raise ValidationError(_("Vul een Nederlandse postcode in, bijvoorbeeld 4811 AB."))


class CoopIndexPage(RoutablePageMixin, Page):
    """The directory (usually /cooperaties/): search, filters, map and exports."""

    intro = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Korte tekst boven het zoekformulier."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    # The plugin must run in any Wagtail site, so the site names the parent type
    # (coopsite: home.HomePage); by default the directory may live anywhere.
    parent_page_types = getattr(settings, "COOPS_INDEX_PARENT_PAGE_TYPES", None)
    subpage_types = ["coops.CoopPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht coöperaties")
        verbose_name_plural = _("overzichten coöperaties")

    def entries(self):
        """The live, public entries of this directory."""
        return CoopPage.objects.child_of(self).live().public()

    @path("")
    def directory(self, request):
        from coops.queries import DirectorySearch

        search = DirectorySearch(self, request.GET)
        return self.render(request, context_overrides={"directory": search.results(request)})

    @path("export/csv/", name="export_csv")
    def export_csv(self, request):
        from coops import exports

        return exports.csv_response(self, request.GET, request)

    @path("export/json/", name="export_json")
    def export_json(self, request):
        from coops import exports

        return exports.json_response(self, request.GET, request)

    @path("export/geojson/", name="export_geojson")
    def export_geojson(self, request):
        from coops import exports

        return exports.geojson_response(self, request.GET, request)


class CoopPageQuerySet(PageQuerySet):
    """Entries load what their cards, pages and API output show in a fixed number of queries."""

    def with_related(self):
        from wagtail.images import get_image_model

        from core.images import RENDITION_SPECS

        images = get_image_model().objects.prefetch_renditions(*RENDITION_SPECS.values())
        lookups = [
            "themes",
            models.Prefetch("logo", queryset=images),
            models.Prefetch("image", queryset=images),
        ]
        news = related_news_prefetch()
        if news is not None:
            lookups.append(news)
        return self.select_related("municipality", "social_shareholder").prefetch_related(*lookups)

    def with_cards(self):
        """What a card in the directory shows: place, themes, shareholder and logo."""
        from wagtail.images import get_image_model

        from core.images import RENDITION_SPECS

        images = get_image_model().objects.prefetch_renditions(RENDITION_SPECS["thumbnail"])
        return self.select_related("municipality", "social_shareholder").prefetch_related(
            "themes", models.Prefetch("logo", queryset=images)
        )

    # The default manager prefetches (see CoopPageManager); rows as dicts can't carry that.
    def values(self, *fields, **expressions):
        return super(CoopPageQuerySet, self.prefetch_related(None)).values(*fields, **expressions)

    def values_list(self, *fields, **kwargs):
        return super(CoopPageQuerySet, self.prefetch_related(None)).values_list(*fields, **kwargs)


class CoopPageManager(PageManager.from_queryset(CoopPageQuerySet)):
    """Entries with `.with_related()` for listings.

    Deliberately not applied by default: Wagtail's admin defers fields and
    other apps prefetch entries, and a default select_related clashes with both.
    API v2 listings get it through `CoopPage.api_optimise_queryset` (core.api).
    """


def related_news_prefetch():
    """Prefetch of live, public pages that link to an entry (the news app's `news_pages`).

    coops never imports news: the relation is found by its accessor name, if installed.
    """
    try:
        field = CoopPage._meta.get_field("news_pages")
    except FieldDoesNotExist:
        return None
    queryset = field.related_model.objects.live().public().order_by("-first_published_at")
    return models.Prefetch("news_pages", queryset=queryset, to_attr="live_news_pages")


class CoopPage(Page):
    """One sociale coöperatie."""

    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "wijkgericht", _("wijkgericht")
        THEMATIC = "thematisch", _("thematisch")

    class LegalForm(models.TextChoices):
        COOPERATIVE_UA = "cooperatie_ua", _("coöperatie U.A.")
        COOPERATIVE_WA = "cooperatie_wa", _("coöperatie W.A.")
        COOPERATIVE_BA = "cooperatie_ba", _("coöperatie B.A.")
        ASSOCIATION = "vereniging", _("vereniging")
        FOUNDATION = "stichting", _("stichting")
        OTHER = "anders", _("anders")

    class Status(models.TextChoices):
        FOUNDING = "in_oprichting", _("in oprichting")
        ACTIVE = "actief", _("actief")
        STOPPED = "gestopt", _("gestopt")

    intro = models.CharField(
        _("introductie"),
        max_length=300,
        blank=True,
        help_text=_("Eén of twee zinnen (max. 300 tekens); staat op kaartjes en in zoekmachines."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.NEIGHBOURHOOD
    )
    legal_form = models.CharField(
        _("rechtsvorm"), max_length=20, choices=LegalForm.choices, default=LegalForm.COOPERATIVE_UA
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))],
    )
    founded_year = models.PositiveSmallIntegerField(
        _("opgericht in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    members = models.PositiveIntegerField(_("aantal leden"), null=True, blank=True)

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coops",
    )
    province = models.CharField(
        _("provincie"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("Wordt ingevuld op basis van de gemeente."),
    )
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    lat = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(50.5), MaxValueValidator(53.8)],
    )
    lon = models.FloatField(
        _("lengtegraad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(3.2), MaxValueValidator(7.3)],
    )

    themes = ParentalManyToManyField(
        Theme, verbose_name=_("thema's"), blank=True, related_name="coops"
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    social_shareholder = models.ForeignKey(
        Municipality,
        verbose_name=_("sociaal aandeelhouder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shareholdings",
        help_text=_("De gemeente die sociaal aandeelhouder is van deze coöperatie."),
    )
    social_shareholder_since = models.DateField(
        _("sociaal aandeelhouder sinds"), null=True, blank=True
    )
    social_shareholder_term_years = models.PositiveSmallIntegerField(
        _("looptijd (jaren)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    special_statute = models.BooleanField(_("Bijzonder Statuut"), default=False)
    special_statute_date = models.DateField(_("datum Bijzonder Statuut"), null=True, blank=True)

    objects = CoopPageManager()

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    facts_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("legal_form"), FieldPanel("kvk_number")]),
                FieldRowPanel([FieldPanel("founded_year"), FieldPanel("members")]),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Organisatie"),
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("image")],
            heading=_("Beeld"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("social_shareholder"),
                FieldRowPanel(
                    [
                        FieldPanel("social_shareholder_since"),
                        FieldPanel("social_shareholder_term_years"),
                    ]
                ),
            ],
            heading=_("Sociaal Aandeelhouderschap"),
        ),
        MultiFieldPanel(
            [FieldPanel("special_statute"), FieldPanel("special_statute_date")],
            heading=_("Bijzonder Statuut"),
        ),
    ]
    location_panels = [
        FieldPanel("municipality"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(facts_panels, heading=_("Gegevens")),
            ObjectList(location_panels, heading=_("Locatie")),
            ObjectList(Page.promote_panels, heading=_("Promotie")),
            ObjectList(Page.settings_panels, heading=_("Instellingen")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.AutocompleteField("title"),
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("city"),
        index.SearchField("province"),
        index.SearchField("get_kind_display"),
        index.SearchField("kvk_number"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.RelatedFields("social_shareholder", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("province"),
        index.FilterField("municipality"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("social_shareholder"),
        index.FilterField("special_statute"),
        index.FilterField("founded_year"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("logo", serializer=ImageRenditionsField()),
        APIField("image", serializer=ImageRenditionsField()),
        APIField("kind"),
        APIField("legal_form"),
        APIField("kvk_number"),
        APIField("founded_year"),
        APIField("status"),
        APIField("members"),
        APIField("municipality", serializer=MunicipalityField()),
        APIField("province"),
        APIField("street"),
        APIField("postcode"),
        APIField("city"),
        APIField("lat", serializer=FloatField(source="map_lat", read_only=True)),
        APIField("lon", serializer=FloatField(source="map_lon", read_only=True)),
        APIField("location_is_approximate"),
        APIField("themes", serializer=ThemesField()),
        APIField("website"),
        APIField("email"),
        APIField("phone"),
        APIField("social_shareholder", serializer=MunicipalityField(with_province=False)),
        APIField("social_shareholder_since"),
        APIField("social_shareholder_term_years"),
        APIField("special_statute"),
        APIField("special_statute_date"),
        APIField("related_news"),
    ]
    # The directory's filters on /api/v2/pages/?type=coops.CoopPage (see core.api).
    api_query_parameters = API_QUERY_PARAMETERS

    @classmethod
    def api_optimise_queryset(cls, queryset):
        """API v2 listings load related rows in a fixed number of queries (see core.api)."""
        return queryset.with_related()

    parent_page_types = ["coops.CoopIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("coöperatie")
        verbose_name_plural = _("coöperaties")
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="coops_coopage_unique_kvk_number",
            )
        ]

    @classmethod
    def filter_api_queryset(cls, queryset, params):
        from coops.queries import filter_api_queryset

        return filter_api_queryset(queryset, params)

    def clean(self):
        super().clean()
        self.postcode = normalise_postcode(self.postcode)
        errors = self.coop_errors()
        if errors:
            raise ValidationError(errors)

    def coop_errors(self, today=None):
        """Dutch messages for combinations of fields that don't fit, by field name."""
        today = today or datetime.date.today()
        errors = {}
        if not self.social_shareholder_id and (
            self.social_shareholder_since or self.social_shareholder_term_years
        ):
            errors["social_shareholder"] = _(
                "Kies de gemeente die sociaal aandeelhouder is, of laat de datum en looptijd leeg."
            )
        if self.special_statute_date and not self.special_statute:
            errors["special_statute"] = _(
                "Vink ‘Bijzonder Statuut’ aan als er een datum van het statuut is."
            )
        for field in ("social_shareholder_since", "special_statute_date"):
            value = getattr(self, field)
            if value and value > today + datetime.timedelta(days=366):
                errors[field] = _("Deze datum ligt te ver in de toekomst.")
        if self.founded_year and self.founded_year > today.year + 1:
            errors["founded_year"] = _("Het jaar van oprichting ligt te ver in de toekomst.")
        if (
            self.founded_year
            and self.social_shareholder_since
            and self.social_shareholder_since.year < self.founded_year
        ):
            errors["social_shareholder_since"] = _(
                "Het aandeelhouderschap kan niet beginnen vóór de oprichting."
            )
        if (self.lat is None) != (self.lon is None):
            errors["lat"] = _("Vul breedte- én lengtegraad in, of laat beide leeg.")
        return errors

    # Location: the map falls back to the municipality's centre.
    @property
    def location_is_approximate(self):
        return self.lat is None or self.lon is None

    @property
    def map_lat(self):
        if self.lat is not None and self.lon is not None:
            return self.lat
        return self.municipality.lat if self.municipality else None

    @property
    def map_lon(self):
        if self.lat is not None and self.lon is not None:
            return self.lon
        return self.municipality.lon if self.municipality else None

    @property
    def social_shareholder_until(self):
        """The end of the current term, if start and term are known."""
        since, years = self.social_shareholder_since, self.social_shareholder_term_years
        if not since or not years:
            return None
        try:
            return since.replace(year=since.year + years)
        except ValueError:  # 29 February
            return since.replace(year=since.year + years, day=28)

    @property
    def related_news(self):
        """Live, public pages that link to this entry: [{id, title, url, date}]."""
        pages = getattr(self, "live_news_pages", None)
        if pages is None:
            news = getattr(self, "news_pages", None)
            if news is None:
                return []
            pages = news.live().public().order_by("-first_published_at")
        items = []
        for page in pages:
            date = getattr(page, "date", None)
            items.append(
                {
                    "id": page.pk,
                    "title": page.title,
                    "url": page.get_url(),
                    "date": date.isoformat() if date else None,
                }
            )
        return items

    def json_ld(self, request=None):
        """schema.org Organization for search engines, as a dict."""
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.title,
            "legalName": self.title,
            "url": self.get_full_url(request),
        }
        if self.intro:
            data["description"] = self.intro
        if self.founded_year:
            data["foundingDate"] = str(self.founded_year)
        address = {
            "@type": "PostalAddress",
            "streetAddress": self.street,
            "postalCode": self.postcode,
            "addressLocality": self.city or (self.municipality.name if self.municipality else ""),
            "addressRegion": self.province,
            "addressCountry": "NL",
        }
        data["address"] = {key: value for key, value in address.items() if value}
        if self.municipality:
            data["areaServed"] = {
                "@type": "AdministrativeArea",
                "name": self.municipality.name,
            }
        if self.website:
            data["sameAs"] = [self.website]
        if self.email:
            data["email"] = self.email
        if self.phone:
            data["telephone"] = self.phone
        if self.kvk_number:
            data["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "KvK",
                "value": self.kvk_number,
            }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.json_ld(request)
        return context

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        if self.municipality_id:
            self.province = self.municipality.province
        super().save(*args, **kwargs)
        # modelsearch indexes on post_save, before modelcluster has written the theme links;
        # index again now that they are stored, so theme names are searchable at once.
        if kwargs.get("update_fields") is None:
            index.insert_or_update_object(self)
