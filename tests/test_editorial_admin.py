"""The admin for editors: Dutch tabs, preview modes and the dashboard (issue 7)."""

import datetime as dt

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

from coops.models import CoopPage, Theme
from home.dashboard import DirectoryAttentionPanel, conference_page_model
from home.models import HomePage, StandardPage
from tests.factories.editorial import make_editor
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [HomePage, StandardPage])
def test_page_types_have_dutch_tabs(model):
    tabs = [str(tab.heading) for tab in model.get_edit_handler().children]
    assert tabs[-3:] == ["Inhoud", "Vindbaarheid", "Publicatie"]


def test_edit_form_shows_tabs_and_help_texts(client, home_page):
    page = StandardPageFactory(parent=home_page)
    client.force_login(make_editor())
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    for text in ("Vindbaarheid", "Publicatie", "Korte, duidelijke titel", "Voor zoekmachines"):
        assert text in html


def test_standard_page_preview_modes(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Over ons", intro="Wie we zijn.")
    assert [mode for mode, _label in page.preview_modes] == ["", "kaartje", "zoekresultaat"]
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    # Wagtail previews the posted form, then renders it in the requested mode.
    data = nested_form_data(
        {"title": "Over ons", "slug": "over-ons", "intro": "Wie we zijn.", "body": streamfield([])}
    )
    assert client.post(url, data).json()["is_valid"]
    card = client.get(url, {"mode": "kaartje"}).content.decode()
    assert 'class="card"' in card and "Wie we zijn." in card
    search = client.get(url, {"mode": "zoekresultaat"}).content.decode()
    assert "Voorbeeld: zo tonen zoekmachines deze pagina" in search
    page_html = client.get(url, {"mode": ""}).content.decode()
    assert "<h1>Over ons</h1>" in page_html


def test_home_page_has_a_search_result_preview(home_page):
    assert [mode for mode, _label in home_page.preview_modes] == ["", "zoekresultaat"]


def add_coop(index, title, *, lat=None, lon=None, themes=()):
    coop = CoopPage(title=title, slug=title.lower().replace(" ", "-"), lat=lat, lon=lon)
    index.add_child(instance=coop)
    coop.themes.set(themes)
    coop.save_revision().publish()
    return coop


def test_directory_attention_lists_what_is_missing(coop_index):
    work = Theme.objects.get(slug="werk")
    now = dt.datetime(2026, 11, 14, 12, 0, tzinfo=dt.UTC)
    with time_machine.travel(now - dt.timedelta(days=400), tick=False):
        add_coop(coop_index, "Oude Coop", lat=51.6, lon=4.8, themes=[work])
    with time_machine.travel(now, tick=False):
        add_coop(coop_index, "Compleet", lat=51.6, lon=4.8, themes=[work])
        add_coop(coop_index, "Zonder Plek", themes=[work])
        add_coop(coop_index, "Zonder Thema", lat=52.0, lon=5.0)
        entries, total = DirectoryAttentionPanel().get_entries(now=now)
    reasons = {entry["page"].title: entry["reasons"] for entry in entries}
    assert reasons == {
        "Oude Coop": ["stale"],
        "Zonder Plek": ["location"],
        "Zonder Thema": ["themes"],
    }
    assert total == 3


def test_directory_attention_query_count_is_fixed(coop_index):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            DirectoryAttentionPanel().get_entries()
        return len(ctx.captured_queries)

    add_coop(coop_index, "Een")
    few = count_queries()
    for n in range(5):
        add_coop(coop_index, f"Coop {n}")
    assert count_queries() == few == 2


def test_dashboard_shows_editor_panels(client, coop_index):
    add_coop(coop_index, "Zonder Plek")
    StandardPageFactory(parent=coop_index.get_parent(), title="Over ons").save_revision(
        log_action=True
    )
    client.force_login(make_editor())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Coöperaties die aandacht nodig hebben" in html
    assert "Zonder Plek" in html and "geen locatie" in html
    assert "Recent bewerkt door de redactie" in html and "Over ons" in html
    # Shown once the news app provides ConferencePage (issue 3); not before.
    assert ("Komende conferenties" in html) == (conference_page_model() is not None)


def test_directory_attention_survives_a_manager_that_loads_related_rows(coop_index, monkeypatch):
    """Regression: after the merge, CoopPage's manager selected related rows by default and
    the panel's .only() turned that into a FieldError, a 500 on every editor's dashboard."""
    manager_class = type(CoopPage.objects)
    plain = manager_class.get_queryset
    monkeypatch.setattr(manager_class, "get_queryset", lambda self: plain(self).with_related())
    add_coop(coop_index, "Zonder Plek")
    entries, total = DirectoryAttentionPanel().get_entries()
    assert [entry["page"].title for entry in entries] == ["Zonder Plek"]
