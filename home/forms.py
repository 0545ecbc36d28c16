"""The site's image form: alt text is required, upload errors are plain Dutch."""

from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with a required alt text.

    Wagtail 8's image model already has a ``description`` field that it uses as the
    default alt text; the site requires it so no image reaches a visitor without one.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = _("Alternatieve tekst")
            description.help_text = _(
                "Verplicht. Beschrijf kort wat er op de afbeelding te zien is, voor wie de "
                "afbeelding niet kan zien (bijvoorbeeld: 'Leden van De Vrije Uitloop bij de "
                "ondertekening'). Deze tekst wordt de alt-tekst op de site."
            )
            description.error_messages["required"] = _(
                "Vul een alternatieve tekst in: beschrijf wat er op de afbeelding staat."
            )
        file_field = self.fields.get("file")
        if file_field is not None:
            formats = file_field.supported_formats_text
            max_size = file_field.max_upload_size_text
            file_field.help_text = _(
                "Toegestaan: %(formats)s, hoogstens %(max_size)s per bestand."
            ) % {"formats": formats, "max_size": max_size}
            file_field.error_messages["invalid_image_extension"] = _(
                "Dit bestandstype kan niet als afbeelding worden geüpload. Kies een "
                "%(formats)s-bestand."
            ) % {"formats": formats}
            # Wagtail fills in both sizes when it raises this one.
            file_field.error_messages["file_too_large"] = _(
                "Dit bestand is te groot (%(file_size)s). Afbeeldingen mogen hoogstens "
                "%(max_filesize)s zijn; verklein de afbeelding en probeer het opnieuw."
            )
            file_field.error_messages["file_too_large_unknown_size"] = _(
                "Dit bestand is te groot. Afbeeldingen mogen hoogstens %(max_size)s zijn."
            ) % {"max_size": max_size}
