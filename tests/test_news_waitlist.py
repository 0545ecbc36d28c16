"""Issue 15: signed links instead of accounts, and the waiting list (offers, claims, expiry)."""

import datetime
import re
import zoneinfo
from urllib.parse import urlencode, urlsplit

import pytest

from django.core import mail, signing
from django.core.management import call_command

from news.models import ConferencePage, Registration
from news.registration import manage_token, register
from tests.factories.news import ConferencePageFactory, open_conference

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
BEFORE = datetime.datetime(2017, 1, 15, 12, tzinfo=AMSTERDAM)
AFTER = datetime.datetime(2017, 2, 11, 9, tzinfo=AMSTERDAM)


@pytest.fixture
def conference(news_index):
    deadline = datetime.datetime(2017, 2, 5, 23, 59, tzinfo=AMSTERDAM)
    return open_conference(news_index, registration_capacity=1, cancellation_deadline=deadline)


@pytest.fixture(autouse=True)
def mail_at_once(monkeypatch):
    """Run the mail tasks at once: these tests run inside one transaction that never commits
    (after-commit itself: test_news_registration::test_signup_stores_and_mails_a_confirmation)."""

    def enqueue_now(task, *args):
        task.enqueue(*args)

    monkeypatch.setattr("news.registration.signup.after_commit", enqueue_now)
    monkeypatch.setattr("news.registration.waitlist.after_commit", enqueue_now)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(BEFORE, tick=False)
    return time_machine


def link(message, part):
    """The path and query of the first link in `message` whose path contains `part`."""
    for url in re.findall(r"https?://\S+", message.body):
        if part in url:
            parts = urlsplit(url)
            return f"{parts.path}?{parts.query}"
    raise AssertionError(f"no {part} link in {message.body}")


def own(conference, token):
    return f"{conference.url}aanmelding/?{urlencode({'code': token})}"


def sign_up(conference, email, **data):
    return register(conference, {"name": email.split("@")[0].title(), "email": email, **data})


@pytest.mark.django_db
def test_confirmation_mail_links_to_a_page_that_shows_changes_and_cancels(
    client, conference, clock
):
    anna = sign_up(conference, "anna@example.org")
    [confirmation] = mail.outbox
    own = link(confirmation, "/aanmelding/")
    page = client.get(own)
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] and "private" in page["Cache-Control"]
    html = page.content.decode()
    assert "anna@example.org" in html and "Bevestigd" in html
    assert "Annuleren kan tot 5 februari 2017, 23:59." in html

    changed = client.post(own, {"action": "change", "name": "Anna de Vries", "dietary": "vegan"})
    assert changed.status_code == 302 and changed["Location"].endswith("&gewijzigd=1#status")
    anna.refresh_from_db()
    assert (anna.name, anna.dietary, anna.email) == ("Anna de Vries", "vegan", "anna@example.org")

    cancelled = client.post(own, {"action": "cancel"})
    assert cancelled["Location"].endswith("&geannuleerd=1#status")
    anna.refresh_from_db()
    assert anna.status == "geannuleerd"
    assert mail.outbox[-1].subject.startswith("Aanmelding geannuleerd")
    assert "Uw aanmelding is geannuleerd" in client.get(cancelled["Location"]).content.decode()


@pytest.mark.django_db
def test_the_change_form_reports_errors_and_changes_nothing(client, conference, clock):
    anna = sign_up(conference, "anna@example.org")
    own = link(mail.outbox[0], "/aanmelding/")
    response = client.post(own, {"action": "change", "name": ""})
    html = response.content.decode()
    assert response.status_code == 200 and 'class="error-summary"' in html
    assert '<a href="#id_name">Naam: Dit is een verplicht veld.</a>' in html
    anna.refresh_from_db()
    assert anna.name == "Anna"


@pytest.mark.django_db
def test_a_link_reaches_only_its_own_registration(client, conference, clock, news_index):
    sign_up(conference, "anna@example.org")
    anna = Registration.objects.get()
    token = manage_token(anna)
    assert client.get(own(conference, token)).status_code == 200
    other = ConferencePageFactory(parent=news_index, title="Andere", builtin_registration=True)
    # Another conference's page does not know this registration.
    assert client.get(own(other, token)).status_code == 404
    # A token signed for another purpose (the claim salt) or tampered with is refused.
    wrong_salt = signing.dumps(anna.pk, salt="news.registration.claim")
    assert client.get(own(conference, wrong_salt)).status_code == 404
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.get(own(conference, tampered)).status_code == 404
    # A guessed id without a signature, or no code at all, is refused.
    assert client.get(own(conference, str(anna.pk))).status_code == 404
    assert client.get(f"{conference.url}aanmelding/").status_code == 404


@pytest.mark.django_db
def test_links_expire_after_the_conference(client, conference, clock):
    anna = sign_up(conference, "anna@example.org")
    link_ = own(conference, manage_token(anna))
    clock.move_to(AFTER, tick=False)
    response = client.get(link_)
    assert response.status_code == 410 and "Deze link is verlopen" in response.content.decode()
    assert client.post(link_, {"action": "cancel"}).status_code == 410
    anna.refresh_from_db()
    assert anna.status == "bevestigd"


