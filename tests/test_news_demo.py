"""The seed's four news items come out of load_demo_content with their facts."""

import datetime
import zoneinfo
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command

from coops.models import CoopIndexPage, CoopPage
from home.models import HomePage
from news.models import ConferencePage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def body_text(page):
    return " ".join(str(block.value) for block in page.body)


@pytest.fixture
def demo():
    """The directory demo runs before news and creates De Vrije Uitloop; stand in for it."""
    from home.demo import site as home_demo

    home = home_demo.load(lambda message: None)
    directory = CoopIndexPage(title="Coöperaties", slug="cooperaties")
    home.add_child(instance=directory)
    coop = CoopPage(title="De Vrije Uitloop", slug="de-vrije-uitloop")
    directory.add_child(instance=coop)
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return coop, out.getvalue()


def test_news_index_under_home_in_the_menu(demo):
    index = NewsIndexPage.objects.get(slug="nieuws")
    assert index.title == "Nieuws" and index.show_in_menus and index.live
    assert isinstance(index.get_parent().specific, HomePage)
    assert index.get_children().live().count() == 4


def test_conference_has_every_fact_of_the_seed(demo, client):
    page = ConferencePage.objects.get(slug="tussen-wil-en-wet")
    assert page.title == "Tussen wil en wet, sociaal ondernemen met een uitkering"
    assert page.start.astimezone(AMSTERDAM).date() == datetime.date(2017, 2, 10)
    assert (page.venue_name, page.street, page.postcode) == (
        "De Gruyter Fabriek",
        "Veemarktkade 8",
        "5222 AE",
    )
    assert page.city == "'s-Hertogenbosch" and page.municipality.name == "'s-Hertogenbosch"
    # The seed's "Datum en locatie" and "Kosten" paragraphs are the facts card's now
    # (issue 16: the text without the facts repeated).
    assert "Den Bosch" not in body_text(page) and "75 euro" not in body_text(page)
    assert (page.price, page.price_note) == (Decimal("75.00"), "per deelnemer")
    assert "medewerkers van gemeenten en maatschappelijke organisaties" in page.audience
    assert [p.name for p in page.partners.all()] == [
        "De Sociale Alliantie",
        "Movisie",
        "Stimulansz",
        "Stock5",
        "Cordaid",
    ]
    speakers = [(s.name, s.role, s.organisation) for s in page.speakers.all()]
    assert speakers == [
        ("Pieter Hilhorst", "politicoloog en publicist", ""),
        ("Raf Janssen", "socioloog en wethouder Sociale Zaken", "gemeente Peel en Maas"),
        ("Sociale coöperaties uit de praktijk", "", ""),
    ]
    html = client.get(page.url, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "€ 75 per deelnemer" in html and "Pieter Hilhorst" in html


def test_news_items_and_the_vrije_uitloop_link(demo):
    coop, _out = demo
    manifest = NewsPage.objects.get(slug="manifestatie-sociale-cooperaties")
    assert "Op 29 september" in manifest.intro
    assert "PEER ‘M uit de armoede" in manifest.sources.first().title
    essay = NewsPage.objects.get(title="Mensen pakken zich samen voor een nieuw sociaal contract")
    assert "Waar een wil is, is een wet?" in body_text(essay)
    story = NewsPage.objects.get(slug="de-vrije-uitloop-en-het-bijzonder-statuut")
    assert story.date == datetime.date(2016, 11, 14)
    assert "Minister Plasterk" in body_text(story)
    assert list(story.related_coops.all()) == [coop]
    assert list(coop.news_pages.all()) == [story]
    assert [s.title for s in story.sources.all()] == ["Omroep Brabant maakte een verslag"]


def test_loader_reports_what_the_seed_leaves_out(demo):
    _coop, out = demo
    assert "geen jaar voor de Manifestatie" in out
    assert "geen datum voor het essay" in out
    assert "geen begin- en eindtijd" in out


def test_news_demo_is_idempotent(demo):
    before = NewsPage.objects.count(), ConferencePage.objects.count()
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert (NewsPage.objects.count(), ConferencePage.objects.count()) == before == (3, 1)
    assert "Nieuws aangemaakt" not in out.getvalue()


def test_generate_news_is_idempotent_and_marked_synthetic(demo, client):
    call_command("generate_news", count=30, stdout=StringIO())
    call_command("generate_news", count=30, stdout=StringIO())
    synthetic = NewsPage.objects.filter(title__startswith="Synthetisch bericht")
    assert synthetic.count() == 30 and synthetic.live().count() == 30
    from wagtail.models import Page

    assert Page.find_problems() == ([], [], [], [], [])
    page = synthetic.first()
    assert client.get(page.url, HTTP_HOST="127.0.0.1:8000").status_code == 200
