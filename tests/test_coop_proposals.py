""" "Meld uw coöperatie aan": a visitor's proposal is a draft for the moderators.

Whom it protects: the directory's readers (nothing a visitor sends goes live without a
moderator), coöperaties (a clear Dutch form that works without JavaScript) and moderators
(no spam floods, a mail and a dashboard panel for each proposal).
"""

import pytest

from django.contrib.auth.models import Group
from django.core import mail

from coops.models import CoopPage, CoopProposal, Municipality, Theme
from tests.factories.coops import CoopPageFactory

pytestmark = pytest.mark.django_db

URL = "/cooperaties/aanmelden/"


def _data(**extra):
    breda = Municipality.objects.get(code="GM0758")
    return {
        "title": "Buurtcoöperatie Noord",
        "intro": "Wij organiseren werk in de wijk.",
        "kvk_number": "",
        "kind": "wijkgericht",
        "legal_form": "cooperatie_ua",
        "founded_year": "2019",
        "street": "Markt 1",
        "postcode": "4811aa",
        "city": "Breda",
        "website": "https://noord.example.org/",
        "email": "info@noord.example.org",
        "phone": "",
        "municipality": str(breda.pk),
        "themes": [str(Theme.objects.get(slug="werk").pk)],
        "submitter_name": "Fatima de Vries",
        "submitter_email": "fatima@example.org",
        "nickname": "",
        **extra,
    }


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", email="mod@example.org", password="x")
    user.groups.add(Group.objects.get(name="Moderatoren"))
    return user


def test_the_form_renders_in_dutch_without_javascript(client, coop_index):
    html = client.get(URL).content.decode()
    assert "<h1>Meld uw coöperatie aan</h1>" in html
    assert (
        'method="post"' in html and "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    )
    assert 'name="nickname"' in html and "hidden" in html


def test_a_proposal_becomes_a_draft_in_the_workflow_and_is_mailed(
    client, coop_index, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _data())
    assert response.status_code == 302
    assert response["Location"] == "/cooperaties/aanmelden/?verstuurd=1"
    page = CoopPage.objects.get(title="Buurtcoöperatie Noord")
    assert not page.live
    assert page.workflow_in_progress
    assert page.postcode == "4811 AA"
    assert [t.slug for t in page.themes.all()] == ["werk"]
    proposal = CoopProposal.objects.get()
    assert (proposal.page, proposal.submitter_email) == (page, "fatima@example.org")
    subjects = {message.subject: message.to for message in mail.outbox}
    assert subjects["Uw aanmelding van Buurtcoöperatie Noord is ontvangen"] == [
        "fatima@example.org"
    ]
    assert subjects["Nieuwe aanmelding: Buurtcoöperatie Noord"] == ["mod@example.org"]
    assert any(f"/admin/pages/{page.pk}/edit/" in message.body for message in mail.outbox)
    # Not on the site until a moderator publishes it.
    assert client.get(f"/cooperaties/{page.slug}/").status_code == 404
    assert "Bedankt!" in client.get(response["Location"]).content.decode()


def test_errors_are_summarised_in_dutch_and_nothing_is_saved(client, coop_index):
    response = client.post(URL, _data(title="", postcode="12", founded_year="1700"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert "Er zijn 3 problemen met het formulier" in html
    assert '<a href="#id_postcode">' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_postcode_error"' in html
    assert not CoopPage.objects.exists()


def test_a_known_kvk_number_points_to_the_existing_entry(client, coop_index):
    CoopPageFactory(parent=coop_index, kvk_number="12345678")
    html = client.post(URL, _data(kvk_number="12345678")).content.decode()
    assert "staat al in het overzicht" in html
    assert CoopPage.objects.count() == 1


def test_the_honeypot_saves_nothing_and_tells_the_bot_nothing(client, coop_index):
    response = client.post(URL, _data(nickname="spam"))
    assert response.status_code == 302
    assert not CoopPage.objects.exists() and not mail.outbox


def test_an_address_is_rate_limited(client, coop_index):
    for n in range(5):
        assert client.post(URL, _data(title=f"Coop {n}")).status_code == 302
    response = client.post(URL, _data(title="Coop 6"))
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert CoopPage.objects.count() == 5


def test_moderators_see_waiting_proposals_on_the_dashboard(client, coop_index, moderator):
    client.post(URL, _data())
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Aangemelde coöperaties" in html
    assert "1 aanmelding wacht op een moderator." in html
    assert "Buurtcoöperatie Noord" in html and "fatima@example.org" in html
