"""The privacy matrix: what is not live *and* public never reaches a visitor or an app.

Whom it protects: the people behind a restricted or unpublished page (a coöperatie in
oprichting, an article under embargo) and the editors who trust "concept" and
"afgeschermd" to mean what they say. Every hidden page of every state and page type is
looked for on every surface a visitor or an app can reach, anonymously.

Hidden titles start with `GEHEIM-`, hidden slugs with `verborgen-`; neither may appear
in any response. A page that is live with a newer draft shows only its live title.
"""

import datetime
from urllib.parse import urlencode

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

from news.models import Registration
from news.registration import manage_token
from tests.api_support import bearer, make_user
from tests.factories.coops import CoopPageFactory
from tests.factories.news import (
    ConferencePageFactory,
    ConferencePartnerFactory,
    NewsPageFactory,
)

STATES = [
    "draft",
    "live_with_draft",
    "login",
    "password",
    "group",
    "unpublished",
    "expired",
    "scheduled",
]
KINDS = {"coop": CoopPageFactory, "news": NewsPageFactory, "conference": ConferencePageFactory}
RESTRICTIONS = {
    "login": PageViewRestriction.LOGIN,
    "password": PageViewRestriction.PASSWORD,
    "group": PageViewRestriction.GROUPS,
}


def _hide(page, state, marker):
    """Bring a freshly created (unpublished) page into `state`."""
    if state == "draft":
        page.save_revision()
    elif state == "scheduled":
        page.go_live_at = timezone.now() + datetime.timedelta(days=30)
        page.save_revision().publish()
    elif state == "live_with_draft":
        page.save_revision().publish()
        page.title = marker
        page.save_revision()
    else:
        page.save_revision().publish()
        if state in RESTRICTIONS:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=RESTRICTIONS[state], password="geheim-wachtwoord"
            )
            if state == "group":
                restriction.groups.add(Group.objects.get_or_create(name="Besloten kring")[0])
        elif state == "unpublished":
            page.refresh_from_db()  # publish() updated the revision's copy, not this one
            page.unpublish()
        elif state == "expired":
            page.expire_at = timezone.now() - datetime.timedelta(days=1)
            page.save_revision().publish()


@pytest.fixture
def matrix(news_index, coop_index):
    """One hidden page per state and type, and public pages that point at all of them."""
    public_coop = CoopPageFactory(parent=coop_index, title="Openbare coöperatie", slug="open")
    public_coop.save_revision().publish()
    hidden = {}
    for state in STATES:
        for kind, factory in KINDS.items():
            marker = f"GEHEIM-{state}-{kind}"
            parent = coop_index if kind == "coop" else news_index
            live_title = f"Zichtbaar {state} {kind}" if state == "live_with_draft" else marker
            page = factory(
                parent=parent,
                title=live_title,
                slug=f"verborgen-{state}-{kind}" if state != "live_with_draft" else f"z-{kind}",
                live=False,
            )
            if kind == "news":
                # Hidden articles name the public entry: its "in het nieuws" must not show them.
                page.related_coops.set([public_coop])
                page.save()
            _hide(page, state, marker)
            hidden[(state, kind)] = page
    call_command("publish_scheduled")  # the scheduler's run: the expired pages expire

    coops = [hidden[(state, "coop")] for state in STATES]
    article = NewsPageFactory(parent=news_index, title="Openbaar bericht", slug="openbaar")
    article.related_coops.set([public_coop, *coops])
    article.save_revision().publish()
    conference = ConferencePageFactory(
        parent=news_index, title="Openbare conferentie", slug="openbare-conferentie"
    )
    for coop in coops:
        ConferencePartnerFactory(page=conference, name=f"Partner {coop.pk}", coop=coop)
    ConferencePartnerFactory(page=conference, name="Partner open", coop=public_coop)
    conference.save_revision().publish()
    return {
        "hidden": hidden,
        "public": {"coop": public_coop, "news": article, "conference": conference},
    }


