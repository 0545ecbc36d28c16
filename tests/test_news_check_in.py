"""Issue 15: the printable attendee list and the check-in on the day itself."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from news.models import ConferenceSession, Registration
from tests.factories.news import open_conference, workshop


@pytest.fixture
def conference(news_index):
    page = open_conference(news_index, [workshop("Wijkbudget")])
    wijk = ConferenceSession.objects.get()
    for name, status in [
        ("zoë Bakker", "bevestigd"),
        ("Anna de Vries", "bevestigd"),
        ("Mo Amrani", "bevestigd"),
        ("Wachtende Wim", "wachtlijst"),
        ("Geannuleerde Gijs", "geannuleerd"),
    ]:
        registration = Registration.objects.create(
            conference=page,
            name=name,
            email=f"{name.split()[0].lower()}@example.org",
            organisation="Movisie",
            status=status,
        )
        if name.startswith("Anna"):
            registration.workshops.set([wijk])
    return page


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("redacteur", "r@example.org", "x")
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_the_attendee_list_is_sorted_by_name_with_workshops(admin_client, conference):
    response = admin_client.get(f"/admin/deelnemers/{conference.pk}/lijst/")
    html = response.content.decode()
    assert response.status_code == 200
    names = ["Anna de Vries", "Mo Amrani", "zoë Bakker"]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)  # case-insensitive: zoë last
    assert "Wachtende Wim" not in html and "Geannuleerde Gijs" not in html
    assert "<td>Anna de Vries</td><td>Movisie</td><td>Wijkbudget</td>" in html
    assert "3 deelnemers" in html


@pytest.mark.django_db
def test_check_in_finds_by_name_and_ticks_present(admin_client, conference):
    url = f"/admin/deelnemers/{conference.pk}/aanwezig/"
    found = admin_client.get(url, {"q": "amra"}).content.decode()
    assert "Mo Amrani" in found and "Anna de Vries" not in found
    assert "0 van 3 deelnemers aanwezig." in found
    mo = Registration.objects.get(name="Mo Amrani")
    ticked = admin_client.post(url, {"registration": mo.pk, "present": "1", "q": "amra"})
    assert ticked["Location"] == f"{url}?q=amra#aanmelding-{mo.pk}"
    mo.refresh_from_db()
    assert mo.checked_in_at is not None
    assert "1 van 3 deelnemers aanwezig." in admin_client.get(url).content.decode()
    admin_client.post(url, {"registration": mo.pk, "present": "0"})
    mo.refresh_from_db()
    assert mo.checked_in_at is None
    # Only confirmed participants of this conference can be ticked.
    wim = Registration.objects.get(name="Wachtende Wim")
    assert admin_client.post(url, {"registration": wim.pk, "present": "1"}).status_code == 404


@pytest.mark.django_db
def test_an_editor_sees_the_list_but_a_moderator_ticks(client, conference):
    editor = get_user_model().objects.create_user("editor", "e@example.org", "x")
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    client.force_login(editor)
    url = f"/admin/deelnemers/{conference.pk}/aanwezig/"
    html = client.get(url).content.decode()
    assert "Mo Amrani" in html and 'name="present"' not in html
    mo = Registration.objects.get(name="Mo Amrani")
    assert client.post(url, {"registration": mo.pk, "present": "1"}).status_code == 302
    mo.refresh_from_db()
    assert mo.checked_in_at is None
    assert client.get(f"/admin/deelnemers/{conference.pk}/lijst/").status_code == 200
