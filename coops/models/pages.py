"""The directory's page types: the index (search, filters, exports) and one coöperatie."""

import datetime

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from coops import fields, structured_data
from coops.filters import DirectoryFilterSet
from coops.models import choices
from coops.models.places import Municipality, Province, normalise_postcode, validate_postcode
from coops.models.querysets import CoopPageQuerySet
from coops.models.snippets import Theme
from coops.panels import EmbedSnippetPanel
from coops.views import CoopRoutesMixin, DirectoryRoutesMixin
from core.blocks import BodyStreamBlock
from core.images import optional_image
from core.pages import site_parent_page_types


class CoopIndexPage(DirectoryRoutesMixin, Page):
    """The directory (usually /cooperaties/): search, filters, map and exports."""

    intro = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Korte tekst boven het zoekformulier."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), EmbedSnippetPanel()]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = site_parent_page_types("COOPS_INDEX_PARENT_PAGE_TYPES")
    subpage_types = ["coops.CoopPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht coöperaties")
        verbose_name_plural = _("overzichten coöperaties")

    def entries(self):
        """The live, public entries of this directory."""
        return CoopPage.objects.child_of(self).live().public()

    def entry_model(self):
        """The entries' page type, for modules that must not import it (coops.views)."""
        return CoopPage


class CoopPage(CoopRoutesMixin, Page):
    """One sociale coöperatie; its Murmurations profile is a route (`coops.views`)."""

    Kind = choices.Kind
    LegalForm = choices.LegalForm
    Status = choices.Status

    intro = models.CharField(
        _("introductie"),
        max_length=300,
        blank=True,
        help_text=_("Eén of twee zinnen (max. 300 tekens); staat op kaartjes en in zoekmachines."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)
    logo = optional_image(_("logo"))
    image = optional_image(_("afbeelding"))
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

    objects = PageManager.from_queryset(CoopPageQuerySet)()

    # The FilterFields are what the directory's filters can combine with a full-text search
    # (see coops.filters): the search backend filters on indexed fields only.
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

    # Declared once in coops.fields, with the exports and the import.
    api_fields = fields.api_fields()
    # The directory's filters on /api/v2/pages/?type=coops.CoopPage (see core.api).
    api_filterset = DirectoryFilterSet

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
        # The directory's filter that most visitors use (coops.queries).
        indexes = [models.Index(fields=["province"], name="coops_cooppage_province")]

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
    def last_checked_on(self):
        """The later of the last publish and the coöperatie's own confirmation (EntryCheck)."""
        dates = [self.last_published_at.date()] if self.last_published_at else []
        try:
            if self.freshness.checked_on:
                dates.append(self.freshness.checked_on)
        except ObjectDoesNotExist:
            pass
        return max(dates, default=None)

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = structured_data.organisation(self, request)
        return context

    def normalise(self):
        """What every save stores in a normal form (bulk writes call it too: coops/bulk.py)."""
        self.postcode = normalise_postcode(self.postcode)
        if self.municipality_id:
            self.province = self.municipality.province

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)
        # modelsearch indexes on post_save, before modelcluster has written the theme links;
        # index again now that they are stored, so theme names are searchable at once.
        if kwargs.get("update_fields") is None:
            index.insert_or_update_object(self)