SURFACES = [
    # HTML pages and listings
    "/",
    "/nieuws/",
    "/nieuws/?page=2",
    "/nieuws/agenda/",
    "/cooperaties/",
    "/cooperaties/?q=geheim",
    "/cooperaties/?status=actief",
    # relations on public pages
    "/nieuws/openbaar/",
    "/nieuws/openbare-conferentie/",
    "/cooperaties/open/",
    "/cooperaties/open/murmurations.json",
    # municipality pages and Sociaal Aandeelhouderschap (the matrix's entries are in Breda)
    "/cooperaties/gemeente/breda/",
    "/cooperaties/sociaal-aandeelhouderschap/",
    "/cooperaties/sociaal-aandeelhouderschap/geojson/",
    "/cooperaties/aanmelden/",
    # the embeddable widget
    "/cooperaties/embed/",
    "/cooperaties/embed/?gemeente=breda",
    # search
    "/zoeken/?q=geheim",
    "/zoeken/?q=geheim&type=nieuws",
    "/zoeken/?q=geheim&type=agenda",
    "/zoeken/?q=geheim&type=cooperaties",
    "/zoeken/suggesties/?q=gehe",
    "/zoeken/suggesties/?q=gehe&type=cooperaties",
    # exports
    "/cooperaties/export/csv/",
    "/cooperaties/export/json/",
    "/cooperaties/export/geojson/",
    # feeds and iCalendar
    "/nieuws/rss/",
    "/nieuws/atom/",
    "/nieuws/agenda/ical/",
    "/nieuws/openbare-conferentie/ical/",
    "/sitemap.xml",
    # API v2
    "/api/v2/pages/?limit=100",
    "/api/v2/pages/?limit=100&fields=*&type=coops.CoopPage",
    "/api/v2/pages/?limit=100&fields=*&type=news.NewsPage",
    "/api/v2/pages/?limit=100&fields=*&type=news.ConferencePage",
    "/api/v2/pages/?search=geheim",
    "/api/v2/pages/?type=coops.CoopPage&search=geheim",
    "/api/v2/pages/{news}/",
    "/api/v2/pages/{conference}/",
    "/api/v2/pages/{coop}/",
    # incremental sync: what changed, and what disappeared (ids and types only)
    "/api/v2/pages/?limit=100&updated_after=2000-01-01T00:00:00Z",
    "/api/v2/pages/removed/?limit=100&since=2000-01-01T00:00:00Z",
    # API v3, anonymous
    "/api/v3/pages/?limit=100",
    "/api/v3/pages/?limit=100&type=coops.CoopPage",
    "/api/v3/pages/{news}/",
    "/api/v3/pages/{conference}/",
    "/api/v3/pages/{coop}/",
    "/api/v3/pages/?limit=100&updated_after=2000-01-01T00:00:00Z",
    "/api/v3/pages/removed/?limit=100&since=2000-01-01T00:00:00Z",
]


def _leaks(content, hidden):
    text = content.decode("utf-8", "replace")
    return [
        f"GEHEIM-{state}-{kind}"
        for (state, kind), page in hidden.items()
        if f"GEHEIM-{state}-{kind}" in text or f"verborgen-{state}-{kind}" in text
    ]


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.django_db
def test_nothing_hidden_reaches_any_surface(matrix):
    public = {kind: page.pk for kind, page in matrix["public"].items()}
    # API v3 also with the token of a user without groups (it sees what anonymous sees).
    _, token = bearer(make_user("zonder-groepen"))
    requests = [(surface, {}) for surface in SURFACES] + [
        (surface, {"HTTP_AUTHORIZATION": token})
        for surface in SURFACES
        if surface.startswith("/api/v3/")
    ]
    client = Client()
    leaks, checks = {}, 0
    for surface, headers in requests:
        url = surface.format(**public)
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, headers, response.status_code)
        checks += len(matrix["hidden"])
        found = _leaks(_body(response), matrix["hidden"])
        if found:
            leaks[(url, bool(headers))] = found
    assert leaks == {}
    # 8 states × 3 page types × (49 anonymous + 7 token) requests = 1,344 checks
    assert checks == len(STATES) * len(KINDS) * len(requests) == 1344


@pytest.mark.django_db
def test_a_hidden_page_is_not_served(matrix):
    """Its own URL, its iCalendar file and its API detail give nothing of it away."""
    client = Client()
    for state, kind in matrix["hidden"]:
        page = matrix["hidden"][(state, kind)]
        urls = [
            page.url_path,
            f"/api/v2/pages/{page.pk}/",
            f"/api/v3/pages/{page.pk}/",
            f"/deelkaart/{page.pk}-000000000000.png",  # its social card
        ]
        if state == "live_with_draft":
            # Live: served, with the live title only.
            response = client.get(page.get_url())
            assert response.status_code == 200
            assert not _leaks(_body(response), matrix["hidden"])
            continue
        for url in [page.get_url() or f"/{page.slug}/", *urls[1:]]:
            response = client.get(url)
            assert response.status_code in {302, 401, 403, 404} or (
                state == "password" and response.status_code == 200
            ), (url, response.status_code)
            # Its own URL may appear (the password form posts to it); its title may not.
            assert f"GEHEIM-{state}".encode() not in _body(response), url
        if kind == "coop":
            # Its Murmurations profile (live with a draft: the live version, checked above).
            response = client.get(f"/cooperaties/verborgen-{state}-coop/murmurations.json")
            assert response.status_code in {302, 401, 403, 404} or (
                state == "password" and b"linked_schemas" not in _body(response)
            ), (state, response.status_code)
            assert f"GEHEIM-{state}".encode() not in _body(response), state
        if kind == "conference" and page.get_url():
            response = client.get(page.get_url() + "ical/")
            assert response.status_code != 200 or b"BEGIN:VEVENT" not in _body(response)
            # A participant's own link (issue 15) shows nothing of a hidden conference either.
            registration = Registration.objects.create(
                conference_id=page.pk, name="Deelnemer", email=f"d{page.pk}@example.org"
            )
            own = page.get_url() + "aanmelding/?" + urlencode({"code": manage_token(registration)})
            response = client.get(own)
            assert response.status_code != 200 or state == "password", (own, state)
            assert f"GEHEIM-{state}".encode() not in _body(response), own
