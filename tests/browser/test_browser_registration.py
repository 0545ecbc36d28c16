"""Issue 15 in the browser: register → full → waiting list → a cancellation through the own
link → the first in line claims the place; and the form's error summary. axe-core on every
page on the way (no serious or critical violations).

`UPDATE_SCREENSHOTS=1` writes the screenshots of docs/redactie.md ("Conferenties en
aanmeldingen") to docs/img/.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from news.models import ConferencePage, ConferenceSession, Registration
from tests.browser.helpers import assert_accessible, log_in
from tests.factories.editorial import PASSWORD
from tests.factories.news import ConferencePageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def conference(news_index):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    page = ConferencePageFactory(
        parent=news_index,
        title="Tussen wil en wet",
        slug="tussen-wil-en-wet",
        start=start,
        end=start + datetime.timedelta(hours=7),
        builtin_registration=True,
        registration_capacity=1,
    )
    page.programme = [
        ConferenceSession(
            start_time=datetime.time(13),
            end_time=datetime.time(14),
            title="Bijzonder Statuut",
            kind="workshop",
            round=1,
            capacity=20,
            speakers="Stimulansz",
        ),
        ConferenceSession(
            start_time=datetime.time(13),
            end_time=datetime.time(14),
            title="Sociaal Aandeelhouderschap",
            kind="workshop",
            round=1,
            speakers="Movisie",
        ),
    ]
    page.save_revision().publish()
    return ConferencePage.objects.get(pk=page.pk)


def own_link(email, part):
    """The path and query of the link containing `part` in the latest mail to `email`."""
    for message in reversed(mail.outbox):
        if message.to == [email]:
            for url in re.findall(r"https?://\S+", message.body):
                if part in url:
                    parts = urlsplit(url)
                    return f"{parts.path}?{parts.query}"
    raise AssertionError(f"geen {part}-link in een mail aan {email}")


def sign_up(tab, name, email, organisation):
    tab.get_by_label("Naam").fill(name)
    tab.get_by_label("E-mailadres", exact=False).first.fill(email)
    tab.get_by_label("Organisatie").fill(organisation)
    statuut = ConferenceSession.objects.get(title="Bijzonder Statuut")
    tab.get_by_label("Workshop").select_option(value=str(statuut.pk))
    tab.get_by_label("Factuuradres").fill("Gemeente Breda\nPostbus 90156\n4800 RH Breda")
    tab.get_by_label("E-mailadres voor facturen").fill("facturen@breda.example")
    tab.get_by_label("Inkoopordernummer of referentie").fill("PO-2017-0042")


def test_the_error_summary_links_to_the_fields_and_takes_the_focus(
    new_page, conference, screenshot
):
    tab = new_page()
    tab.goto(conference.url)
    expect(
        tab.get_by_text("U betaalt op factuur; online betalen is niet mogelijk.")
    ).to_be_visible()
    expect(tab.get_by_text("Nog 1 plaats.")).to_be_visible()
    tab.get_by_role("button", name="Aanmelden").click()
    summary = tab.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert tab.url.endswith("#aanmelden")
    expect(summary.get_by_role("link", name="Naam: Dit is een verplicht veld.")).to_be_visible()
    summary.get_by_role("link", name="Naam: Dit is een verplicht veld.").click()
    expect(tab.locator("#id_name")).to_be_focused()
    screenshot(tab, "aanmelden-foutmeldingen", full_page=False)
    assert_accessible(tab)
    assert not tab.console_errors, tab.console_errors


def test_register_full_waiting_list_cancel_claim(new_page, conference, screenshot):
    anna = new_page()
    anna.goto(conference.url)
    sign_up(anna, "Anna de Vries", "anna@example.org", "Gemeente Breda")
    screenshot(anna, "aanmelden-formulier", full_page=False)
    anna.get_by_role("button", name="Aanmelden").click()
    expect(anna.get_by_role("status").filter(has_text="Bedankt voor uw aanmelding")).to_be_visible()
    assert_accessible(anna)

    bert = new_page()
    bert.goto(conference.url)
    expect(
        bert.get_by_text("Deze conferentie is vol. U kunt zich op de wachtlijst zetten")
    ).to_be_visible()
    sign_up(bert, "Bert Jansen", "bert@example.org", "Gemeente Tilburg")
    bert.get_by_role("button", name="Zet mij op de wachtlijst").click()
    expect(
        bert.get_by_role("status").filter(has_text="op de wachtlijst, op plaats 1")
    ).to_be_visible()
    screenshot(bert, "aanmelden-wachtlijst", full_page=False)
    assert_accessible(bert)

    # Anna cancels through the link in her confirmation.
    anna.goto(own_link("anna@example.org", "/aanmelding/"))
    expect(anna.get_by_role("heading", name="Uw aanmelding", exact=True)).to_be_visible()
    assert_accessible(anna)
    screenshot(anna, "aanmelding-eigen-pagina", full_page=True)
    anna.get_by_role("button", name="Annuleer mijn aanmelding").click()
    expect(
        anna.get_by_role("status").filter(has_text="Uw aanmelding is geannuleerd")
    ).to_be_visible()

    # Bert, first in line, gets the offer and claims the place.
    bert.goto(own_link("bert@example.org", "/plaats/"))
    expect(bert.get_by_text("er is een plaats voor u vrijgekomen")).to_be_visible()
    assert_accessible(bert)
    screenshot(bert, "plaats-claimen", full_page=False)
    bert.get_by_role("button", name="Ik claim mijn plaats").click()
    expect(bert.get_by_role("status").filter(has_text="U hebt de plaats geclaimd")).to_be_visible()
    assert Registration.objects.get(email="bert@example.org").status == "bevestigd"
    assert Registration.objects.holding_a_place().count() == 1
    for tab in (anna, bert):
        assert not tab.console_errors, tab.console_errors

    # The organiser's side: counts per workshop and the check-in on the day.
    organiser = new_page()
    get_user_model().objects.create_superuser("organisator", "o@example.org", PASSWORD)
    log_in(organiser, get_user_model().objects.get(username="organisator"))
    organiser.goto("/admin/deelnemers/")
    expect(organiser.get_by_role("heading", name=re.compile("Tussen wil en wet"))).to_be_visible()
    screenshot(organiser, "deelnemers-workshops", full_page=False)
    organiser.get_by_role("link", name="Aanwezigheid").click()
    organiser.get_by_label("Zoek op naam").fill("bert")
    organiser.locator("#main").get_by_role("button", name="Zoeken").click()
    organiser.get_by_role("button", name="Aanwezig Bert Jansen").click()
    expect(organiser.get_by_text("1 van 1 deelnemers aanwezig.")).to_be_visible()
    screenshot(organiser, "aanwezigheid", full_page=False)
    assert_accessible(organiser, context={"include": [["main"]]})
