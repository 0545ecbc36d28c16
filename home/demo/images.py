"""The demo content's pictures: drawn by the project itself (`home.brand`), never photos.

Each is an ordinary Wagtail image whose title says it was generated, so editors can
tell it from a real photo and replace it. A demo page gets its picture only when the
loader creates the page; an existing page (perhaps changed by an editor) is left alone.
"""

from io import BytesIO

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from home import brand

TITLE_PREFIX = "Gegenereerde illustratie (demo): "
ALT_TEXT = (
    "Gegenereerde illustratie in de huisstijl: twee ringen en een boog, als twee mensen "
    "schouder aan schouder, tussen cirkels."
)

#: The demo page slug → the picture's subject (its title, and the drawing's seed).
SUBJECTS = {
    "manifestatie-sociale-cooperaties": "Manifestatie Sociale Coöperaties",
    "mensen-pakken-zich-samen-voor-een-nieuw-sociaal-contract": "Een nieuw sociaal contract",
    "tussen-wil-en-wet": "Conferentie Tussen wil en wet",
    "de-vrije-uitloop-en-het-bijzonder-statuut": "De Vrije Uitloop in het nieuws",
    "de-vrije-uitloop": "Coöperatie De Vrije Uitloop",
}


def for_page(slug, report):
    """The generated picture for a demo page (made once, found by title), or None."""
    subject = SUBJECTS.get(slug)
    if subject is None:
        return None
    Image = get_image_model()
    title = TITLE_PREFIX + subject
    image = Image.objects.filter(title=title).first()
    if image is None:
        content = brand.illustration(subject)
        image = Image(title=title, description=ALT_TEXT)
        image.file = ImageFile(BytesIO(content), name=f"demo-{slug}.png")
        image.save()
        report(f"Afbeelding gemaakt: {title}")
    return image
