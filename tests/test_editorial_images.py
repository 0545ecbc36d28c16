"""Images need alt text; uploads are limited in size and type, with a plain Dutch message."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from home.forms import ImageForm
from tests.factories.editorial import make_editor

pytestmark = pytest.mark.django_db


def png_bytes(width=20, height=10):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#cc0033").save(buffer, "PNG")
    return buffer.getvalue()


def image_form(data, file):
    form_class = get_image_form(get_image_model())
    assert issubclass(form_class, ImageForm)
    return form_class(data, {"file": file})


def test_alt_text_is_required_with_a_dutch_message():
    with translation.override("nl"):
        form = image_form(
            {"title": "Ondertekening", "description": ""},
            SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"),
        )
        assert not form.is_valid()
        assert form.errors["description"] == [
            "Vul een alternatieve tekst in: beschrijf wat er op de afbeelding staat."
        ]
        assert form.fields["description"].label == "Alternatieve tekst"


def test_image_with_alt_text_is_accepted_and_used_as_alt():
    form = image_form(
        {"title": "Ondertekening", "description": "Twee mensen tekenen de akte"},
        SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"),
    )
    assert form.is_valid(), form.errors
    image = form.save()
    assert image.default_alt_text == "Twee mensen tekenen de akte"


def test_unsupported_type_is_refused_in_dutch():
    with translation.override("nl"):
        form = image_form(
            {"title": "Logo", "description": "Logo"},
            SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        )
        assert not form.is_valid()
        message = " ".join(form.errors["file"])
        assert "Dit bestandstype kan niet als afbeelding worden geüpload" in message
        assert "GIF, JPG, JPEG, PNG, WEBP" in message


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
def test_too_large_upload_is_refused_in_dutch():
    with translation.override("nl"):
        form = image_form(
            {"title": "Groot", "description": "Groot"},
            SimpleUploadedFile("groot.png", png_bytes(200, 200), content_type="image/png"),
        )
        assert not form.is_valid()
        message = " ".join(form.errors["file"])
        assert message.startswith("Dit bestand is te groot (")
        assert "Afbeeldingen mogen hoogstens 100\xa0bytes zijn" in message


def test_admin_upload_without_alt_text_shows_the_dutch_error(client):
    editor = make_editor()
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ondertekening",
            "description": "",
            "file": SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"),
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Vul een alternatieve tekst in" in response.content.decode()
    assert not get_image_model().objects.exists()
