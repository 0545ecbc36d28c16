"""The API v2 contract: for every page type, the exact fields an app receives and their JSON types.

Changing a name or a type here is a breaking change for apps; do it deliberately,
update docs/api.md and tell the apps. Adding a page type is one entry in CONTRACTS.
"""

import datetime
import re
import zoneinfo

import pytest

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from coops.models import Municipality, Theme
from news.models import ConferencePartner, ConferenceSession, ConferenceSpeaker, NewsSource
from tests.api_support import make_directory
from tests.factories.home import StandardPageFactory
from tests.factories.news import ConferencePageFactory, NewsIndexPageFactory, NewsPageFactory

STR, INT, FLOAT, BOOL, LIST, DICT, NULL = str, int, float, bool, list, dict, type(None)


class Pattern:
    """A string matching `regex` (dates, datetimes with their UTC offset)."""

    def __init__(self, regex, name):
        self.regex, self.name = re.compile(regex), name

    def __repr__(self):
        return self.name


class ListOf:
    """A JSON array whose every item matches `item` (a type, a shape dict, ...)."""

    def __init__(self, item):
        self.item = item


class OrNull:
    def __init__(self, spec):
        self.spec = spec


DATE = Pattern(r"^\d{4}-\d\d-\d\d$", "DATE")
#: Europe/Amsterdam: +01:00 in winter, +02:00 in summer; never naive, never UTC "Z".
DATETIME = Pattern(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$", "DATETIME")
TIME = Pattern(r"^\d\d:\d\d$", "TIME")
RENDITION = {"url": STR, "width": INT, "height": INT}
IMAGE = OrNull(
    {
        "id": INT,
        "title": STR,
        "alt": STR,
        "renditions": {"thumbnail": RENDITION, "medium": RENDITION, "large": RENDITION},
    }
)
LINK = {"id": INT, "title": STR, "url": STR}
MUNICIPALITY = {"code": STR, "name": STR, "province": STR}
#: One Theme shape in every page type (coops gained `id` in issue 11, an additive change).
THEME = {"id": INT, "slug": STR, "name": STR}

#: Every page has these (Wagtail's meta), in listings with fields=* and in detail.
META = {
    "type": STR,
    "detail_url": STR,
    "html_url": STR,
    "slug": STR,
    "show_in_menus": BOOL,
    "seo_title": STR,
    "search_description": STR,
    "first_published_at": (STR, NULL),
    "alias_of": (DICT, NULL),
    "locale": STR,
}

#: Detail adds the parent (for breadcrumbs) and Wagtail leaves out the locale.
DETAIL_META = {**{k: v for k, v in META.items() if k != "locale"}, "parent": (DICT, NULL)}

#: type -> (whom it protects, {field: JSON type(s)}), besides id, meta and title.
CONTRACTS = {
    "home.HomePage": (
        "the mobile app's start screen reads hero_title/hero_intro/hero_image and the body",
        {"hero_title": STR, "hero_intro": STR, "hero_image": IMAGE, "body": LIST},
    ),
    "home.StandardPage": (
        "partner sites embed 'Over ons' and 'Bijzonder Statuut' pages: intro and body",
        {"intro": STR, "body": LIST},
    ),
    "coops.CoopIndexPage": (
        "partner sites show the directory's introduction above their own list",
        {"intro": STR},
    ),
    "coops.CoopPage": (
        "the map app reads lat/lon as numbers and location_is_approximate as a boolean; "
        "municipal portals read municipality {code, name, province}, themes [{id, slug, name}], "
        "social_shareholder {code, name} and the statute; cards read intro, logo and image",
        {
            "intro": STR,
            "body": LIST,
            "logo": IMAGE,
            "image": IMAGE,
            "kind": STR,
            "legal_form": STR,
            "kvk_number": STR,
            "founded_year": OrNull(INT),
            "status": STR,
            "members": OrNull(INT),
            "municipality": OrNull(MUNICIPALITY),
            "province": STR,
            "street": STR,
            "postcode": STR,
            "city": STR,
            "lat": OrNull(FLOAT),
            "lon": OrNull(FLOAT),
            "location_is_approximate": BOOL,
            "themes": ListOf(THEME),
            "website": STR,
            "email": STR,
            "phone": STR,
            "social_shareholder": OrNull({"code": STR, "name": STR}),
            "social_shareholder_since": OrNull(DATE),
            "social_shareholder_term_years": OrNull(INT),
            "special_statute": BOOL,
            "special_statute_date": OrNull(DATE),
            "related_news": ListOf({"id": INT, "title": STR, "url": STR, "date": OrNull(DATE)}),
        },
    ),
    "news.NewsIndexPage": (
        "the mobile app's news tab shows the index's introduction",
        {"intro": STR},
    ),
    "news.NewsPage": (
        "news readers (mobile app, partner sites) sort on date (ISO date), show intro, image "
        "renditions and the body as HTML blocks, and link related_coops [{id, title, url}]",
        {
            "date": DATE,
            "intro": STR,
            "image": IMAGE,
            "body": LIST,
            "tags": ListOf(STR),
            "themes": ListOf(THEME),
            "related_coops": ListOf(LINK),
            "sources": ListOf({"title": STR, "url": STR}),
        },
    ),
    "news.ConferencePage": (
        "calendar apps read start/end as ISO datetimes with +01:00/+02:00 offset, the address "
        "and price as a number; the agenda app shows programme, speakers, partners and "
        "registration_status",
        {
            "date": DATE,
            "subtitle": STR,
            "start": DATETIME,
            "end": DATETIME,
            "venue_name": STR,
            "street": STR,
            "postcode": STR,
            "city": STR,
            "municipality": OrNull(MUNICIPALITY),
            "price": OrNull((INT, FLOAT)),
            "price_note": STR,
            "audience": STR,
            "intro": STR,
            "image": IMAGE,
            "body": LIST,
            "programme": ListOf(
                {
                    "start_time": TIME,
                    "end_time": TIME,
                    "title": STR,
                    "description": STR,
                    "kind": STR,
                    "room": STR,
                    "speakers": STR,
                }
            ),
            "speakers": ListOf({"name": STR, "role": STR, "organisation": STR, "photo": IMAGE}),
            "partners": ListOf({"name": STR, "url": STR, "logo": IMAGE, "coop": OrNull(LINK)}),
            "registration_url": STR,
            "registration_status": STR,
            "tags": ListOf(STR),
            "themes": ListOf(THEME),
        },
    ),
}


@pytest.fixture
def all_types(home_page):
    """One page of every type, with every optional relation filled so nested shapes show."""
    image = Image.objects.create(title="Kop", file=get_test_image_file())
    home_page.hero_image = image
    home_page.save_revision().publish()
    breda = Municipality.objects.get(code="GM0758")
    _index, (coop,) = make_directory(
        home_page,
        1,
        logo=image,
        image=image,
        municipality=breda,
        founded_year=2015,
        members=40,
        social_shareholder=breda,
        social_shareholder_since=datetime.date(2016, 11, 14),
        social_shareholder_term_years=5,
        special_statute=True,
        special_statute_date=datetime.date(2016, 11, 14),
    )
    coop.themes.set([Theme.objects.get(slug="werk")])
    coop.save_revision().publish()
    StandardPageFactory(parent=home_page).save_revision().publish()

    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, image=image)
    news.related_coops = [coop]
    news.themes = [Theme.objects.get(slug="werk")]
    news.sources = [NewsSource(title="Omroep Brabant", url="https://example.org/")]
    news.tags.add("Breda")
    news.save_revision().publish()

    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    conference = ConferencePageFactory(
        parent=news_index,
        municipality=Municipality.objects.get(code="GM0796"),
        image=image,
        # Summer time, so the contract sees +02:00 next to the winter +01:00 of `start`.
        end=datetime.datetime(2017, 6, 10, 17, tzinfo=amsterdam),
        registration_url="https://example.org/aanmelden",
    )
    conference.programme = [
        ConferenceSession(
            start_time=datetime.time(13), end_time=datetime.time(14), title="Workshop"
        )
    ]
    conference.speakers = [ConferenceSpeaker(name="Spreker", role="Voorzitter", photo=image)]
    conference.partners = [ConferencePartner(name="Movisie", logo=image, coop=coop)]
    conference.tags.add("Breda")
    conference.themes = [Theme.objects.get(slug="werk")]
    conference.save_revision().publish()


