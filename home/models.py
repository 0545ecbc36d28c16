from django.db import models
from django.template.response import TemplateResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.images import ImageRenditionsField, optional_image
from home import portal


class EditorPreviewMixin:
    """Preview modes for editors: the page itself, and how a search engine shows it.

    Page types add their own extra modes (a card in a listing) through ``preview_templates``.
    """

    preview_templates = {"zoekresultaat": "home/previews/search_result.html"}

    @property
    def preview_modes(self):
        labels = {
            "zoekresultaat": _("Zoekresultaat (Google e.d.)"),
            "kaartje": _("Kaartje in een overzicht"),
        }
        return [("", _("Pagina")), *((mode, labels[mode]) for mode in self.preview_templates)]

    def serve_preview(self, request, mode_name):
        template = self.preview_templates.get(mode_name)
        if template is None:
            return super().serve_preview(request, mode_name)
        context = self.get_context(request)
        context["preview_mode"] = mode_name
        return TemplateResponse(request, template, context)


def editor_tabs(content_panels, promote_panels, settings_panels, *extra_tabs):
    """The tabs every page type shows editors, with Dutch headings."""
    return TabbedInterface(
        [
            *extra_tabs,
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(promote_panels, heading=_("Vindbaarheid")),
            ObjectList(settings_panels, heading=_("Publicatie")),
        ]
    )


PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel(
                "slug",
                help_text=_("Het laatste deel van het webadres, bijvoorbeeld 'over-ons'."),
            ),
            FieldPanel(
                "seo_title",
                help_text=_(
                    "Titel in zoekmachines en in het tabblad van de browser. Leeg: de paginatitel."
                ),
            ),
            FieldPanel(
                "search_description",
                help_text=_(
                    "Eén of twee zinnen die zoekmachines onder de titel tonen. "
                    "Bekijk het resultaat met de voorbeeldweergave 'Zoekresultaat'."
                ),
            ),
        ],
        heading=_("Voor zoekmachines"),
    ),
    MultiFieldPanel(
        [FieldPanel("show_in_menus", help_text=_("Toon deze pagina in het hoofdmenu."))],
        heading=_("Menu"),
    ),
]
# Wagtail's own: scheduling (go-live and expiry, used by the scheduler process) lives in
# the status side panel, comments here.
SETTINGS_PANELS = Page.settings_panels


def section_heading(label, default):
    """An optional heading for a home page section; left empty, the section shows `default`."""
    field = models.CharField(
        label, max_length=100, blank=True, help_text=format_lazy(_("Leeg: ‘{}’."), default)
    )
    field.empty_heading = default  # read by HomePage.headings()
    return field


class HomePage(EditorPreviewMixin, Page):
    """The site's root page, a portal: a hero, the latest news, the next gatherings, the
    directory's search, the social shareholders, and the editors' own blocks.

    The sections fill themselves (home/portal.py); editors choose their headings, and an
    empty heading means the default one.
    """

    hero_title = models.CharField(
        _("titel in de kop"),
        max_length=200,
        blank=True,
        help_text=_("Grote titel bovenaan de homepage. Leeg: de paginatitel."),
    )
    hero_intro = models.TextField(
        _("introductie"),
        max_length=600,
        blank=True,
        help_text=_("Eén of twee zinnen onder de titel."),
    )
    hero_image = optional_image(_("afbeelding in de kop"))
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)
    news_heading = section_heading(_("kop bij het nieuws"), _("Nieuws"))
    agenda_heading = section_heading(_("kop bij de agenda"), _("Komende bijeenkomsten"))
    directory_heading = section_heading(
        _("kop bij het overzicht"), _("Vind een sociale coöperatie")
    )
    directory_intro = models.CharField(
        _("tekst bij het overzicht"),
        max_length=300,
        blank=True,
        help_text=_("Eén zin boven het zoekveld van het overzicht."),
    )
    shareholders_heading = section_heading(
        _("kop bij de aandeelhouders"), _("Gemeenten als sociaal aandeelhouder")
    )

    def headings(self):
        """{heading field: what the section shows}: the editor's heading, else the default."""
        return {
            field.name: getattr(self, field.name) or field.empty_heading
            for field in self._meta.fields
            if hasattr(field, "empty_heading")
        }

    content_panels = [
        TitleFieldPanel(
            "title", help_text=_("De naam van de site; staat in het tabblad van de browser.")
        ),
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel(
                    "hero_image",
                    help_text=_("Brede foto (minstens 1200 × 500 pixels) achter de kop."),
                ),
            ],
            heading=_("Kop"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("news_heading"),
                FieldPanel("agenda_heading"),
                FieldPanel("directory_heading"),
                FieldPanel("directory_intro"),
                FieldPanel("shareholders_heading"),
            ],
            heading=_("Vaste onderdelen"),
            help_text=_(
                "Het nieuws, de agenda, het overzicht en de aandeelhouders vullen zich vanzelf."
            ),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "Eigen blokken onder de vaste onderdelen: tekst, afbeeldingen, citaten, knoppen."
            ),
        ),
    ]
    edit_handler = editor_tabs(content_panels, PROMOTE_PANELS, SETTINGS_PANELS)
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_title"),
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("hero_title"),
        APIField("hero_intro"),
        APIField("hero_image", serializer=ImageRenditionsField()),
        APIField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("homepage")
        verbose_name_plural = _("homepages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(portal.sections(self))
        return context


class StandardPage(EditorPreviewMixin, Page):
    """A general content page, such as "Over ons" or "Bijzonder Statuut"."""

    intro = models.TextField(
        _("introductie"),
        max_length=500,
        blank=True,
        help_text=_("Korte samenvatting; verschijnt boven de tekst en in zoekresultaten."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [
        TitleFieldPanel("title", help_text=_("Korte, duidelijke titel, bijvoorbeeld 'Over ons'.")),
        FieldPanel("intro"),
        FieldPanel(
            "body",
            help_text=_(
                "De tekst van de pagina, in blokken: alinea's, tussenkoppen, "
                "afbeeldingen, citaten, documenten en knoppen."
            ),
        ),
    ]
    edit_handler = editor_tabs(content_panels, PROMOTE_PANELS, SETTINGS_PANELS)
    preview_templates = {
        "kaartje": "home/previews/card.html",
        **EditorPreviewMixin.preview_templates,
    }
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, footer text and social links, edited under Instellingen."""

    organisation_name = models.CharField(
        _("naam organisatie"), max_length=200, default="Sociale Coöperaties"
    )
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    contact_address = models.TextField(_("postadres"), blank=True)
    footer_text = models.TextField(
        _("voettekst"),
        blank=True,
        help_text=_("Korte tekst onderaan elke pagina."),
    )
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("toegankelijkheidsverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("De pagina met de toegankelijkheidsverklaring; de voettekst linkt ernaar."),
    )

    # The footer on every page links to the statement: read with the settings, no extra query.
    select_related = ["accessibility_statement"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("Contactgegevens"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("accessibility_statement"),
        MultiFieldPanel(
            [
                FieldPanel("mastodon_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Sociale media"),
        ),
    ]

    class Meta:
        verbose_name = _("website-instellingen")

    @property
    def social_links(self):
        names = ["Mastodon", "LinkedIn", "Facebook", "Instagram", "YouTube"]
        urls = [
            self.mastodon_url,
            self.linkedin_url,
            self.facebook_url,
            self.instagram_url,
            self.youtube_url,
        ]
        return [(name, url) for name, url in zip(names, urls, strict=True) if url]
