from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.images import ImageRenditionsField


class HomePage(Page):
    """The site's root page: a hero and a free body."""

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
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding in de kop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_intro"), FieldPanel("hero_image")],
            heading=_("Kop"),
        ),
        FieldPanel("body"),
    ]
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
        context["menu_pages"] = (
            self.get_children().live().public().in_menu().only("id", "title", "url_path")
        )
        return context


class StandardPage(Page):
    """A general content page, such as "Over ons" or "Bijzonder Statuut"."""

    intro = models.TextField(
        _("introductie"),
        max_length=500,
        blank=True,
        help_text=_("Korte samenvatting; verschijnt boven de tekst en in zoekresultaten."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
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
