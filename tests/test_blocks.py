"""The shared body blocks render accessible HTML and validate what editors enter."""

import pytest

from django.core.exceptions import ValidationError

from wagtail.blocks import StructBlockValidationError

from core.blocks import BodyStreamBlock, CallToActionBlock, CaptionedImageBlock


def render(block_type, value):
    stream = BodyStreamBlock()
    return stream.child_blocks[block_type].render(stream.child_blocks[block_type].to_python(value))


def test_heading_uses_the_chosen_level():
    assert render("heading", {"text": "Wonen", "level": "h3"}).strip() == (
        '<h3 class="block-heading">Wonen</h3>'
    )


def test_image_has_alt_text_and_caption(image):
    html = render("image", {"image": image.pk, "alt_text": "Leden aan tafel", "caption": "Breda"})
    assert 'alt="Leden aan tafel"' in html
    assert "<figcaption>Breda</figcaption>" in html


def test_image_alt_text_is_required(image):
    block = CaptionedImageBlock()
    with pytest.raises((ValidationError, StructBlockValidationError)):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_image_api_has_renditions(image):
    block = CaptionedImageBlock()
    data = block.get_api_representation(
        block.to_python({"image": image.pk, "alt_text": "Leden", "caption": ""})
    )
    assert data["image"]["alt"] == "Leden"
    assert set(data["image"]["renditions"]) == {"thumbnail", "medium", "large"}
    assert data["image"]["renditions"]["thumbnail"]["width"] > 0


def test_quote_has_attribution():
    html = render("quote", {"quote": "Samen sterk", "attribution": "Een lid"})
    assert "<blockquote><p>Samen sterk</p></blockquote>" in html
    assert "— Een lid" in html


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"text": "Meld je aan", "page": None, "url": ""}))
    value = block.clean(
        block.to_python({"text": "Meld je aan", "page": None, "url": "https://example.org"})
    )
    assert 'href="https://example.org"' in block.render(value)


def test_table_has_header_cells_and_scrollable_region():
    html = render(
        "table",
        {
            "data": [["Gemeente", "Sinds"], ["Breda", "2016"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Sociaal aandeelhouders",
        },
    )
    assert '<th scope="col">Gemeente</th>' in html
    assert "<caption>Sociaal aandeelhouders</caption>" in html
    assert 'tabindex="0"' in html