@pytest.mark.django_db
def test_cancelling_ends_at_the_cancellation_deadline(client, conference, clock):
    anna = sign_up(conference, "anna@example.org")
    link_ = own(conference, manage_token(anna))
    clock.move_to(datetime.datetime(2017, 2, 6, 9, tzinfo=AMSTERDAM), tick=False)
    html = client.get(link_).content.decode()
    assert "Annuleren via deze pagina kan niet meer" in html
    assert 'value="cancel"' not in html
    response = client.post(link_, {"action": "cancel"})
    assert "Annuleren via deze pagina kan niet meer" in response.content.decode()
    anna.refresh_from_db()
    assert anna.status == "bevestigd"


@pytest.mark.django_db
def test_a_cancellation_offers_the_place_to_the_first_in_line_who_claims_it(
    client, conference, clock
):
    anna = sign_up(conference, "anna@example.org")
    bert = sign_up(conference, "bert@example.org")
    cees = sign_up(conference, "cees@example.org")
    assert [bert.status, bert.waiting_position(), cees.waiting_position()] == ["wachtlijst", 1, 2]
    assert "op plaats 1" in mail.outbox[1].body and "op plaats 2" in mail.outbox[2].body
    mail.outbox.clear()

    client.post(own(conference, manage_token(anna)), {"action": "cancel"})
    bert.refresh_from_db()
    assert bert.status == "aangeboden"
    assert bert.offer_expires_at == BEFORE + datetime.timedelta(hours=48)
    offer = next(m for m in mail.outbox if m.to == ["bert@example.org"])
    assert offer.subject.startswith("Er is een plaats vrij")
    claim_path = link(offer, "/plaats/")
    # Following the link (as a mail scanner would) claims nothing; the button does.
    shown = client.get(claim_path)
    assert "no-cache" in shown["Cache-Control"] and "Ik claim mijn plaats" in shown.content.decode()
    bert.refresh_from_db()
    assert bert.status == "aangeboden"
    claimed = client.post(claim_path)
    assert claimed.status_code == 302 and claimed["Location"].endswith("&geclaimd=1#status")
    bert.refresh_from_db()
    assert bert.status == "bevestigd" and bert.offer_expires_at is None
    assert mail.outbox[-1].subject.startswith("Aanmelding bevestigd")
    # The link is spent.
    assert "niet meer geldig" not in client.get(claim_path).content.decode()
    assert "al bevestigd" in client.get(claim_path).content.decode()
    cees.refresh_from_db()
    assert cees.status == "wachtlijst" and cees.waiting_position() == 1


@pytest.mark.django_db
def test_an_unclaimed_offer_expires_and_goes_to_the_next(client, conference, clock):
    ConferencePage.objects.filter(pk=conference.pk).update(offer_hours=24)
    conference.refresh_from_db()
    anna = sign_up(conference, "anna@example.org")
    bert = sign_up(conference, "bert@example.org")
    cees = sign_up(conference, "cees@example.org")
    client.post(own(conference, manage_token(anna)), {"action": "cancel"})
    offer = next(m for m in mail.outbox if m.to == ["bert@example.org"] and "/plaats/" in m.body)
    clock.shift(datetime.timedelta(hours=23, minutes=59))
    call_command("expire_waitlist_offers", stdout=None)
    bert.refresh_from_db()
    assert bert.status == "aangeboden"

    clock.shift(datetime.timedelta(minutes=1))
    call_command("run_scheduler", "--once", stdout=None)
    bert.refresh_from_db()
    cees.refresh_from_db()
    assert (bert.status, cees.status) == ("verlopen", "aangeboden")
    assert cees.offer_expires_at == BEFORE + datetime.timedelta(hours=48)
    assert "niet meer geldig" in client.get(link(offer, "/plaats/")).content.decode()
    client.post(link(offer, "/plaats/"))
    bert.refresh_from_db()
    assert bert.status == "verlopen"
    assert Registration.objects.holding_a_place().count() == 1


@pytest.mark.django_db
def test_a_newcomer_does_not_jump_the_waiting_list(conference, clock):
    anna = sign_up(conference, "anna@example.org")
    sign_up(conference, "bert@example.org")
    ConferencePage.objects.filter(pk=conference.pk).update(registration_capacity=3)
    conference.refresh_from_db()
    assert sign_up(conference, "dirk@example.org").status == "wachtlijst"
    assert anna.status == "bevestigd"


@pytest.mark.django_db
def test_leaving_the_waiting_list_and_signing_up_again(client, conference, clock):
    sign_up(conference, "anna@example.org")
    bert = sign_up(conference, "bert@example.org")
    client.post(own(conference, manage_token(bert)), {"action": "cancel"})
    bert.refresh_from_db()
    assert bert.status == "geannuleerd"
    again = sign_up(conference, "BERT@example.org")
    assert again.status == "wachtlijst" and again.waiting_position() == 1