def check(value, spec, where):
    """Assert `value` matches `spec`: a type or tuple of types, Pattern, ListOf, OrNull, shape."""
    if isinstance(spec, OrNull):
        if value is not None:
            check(value, spec.spec, where)
    elif isinstance(spec, Pattern):
        assert isinstance(value, str) and spec.regex.match(value), f"{where}: {value!r} {spec}"
    elif isinstance(spec, ListOf):
        assert isinstance(value, list), f"{where}: {value!r}"
        for n, item in enumerate(value):
            check(item, spec.item, f"{where}[{n}]")
    elif isinstance(spec, dict):
        assert isinstance(value, dict), f"{where}: {value!r}"
        assert set(value) == set(spec), f"{where}: {sorted(set(value) ^ set(spec))}"
        for name, item_spec in spec.items():
            check(value[name], item_spec, f"{where}.{name}")
    else:
        # bool is an int in Python; an app's JSON parser tells them apart.
        if spec is INT or spec == (INT, FLOAT):
            assert not isinstance(value, bool), f"{where}: {value!r}"
        assert isinstance(value, spec), f"{where}: {value!r}"


@pytest.mark.parametrize("page_type", sorted(CONTRACTS))
def test_page_type_contract(client, all_types, page_type):
    consumer, fields = CONTRACTS[page_type]
    listing = client.get(f"/api/v2/pages/?type={page_type}&fields=*").json()
    item = listing["items"][0]
    check(item, {"id": INT, "meta": DICT, "title": STR, **fields}, f"{page_type} ({consumer})")
    check(item["meta"], META, f"{page_type}.meta")
    # The fixture fills every optional field, so the nested shapes above were really checked.
    for name, spec in fields.items():
        if isinstance(spec, (OrNull, ListOf)):
            assert item[name] not in (None, []), f"{page_type}.{name} is empty in the fixture"

    detail = client.get(item["meta"]["detail_url"]).json()
    check(
        detail,
        {"id": INT, "meta": DICT, "title": STR, **fields},
        f"{page_type} detail ({consumer})",
    )
    check(detail["meta"], DETAIL_META, f"{page_type} detail meta")


def test_image_fields_carry_three_named_renditions(client, all_types):
    """Apps show hero images without another request: url, width, height per size, and alt."""
    home = client.get("/api/v2/pages/?type=home.HomePage&fields=hero_image").json()["items"][0]
    image = home["hero_image"]
    assert set(image) == {"id", "title", "alt", "renditions"}
    assert set(image["renditions"]) == {"thumbnail", "medium", "large"}
    for rendition in image["renditions"].values():
        check(rendition, {"url": STR, "width": INT, "height": INT}, "rendition")
