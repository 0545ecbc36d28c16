"""StreamField blocks shared by every page type's body."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core.images import rendition_data

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))],
        default="h2",
        help_text=_("Gebruik kopniveaus op volgorde: eerst kop 2, daaronder kop 3."),
    )

    class Meta:
        icon = "title"
        label = _("Tussenkop")
        template = "core/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        help_text=_(
            "Beschrijf wat er op de afbeelding te zien is, voor wie de afbeelding niet kan zien."
        ),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "core/blocks/image.html"

    def get_api_representation(self, value, context=None):
        return {
            "image": rendition_data(value["image"], alt=value["alt_text"]),
            "alt_text": value["alt_text"],
            "caption": value["caption"],
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Bron of naam"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "core/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Linktekst"),
        required=False,
        max_length=200,
        help_text=_("Laat leeg om de titel van het document te gebruiken."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "core/blocks/document.html"

    def get_api_representation(self, value, context=None):
        document = value["document"]
        return {
            "id": document.pk,
            "title": value["title"] or document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Knoptekst"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Externe link"), required=False)

    class Meta:
        icon = "link"
        label = _("Knop")
        template = "core/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value["page"]) == bool(value["url"]):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Kies een pagina óf vul een externe link in (precies één van beide).")
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        page = value["page"]
        return {
            "text": value["text"],
            "url": page.full_url if page else value["url"],
            "page": page.pk if page else None,
        }


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Alinea"), features=RICH_TEXT_FEATURES, template="core/blocks/paragraph.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Video of embed"),
        help_text=_("Plak de link naar bijvoorbeeld een YouTube- of Vimeo-video."),
        icon="media",
        template="core/blocks/embed.html",
    )
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock(
        label=_("Tabel"),
        template="core/blocks/table.html",
        table_options={"language": "nl", "contextMenu": True},
    )

    class Meta:
        block_counts = {}
