"""Issue 15: workshops in rounds with a maximum, one choice per round; admin counts and lists."""

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
from news.registration import WorkshopFull, manage_token, register
from tests.factories.news import open_conference, workshop
from tests.test_news_waitlist import mail_at_once, own  # noqa: F401 (fixture)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
BEFORE = datetime.datetime(2017, 1, 15, 12, tzinfo=AMSTERDAM)


@pytest.fixture
def conference(news_index, time_machine):
    time_machine.move_to(BEFORE, tick=False)
    programme = [
        workshop("Bijzonder Statuut", 1, capacity=1, host="Stimulansz"),
        workshop("Wijkbudget", 1),
        workshop("Sociaal Aandeelhouderschap", 2, capacity=5, host="Movisie"),
    ]
    return open_conference(news_index, programme, registration_capacity=50, price=0)


def session(title):
    return ConferenceSession.objects.get(title=title)


@pytest.mark.django_db
def test_the_form_offers_one_choice_per_round_and_shows_full_workshops(client, conference):
    html = client.get(conference.url).content.decode()
    assert '<label for="id_workshop_1">Workshop ronde 1</label>' in html
    assert '<label for="id_workshop_2">Workshop ronde 2</label>' in html
    statuut, aandeel = session("Bijzonder Statuut"), session("Sociaal Aandeelhouderschap")
    assert "Bijzonder Statuut (Stimulansz) – nog 1 plaats</option>" in html
    assert "Sociaal Aandeelhouderschap (Movisie) – nog 5 plaatsen</option>" in html

    response = client.post(
        conference.url,
        {
            "name": "Anna",
            "email": "anna@example.org",
            "workshop_1": statuut.pk,
            "workshop_2": aandeel.pk,
        },
    )
    assert response.status_code == 302
    anna = Registration.objects.get()
    assert set(anna.workshops.all()) == {statuut, aandeel}
    assert "Workshop: Bijzonder Statuut (13:00)" in mail.outbox[0].body

    html = client.get(conference.url).content.decode()
    assert (
        f'<option value="{statuut.pk}" disabled>Bijzonder Statuut (Stimulansz) – vol</option>'
        in html
    )
    refused = client.post(
        conference.url, {"name": "Bert", "email": "bert@example.org", "workshop_1": statuut.pk}
    )
    assert refused.status_code == 200
    assert "Deze workshop is vol; kies een andere." in refused.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_the_count_is_checked_again_under_the_lock(conference):
    statuut = session("Bijzonder Statuut")
    register(conference, {"name": "A", "email": "a@example.org"}, workshops=[statuut.pk])
    with pytest.raises(WorkshopFull) as full:
        register(conference, {"name": "B", "email": "b@example.org"}, workshops=[statuut.pk])
    assert full.value.sessions == {statuut.pk}
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_participant_changes_workshops_and_keeps_a_full_one_of_their_own(client, conference):
    statuut, wijk = session("Bijzonder Statuut"), session("Wijkbudget")
    anna = register(conference, {"name": "Anna", "email": "a@example.org"}, workshops=[statuut.pk])
    link = own(conference, manage_token(anna))
    html = client.get(link).content.decode()
    # Her own choice is full, but hers: it stays selectable and selected.
    assert f'<option value="{statuut.pk}" selected>' in html
    kept = client.post(link, {"action": "change", "name": "Anna", "workshop_1": statuut.pk})
    assert kept.status_code == 302
    client.post(link, {"action": "change", "name": "Anna", "workshop_1": wijk.pk})
    assert list(anna.workshops.all()) == [wijk]
    # Now the place in Bijzonder Statuut is free again for someone else.
    register(conference, {"name": "Bert", "email": "b@example.org"}, workshops=[statuut.pk])


@pytest.mark.django_db
def test_an_offer_drops_a_workshop_that_filled_up_meanwhile(client, conference):
    ConferencePage.objects.filter(pk=conference.pk).update(registration_capacity=1)
    conference.refresh_from_db()
    statuut, aandeel = session("Bijzonder Statuut"), session("Sociaal Aandeelhouderschap")
    anna = register(conference, {"name": "Anna", "email": "a@example.org"})
    bert = register(
        conference, {"name": "Bert", "email": "b@example.org"}, workshops=[statuut.pk, aandeel.pk]
    )
    assert bert.status == "wachtlijst"
    # An organiser adds Cees by hand into the one place of Bijzonder Statuut.
    cees = Registration.objects.create(conference=conference, name="Cees", email="c@example.org")
    cees.workshops.set([statuut])
    ConferencePage.objects.filter(pk=conference.pk).update(registration_capacity=2)
    client.post(own(conference, manage_token(anna)), {"action": "cancel"})
    bert.refresh_from_db()
    assert bert.status == "aangeboden" and list(bert.workshops.all()) == [aandeel]


@pytest.mark.django_db
def test_admin_counts_per_workshop_and_exports_its_participants(client, conference):
    statuut = session("Bijzonder Statuut")
    register(conference, {"name": "Zoë", "email": "z@example.org"}, workshops=[statuut.pk])
    waiting = Registration.objects.create(
        conference=conference, name="=HYPERLINK(1)", email="w@example.org", status="bevestigd"
    )
    waiting.workshops.set([statuut])
    admin = get_user_model().objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(admin)
    page = client.get("/admin/deelnemers/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bijzonder Statuut" in html and "2 (vol)" in html

    export = client.get(f"/admin/deelnemers/workshop/{statuut.pk}.csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == ["Naam", "E-mailadres", "Organisatie", "Dieetwensen", "Status"]
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(1)", "Zoë"]


@pytest.mark.django_db
def test_workshop_pages_need_the_registration_permission(client, conference):
    user = get_user_model().objects.create_user("zonder", "z@example.org", "x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    statuut = session("Bijzonder Statuut")
    for url in ("/admin/deelnemers/", f"/admin/deelnemers/workshop/{statuut.pk}.csv"):
        refused = client.get(url)  # Wagtail turns PermissionDenied into a redirect home
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sign_ups_for_the_last_workshop_place_at_once(conference):
    """Two threads, two connections, one workshop place left (PostgreSQL row lock)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers database-wide")
    statuut = session("Bijzonder Statuut")
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(email):
        try:
            barrier.wait(timeout=10)
            register(conference, {"name": email, "email": email}, workshops=[statuut.pk])
            outcomes.append("ok")
        except WorkshopFull:
            outcomes.append("vol")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(f"{n}@example.org",)) for n in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "vol"]
    assert Registration.objects.filter(workshops=statuut).count() == 1


@pytest.mark.django_db
def test_the_page_with_an_open_form_has_a_fixed_number_of_queries(
    client, conference, django_assert_num_queries
):
    """16 queries: the page and its relations (14 before the workshops), plus the places held
    and the workshop counts — whatever the number of workshops or sign-ups."""
    client.get(conference.url)  # warm the site and menu caches
    with django_assert_num_queries(16):
        assert "Workshop ronde 2" in client.get(conference.url).content.decode()
    page = ConferencePage.objects.get(pk=conference.pk)
    page.programme.add(*(workshop(f"Extra {n}", 2, capacity=3) for n in range(5)))
    page.save_revision().publish()
    for n in range(4):
        register(
            conference,
            {"name": f"D{n}", "email": f"d{n}@example.org"},
            workshops=[session(f"Extra {n}").pk],
        )
    client.get(conference.url)  # publishing emptied the caches
    with django_assert_num_queries(16):
        assert "Extra 4" in client.get(conference.url).content.decode()
