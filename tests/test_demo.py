"""`load_demo_content` and `ensure_admin`: what `make run` relies on."""

from io import StringIO

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site

from coops.models import CoopPage
from home import brand
from home.demo import images as demo_images
from home.models import HomePage, StandardPage
from news.models import ConferencePage, NewsPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        list(Page.objects.order_by("path").values_list("url_path", "latest_revision_id")),
        list(get_image_model().objects.order_by("pk").values_list("title", "file")),
    )


def test_demo_loader_replaces_welcome_page_and_builds_the_tree(client):
    call_command("load_demo_content", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"over-ons", "bijzonder-statuut", "sociaal-aandeelhouderschap"} <= slugs
    response = client.get("/sociaal-aandeelhouderschap/", HTTP_HOST=site.hostname)
    assert "14 november 2016" in response.content.decode()


def test_demo_loader_is_idempotent():
    call_command("load_demo_content", stdout=StringIO())
    before = snapshot()
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert snapshot() == before
    assert "niets gewijzigd" in out.getvalue()


def test_ensure_admin_uses_the_environment_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "een-lang-wachtwoord")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("een-lang-wachtwoord")
    assert "een-lang-wachtwoord" not in out.getvalue()


def test_ensure_admin_generates_and_prints_once(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("getoond): ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()
    assert get_user_model().objects.count() == 1


def test_demo_pages_get_generated_pictures_in_the_brand_colours():
    call_command("load_demo_content", stdout=StringIO())
    pages = [*NewsPage.objects.all(), *ConferencePage.objects.all(), *CoopPage.objects.all()]
    assert len(pages) == 5
    primary = tuple(int(brand.colours()["primary"][i : i + 2], 16) for i in (1, 3, 5))
    for page in pages:
        image = page.image
        assert image is not None, page.title
        assert image.title.startswith("Gegenereerde illustratie (demo): ")
        assert image.description  # alt text is required for editors' images too
        with image.open_file() as handle, PILImage.open(handle) as picture:
            assert picture.size == (1600, 900)
            colours = {colour for _count, colour in picture.convert("RGB").getcolors(1 << 20)}
        brand_colours = {
            tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))
            for value in brand.colours().values()
        }
        assert len(colours & brand_colours) >= 3, page.title
    assert primary in brand_colours
    assert get_image_model().objects.count() == len(demo_images.SUBJECTS)


def test_the_same_subject_draws_the_same_picture():
    assert brand.illustration("a", size=(160, 90)) == brand.illustration("a", size=(160, 90))
    assert brand.illustration("a", size=(160, 90)) != brand.illustration("b", size=(160, 90))


def test_demo_pictures_show_with_srcset_and_lazy_below_the_fold(client):
    call_command("load_demo_content", stdout=StringIO())
    host = Site.objects.get(is_default_site=True).hostname
    directory = client.get("/cooperaties/", HTTP_HOST=host).content.decode()
    card = directory.split('class="coop-card"')[1].split("</li>")[0]
    assert 'srcset="' in card and 'loading="lazy"' in card
    # WebP first, PNG (a logo may be transparent) for a browser without it; on a phone
    # the picture is 5rem wide, so the browser picks the smaller rendition there.
    assert 'type="image/webp"' in card and ".format-webp." not in card.split("<img")[1]
    assert 'sizes="(min-width: 40rem) 8rem, 5rem"' in card
    entry = client.get("/cooperaties/de-vrije-uitloop/", HTTP_HOST=host).content.decode()
    figure = entry.split('class="coop__figure"')[1].split("</figure>")[0]
    assert 'srcset="' in figure and "sizes=" in figure and 'type="image/webp"' in figure
    assert 'loading="lazy"' not in figure  # the entry's own picture is above the fold
    news = client.get("/nieuws/", HTTP_HOST=host).content.decode()
    assert news.count("card__image") >= 4 and 'type="image/webp"' in news
    home = client.get("/", HTTP_HOST=host).content.decode()
    cards = home.split('class="card__image"')
    assert len(cards) >= 3 and 'loading="eager"' in cards[1] and 'loading="lazy"' in cards[2]


def test_site_address_follows_the_served_port():
    """`make run PORT=8123`: canonical links, feeds and the API point at the served port."""
    call_command("load_demo_content", stdout=StringIO())
    out = StringIO()
    call_command("load_demo_content", "--site-url", "http://127.0.0.1:8123", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert "Site-adres gezet op 127.0.0.1:8123" in out.getvalue()
    assert HomePage.objects.get().full_url == "http://127.0.0.1:8123/"
    again = StringIO()
    call_command("load_demo_content", "--site-url", "http://127.0.0.1:8123", stdout=again)
    assert "niets gewijzigd" in again.getvalue()


def test_footer_shows_demo_contact_details_and_the_accessibility_statement(client):
    call_command("load_demo_content", stdout=StringIO())
    host = Site.objects.get(is_default_site=True).hostname
    footer = client.get("/", HTTP_HOST=host).content.decode().split("<footer")[1]
    assert 'href="mailto:redactie@sociale-cooperaties.example"' in footer
    assert "Voorbeeldstraat 1<br>1234 AB Voorbeeldstad" in footer
    assert '<a href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in footer
    statement = client.get("/toegankelijkheid/", HTTP_HOST=host).content.decode()
    for part in ("Hoe toegankelijk is de website?", "WCAG 2.1", "Wat werkt nog niet goed?"):
        assert part in statement
    main_menu = statement.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert "Toegankelijkheid" not in main_menu
