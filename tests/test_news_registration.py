"""Built-in conference registration: capacity, deadline, spam, email, CSV, concurrency."""

import csv
import datetime
import io
import threading
import zoneinfo

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, connections

from news.models import ConferencePage, ConferenceSession, Registration
from news.registration import RegistrationClosed, register
from tests.factories.news import ConferencePageFactory, NewsIndexPageFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
BEFORE = datetime.datetime(2017, 1, 15, 12, tzinfo=AMSTERDAM)
# The conference costs € 75: the form asks for the invoice details.
INVOICE = {
    "invoice_address": "Gemeente Breda\nCrediteurenadministratie\nPostbus 90156\n4800 RH Breda",
    "invoice_email": "facturen@breda.example",
    "invoice_reference": "PO-2017-0042",
}


def signup(client, page, **extra):
    data = {"name": "Anna de Vries", "email": "anna@example.org", "organisation": "Gemeente"}
    data.update(INVOICE)
    data.update(extra)
    return client.post(page.url, data)


@pytest.fixture
def conference(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    page = ConferencePageFactory(
        parent=index,
        title="Tussen wil en wet",
        builtin_registration=True,
        registration_capacity=2,
        registration_deadline=datetime.datetime(2017, 2, 1, 23, 59, tzinfo=AMSTERDAM),
    )
    page.programme = [
        ConferenceSession(
            start_time=datetime.time(13),
            end_time=datetime.time(14),
            title="Bijzonder Statuut",
            kind="workshop",
        ),
        ConferenceSession(
            start_time=datetime.time(9, 30),
            end_time=datetime.time(10),
            title="Opening",
            kind="plenair",
        ),
    ]
    page.save_revision().publish()
    return ConferencePage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_signup_stores_and_mails_a_confirmation(
    client, conference, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(BEFORE, tick=False)
    html = client.get(conference.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    workshop = ConferenceSession.objects.get(title="Bijzonder Statuut")
    assert f'<option value="{workshop.pk}">Bijzonder Statuut</option>' in html
    assert "Opening</option>" not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client, conference, workshop_1=workshop.pk, remarks="Vegetarisch")
    assert response.status_code == 302 and response["Location"].endswith("?aangemeld=1#aanmelden")
    registration = Registration.objects.get()
    assert (registration.name, registration.workshop_titles) == (
        "Anna de Vries",
        "Bijzonder Statuut",
    )
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "Tussen wil en wet" in message.subject and "Bijzonder Statuut" in message.body
    assert "Veemarktkade 8" in message.body
    assert "Bedankt voor uw aanmelding" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_form_errors_are_dutch_and_nothing_is_stored(client, conference, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    response = signup(client, conference, email="geen-adres", workshop_1="999")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in." in html
    assert "Selecteer een geldige keuze" in html
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_same_email_twice_is_refused(client, conference, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    signup(client, conference)
    response = signup(client, conference, email="ANNA@example.org")
    assert "Met dit e-mailadres is al iemand aangemeld." in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_honeypot_stores_nothing_and_sends_nothing(client, conference, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    response = signup(client, conference, website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.exists() and not mail.outbox


@pytest.mark.django_db
def test_csrf_is_enforced(conference, time_machine):
    from django.test import Client

    time_machine.move_to(BEFORE, tick=False)
    response = signup(Client(enforce_csrf_checks=True), conference)
    assert response.status_code == 403
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_when_full_a_sign_up_goes_on_the_waiting_list(client, conference, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    signup(client, conference, email="a@example.org")
    signup(client, conference, email="b@example.org")
    full = client.get(conference.url).content.decode()
    assert "Deze conferentie is vol. U kunt zich op de wachtlijst zetten" in full
    assert "Zet mij op de wachtlijst" in full
    response = signup(client, conference, email="c@example.org")
    assert response["Location"].endswith("?wachtlijst=1#aanmelden")
    assert Registration.objects.holding_a_place().count() == 2
    assert Registration.objects.get(email="c@example.org").status == "wachtlijst"
    html = client.get(response["Location"]).content.decode()
    assert "u staat op de wachtlijst, op plaats 1" in html and '<form method="post"' not in html
    fresh = ConferencePage.objects.get(pk=conference.pk)
    assert fresh.current_registration_status(now=BEFORE) == "vol"


@pytest.mark.django_db
def test_closes_itself_after_the_deadline_and_after_the_conference(
    client, conference, time_machine
):
    time_machine.move_to(datetime.datetime(2017, 2, 2, 9, tzinfo=AMSTERDAM), tick=False)
    response = signup(client, conference)
    assert "De aanmelding is gesloten." in response.content.decode()
    time_machine.move_to(datetime.datetime(2017, 3, 1, tzinfo=AMSTERDAM), tick=False)
    assert "Deze conferentie is afgelopen." in client.get(conference.url).content.decode()
    with pytest.raises(RegistrationClosed) as closed:
        register(conference, {"name": "X", "email": "x@example.org"})
    assert closed.value.status == "afgelopen"
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_editors_see_registrations_and_export_csv(client, conference):
    anna = Registration.objects.create(
        conference=conference, name="Anna", email="anna@example.org", organisation="Movisie"
    )
    anna.workshops.set(ConferenceSession.objects.filter(title="Bijzonder Statuut"))
    admin = get_user_model().objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(admin)
    listing = client.get("/admin/registrations/")
    assert listing.status_code == 200 and "anna@example.org" in listing.content.decode()
    export = client.get("/admin/registrations/?export=csv")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:5] == ["Conferentie", "Naam", "E-mailadres", "Organisatie", "Workshops"]
    assert rows[1][:5] == [
        "Tussen wil en wet",
        "Anna",
        "anna@example.org",
        "Movisie",
        "Bijzonder Statuut",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_signups_for_the_last_place_never_both_succeed(conference):
    """Run on PostgreSQL: two threads, two connections, one place left."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers database-wide")
    ConferencePage.objects.filter(pk=conference.pk).update(registration_capacity=1)
    conference = ConferencePage.objects.get(pk=conference.pk)
    now = BEFORE
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(email):
        try:
            barrier.wait(timeout=10)
            registration = register(conference, {"name": email, "email": email}, now=now)
            outcomes.append(registration.status)
        except RegistrationClosed as closed:
            outcomes.append(closed.status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(f"{n}@example.org",)) for n in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["bevestigd", "wachtlijst"]
    assert Registration.objects.filter(conference=conference).holding_a_place().count() == 1


@pytest.mark.django_db
def test_sqlite_path_takes_the_write_lock_first(conference, django_assert_num_queries):
    """On SQLite the sign-up starts with a write so a second writer waits; elsewhere FOR UPDATE."""
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(conn) as queries:
        register(conference, {"name": "A", "email": "a@example.org"}, now=BEFORE)
    statements = [
        q["sql"]
        for q in queries.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    if conn.vendor == "sqlite":
        assert statements[0].startswith("UPDATE")
    else:
        assert "FOR UPDATE" in statements[0]


@pytest.mark.django_db
def test_a_paid_conference_asks_for_invoice_details_and_exports_them(
    client, conference, time_machine
):
    time_machine.move_to(BEFORE, tick=False)
    html = client.get(conference.url).content.decode()
    assert "U betaalt op factuur; online betalen is niet mogelijk." in html
    assert 'for="id_invoice_address">Factuuradres <span class="form-field__required">' in html
    assert 'for="id_vat_number">Btw-nummer</label>' in html  # optional
    missing = client.post(conference.url, {"name": "Anna", "email": "anna@example.org"})
    text = missing.content.decode()
    assert "Organisatie: Dit is een verplicht veld." in text
    assert "E-mailadres voor facturen: Dit is een verplicht veld." in text
    wrong_vat = signup(client, conference, vat_number="123")
    assert "Vul een btw-nummer in zoals NL123456789B01." in wrong_vat.content.decode()
    assert not Registration.objects.exists()

    signup(client, conference, vat_number="nl 1234.56789 b01")
    anna = Registration.objects.get()
    assert (anna.invoice_email, anna.invoice_reference, anna.vat_number) == (
        "facturen@breda.example",
        "PO-2017-0042",
        "NL123456789B01",
    )
    admin = get_user_model().objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(admin)
    export = client.get("/admin/registrations/?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    columns = dict(zip(rows[0], rows[1], strict=True))
    assert columns["Factuuradres"].startswith("Gemeente Breda")
    assert columns["E-mailadres voor facturen"] == "facturen@breda.example"
    assert columns["Inkoopordernummer of referentie"] == "PO-2017-0042"
    assert columns["Btw-nummer"] == "NL123456789B01"


@pytest.mark.django_db
def test_a_free_conference_asks_no_invoice_details(client, conference, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    ConferencePage.objects.filter(pk=conference.pk).update(price=0)
    html = client.get(conference.url).content.decode()
    assert "invoice" not in html and "online betalen" not in html
    response = client.post(conference.url, {"name": "Anna", "email": "anna@example.org"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_form_marks_required_fields_and_says_how_many_places_are_left(
    client, conference, time_machine
):
    time_machine.move_to(BEFORE, tick=False)
    html = client.get(conference.url).content.decode()
    assert '<form method="post" action="#aanmelden" novalidate>' in html
    assert 'for="id_name">Naam <span class="form-field__required">(verplicht)</span>' in html
    assert 'for="id_remarks">Opmerkingen</label>' in html
    assert "Nog 2 plaatsen." in html
    signup(client, conference, email="a@example.org")
    assert "Nog 1 plaats." in client.get(conference.url).content.decode()
    ConferencePage.objects.filter(pk=conference.pk).update(registration_capacity=40)
    assert "plaatsen." not in client.get(conference.url).content.decode()


@pytest.mark.django_db
def test_errors_are_summarised_at_the_top_with_links_to_their_fields(
    client, conference, time_machine
):
    time_machine.move_to(BEFORE, tick=False)
    html = signup(client, conference, name="", email="geen-adres").content.decode()
    summary = html.index('class="error-summary"')
    assert summary < html.index('id="id_name"')
    assert '<a href="#id_name">Naam: Dit is een verplicht veld.</a>' in html
    assert '<a href="#id_email">E-mailadres: Voer een geldig e-mailadres in.</a>' in html
    assert 'aria-describedby="id_email_error"' in html
    assert "news/js/error-summary.js" in html


@pytest.mark.django_db
def test_a_past_conference_has_no_form_and_no_calendar_link(client, conference, time_machine):
    time_machine.move_to(datetime.datetime(2017, 3, 1, tzinfo=AMSTERDAM), tick=False)
    html = client.get(conference.url).content.decode()
    assert "Deze conferentie is afgelopen." in html
    assert '<form method="post"' not in html and "Zet in mijn agenda" not in html
    assert "Aanmelden" not in html.split('class="event-layout__main"')[1]
