"""The coöperatie directory: what visitors, apps and editors notice."""

import csv
import datetime
import io
import json

import pytest

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from coops.models import CoopPage, Municipality, Theme
from tests.factories.coops import CoopPageFactory


@pytest.fixture
def themes(db):
    return {theme.slug: theme for theme in Theme.objects.all()}


def municipality(code):
    return Municipality.objects.get(code=code)


@pytest.fixture
def directory(coop_index, themes):
    """Three live entries, one draft and one private entry."""
    breda = CoopPageFactory(
        parent=coop_index,
        title="Coöperatie De Vrije Uitloop U.A.",
        slug="de-vrije-uitloop",
        kvk_number="12345678",
        social_shareholder=municipality("GM0758"),
        social_shareholder_since=datetime.date(2016, 11, 14),
        social_shareholder_term_years=5,
        special_statute=True,
        themes=[themes["werk"], themes["inkomen"]],
    )
    bosch = CoopPageFactory(
        parent=coop_index,
        title="Buurtcoöperatie Graafsewijk",
        slug="graafsewijk",
        municipality=municipality("GM0796"),
        lat=51.70,
        lon=5.32,
        kind=CoopPage.Kind.NEIGHBOURHOOD,
        themes=[themes["buurt"]],
    )
    utrecht = CoopPageFactory(
        parent=coop_index,
        title="Energiecoöperatie Zuilen",
        slug="zuilen",
        municipality=municipality("GM0344"),
        kind=CoopPage.Kind.THEMATIC,
        status=CoopPage.Status.FOUNDING,
        themes=[themes["energie"], themes["werk"]],
    )
    draft = CoopPageFactory(parent=coop_index, title="Geheime conceptcoöperatie", slug="concept")
    draft.unpublish()
    private = CoopPageFactory(parent=coop_index, title="Besloten privécoöperatie", slug="prive")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    return {"breda": breda, "bosch": bosch, "utrecht": utrecht}


HIDDEN = ("Geheime conceptcoöperatie", "Besloten privécoöperatie")


def titles(response):
    return [t for t in ("Vrije Uitloop", "Graafsewijk", "Zuilen") if t in response.text]


def api(client, query=""):
    return client.get(f"/api/v2/pages/?type=coops.CoopPage&fields=*{query}")


# Visitors: the directory page


@pytest.mark.django_db
class TestDirectory:
    def test_lists_live_public_entries_only(self, client, directory):
        response = client.get("/cooperaties/")
        assert response.status_code == 200
        assert titles(response) == ["Vrije Uitloop", "Graafsewijk", "Zuilen"]
        assert "3 coöperaties gevonden" in response.text
        for hidden in HIDDEN:
            assert hidden not in response.text

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("provincie=Noord-Brabant", ["Vrije Uitloop", "Graafsewijk"]),
            ("gemeente=GM0344", ["Zuilen"]),
            ("gemeente=Den+Bosch", ["Graafsewijk"]),
            ("gemeente=utrecht", ["Zuilen"]),
            ("thema=buurt", ["Graafsewijk"]),
            ("thema=buurt&thema=energie", ["Graafsewijk", "Zuilen"]),
            ("soort=thematisch", ["Zuilen"]),
            ("aandeelhouder=ja", ["Vrije Uitloop"]),
            ("statuut=ja", ["Vrije Uitloop"]),
            ("status=in_oprichting", ["Zuilen"]),
            ("q=graafsewijk", ["Graafsewijk"]),
            ("q=den+bosch", ["Graafsewijk"]),
            ("q=energie&provincie=Utrecht&thema=werk", ["Zuilen"]),
            ("q=breda&aandeelhouder=ja&statuut=ja", ["Vrije Uitloop"]),
        ],
    )
    def test_filters(self, client, directory, query, expected):
        response = client.get(f"/cooperaties/?{query}")
        assert response.status_code == 200
        assert titles(response) == expected

    def test_nothing_found_is_a_friendly_message(self, client, directory):
        response = client.get("/cooperaties/?q=bestaatniet")
        assert "Geen coöperaties gevonden" in response.text

    @pytest.mark.parametrize(
        "query",
        [
            "page=abc",
            "page=999",
            "page=-1",
            "onbekend=1",
            "provincie=Atlantis",
            "gemeente=GM9999",
            "thema=<script>",
            "aandeelhouder=misschien",
            "sort=random",
            "q=" + "x" * 1000,
            "q=%22",
            "q=AND+OR+NOT",
        ],
    )
    def test_bad_parameters_never_fail(self, client, directory, query):
        response = client.get(f"/cooperaties/?{query}")
        assert response.status_code == 200
        assert "<script>" not in response.text.split("<main", 1)[1].split("</main>", 1)[0]

    def test_ignored_filter_is_explained(self, client, directory):
        response = client.get("/cooperaties/?provincie=Atlantis")
        assert "Onbekende provincie ‘Atlantis’ genegeerd." in response.text
        assert titles(response) == ["Vrije Uitloop", "Graafsewijk", "Zuilen"]

    def test_unknown_theme_is_ignored_and_the_known_one_applies(self, client, directory):
        response = client.get("/cooperaties/?thema=buurt&thema=bestaatniet&gemeente=Nergens")
        assert "Onbekend thema ‘bestaatniet’ genegeerd." in response.text
        assert "Onbekende gemeente ‘Nergens’ genegeerd." in response.text
        assert titles(response) == ["Graafsewijk"]

    def test_people_may_write_values_their_way(self, client, directory):
        """The page reads ja/1, a municipality's name and any case; the API does not."""
        response = client.get(
            "/cooperaties/?aandeelhouder=1&gemeente=BREDA&provincie=noord-brabant"
        )
        assert titles(response) == ["Vrije Uitloop"]
        assert response.context["directory"]["notices"] == []

    def test_facets_count_current_results(self, client, directory):
        response = client.get("/cooperaties/?thema=werk")
        facets = response.context["directory"]["facets"]
        provinces = {item["name"]: item["count"] for item in facets["provinces"]}
        assert provinces["Noord-Brabant"] == 1
        assert provinces["Utrecht"] == 1
        assert provinces["Zeeland"] == 0
        per_theme = {item["slug"]: item["count"] for item in facets["themes"]}
        assert per_theme["werk"] == 2
        assert per_theme["energie"] == 1
        assert per_theme["buurt"] == 0

    def test_active_filters_can_be_removed_one_by_one(self, client, directory):
        response = client.get("/cooperaties/?provincie=Utrecht&thema=werk")
        active = response.context["directory"]["active_filters"]
        assert [item["url"] for item in active] == ["?thema=werk", "?provincie=Utrecht"]

    def test_pagination_keeps_filters(self, client, coop_index):
        for number in range(25):
            CoopPageFactory(parent=coop_index, title=f"Coöperatie {number:02d}")
        response = client.get("/cooperaties/?provincie=Noord-Brabant&page=abc")
        assert response.context["directory"]["page_obj"].number == 1
        assert 'href="?provincie=Noord-Brabant&amp;page=2"' in response.text
        response = client.get("/cooperaties/?provincie=Noord-Brabant&page=2")
        assert len(response.context["directory"]["page_obj"].object_list) == 5

    def test_links_exports_with_the_same_filters(self, client, directory):
        response = client.get("/cooperaties/?provincie=Utrecht")
        assert 'href="/cooperaties/export/csv/?provincie=Utrecht"' in response.text
        assert 'data-geojson="/cooperaties/export/geojson/?provincie=Utrecht"' in response.text
        assert "js_lib_leaflet/leaflet.js" in response.text

    @pytest.mark.usefixtures("no_page_cache")
    @pytest.mark.parametrize("cached", [False, True], ids=["eerste keer", "uit de cache"])
    def test_query_count_is_fixed(
        self, client, coop_index, themes, settings, cached, expected=None
    ):
        """Cached: routing, themes and base.html only (site, settings; menu and breadcrumbs
        cached); the first time also the breadcrumbs, the search,
        one read of the matching ids and provinces, the theme facet and the cards."""
        if expected is None:
            expected = 8 if cached else 16
        if not cached:
            settings.CONTENT_CACHE_TIMEOUT = 0

        def count():
            for _warm in range(2):  # (the first request saves the site settings)
                client.get("/cooperaties/?q=coöperatie&provincie=Noord-Brabant&thema=werk")
            with CaptureQueriesContext(connection) as queries:
                response = client.get(
                    "/cooperaties/?q=coöperatie&provincie=Noord-Brabant&thema=werk"
                )
            return len(queries), response

        for _ in range(2):
            CoopPageFactory(parent=coop_index, themes=[themes["werk"]])
        few, response = count()
        assert response.context["directory"]["count"] == 2
        for _ in range(20):
            CoopPageFactory(parent=coop_index, themes=[themes["werk"], themes["buurt"]])
        many, response = count()
        assert response.context["directory"]["count"] == 22
        assert few == many == expected

    def test_cached_list_follows_editors_at_once(self, client, directory, themes):
        """The list and its cards are cached, but every edit shows on the next request."""
        assert titles(client.get("/cooperaties/")) == ["Vrije Uitloop", "Graafsewijk", "Zuilen"]
        directory["bosch"].unpublish()
        assert titles(client.get("/cooperaties/")) == ["Vrije Uitloop", "Zuilen"]
        zuilen = directory["utrecht"]
        zuilen.intro = "Nu ook met warmtenetten."
        zuilen.save_revision().publish()
        assert "Nu ook met warmtenetten." in client.get("/cooperaties/").text
        themes["energie"].name = "Duurzame energie"
        themes["energie"].save()
        assert "<li>Duurzame energie</li>" in client.get("/cooperaties/").text

    @pytest.mark.parametrize(
        "query",
        [
            "",
            "q=coöperatie&provincie=Noord-Brabant&thema=werk",
            "thema=werk&sort=nieuw&page=2",
            "q=bestaatniet",
        ],
    )
    @pytest.mark.usefixtures("no_page_cache")
    def test_broad_results_are_counted_by_the_database_alike(
        self, client, coop_index, themes, monkeypatch, query
    ):
        """Past MATERIALIZE_LIMIT matches the database counts; the page must not change."""
        for number in range(23):
            theme = themes["werk"] if number % 3 else themes["buurt"]
            CoopPageFactory(parent=coop_index, title=f"Coöperatie {number:02d}", themes=[theme])

        def shown():
            directory = client.get(f"/cooperaties/?{query}").context["directory"]
            return (
                directory["count"],
                directory["facets"],
                list(directory["page_obj"].object_list),
                directory["cards"],
                directory["page_obj"].number,
                directory["page_obj"].paginator.num_pages,
            )

        read_once = shown()
        monkeypatch.setattr("coops.queries.MATERIALIZE_LIMIT", 1)
        assert shown() == read_once

    @pytest.mark.usefixtures("no_page_cache")
    def test_broad_query_count_is_fixed(self, client, coop_index, themes, monkeypatch, settings):
        monkeypatch.setattr("coops.queries.MATERIALIZE_LIMIT", 1)
        # Grouped by the database: two facets (the count is the provinces' sum) and the
        # page of ids.
        self.test_query_count_is_fixed(
            client, coop_index, themes, settings, cached=False, expected=18
        )


# Visitors: one entry


@pytest.mark.django_db
class TestCoopPage:
    def test_shows_facts_and_json_ld(self, client, directory):
        response = client.get("/cooperaties/de-vrije-uitloop/")
        assert response.status_code == 200
        assert "De gemeente Breda is sociaal aandeelhouder" in response.text
        assert "14 november 2016" in response.text
        assert "Bijzonder Statuut" in response.text
        assert "In het nieuws" in response.text
        script = response.text.split('<script type="application/ld+json">')[1].split("</script>")[0]
        data = json.loads(script)
        assert data["@type"] == "Organization"
        assert data["legalName"] == "Coöperatie De Vrije Uitloop U.A."
        assert data["areaServed"]["name"] == "Breda"
        assert data["address"]["addressLocality"] == "Breda"
        assert data["url"] == "http://testserver/cooperaties/de-vrije-uitloop/"

    def test_map_falls_back_to_municipality_centre(self, directory):
        page = directory["breda"]
        assert page.location_is_approximate
        assert (page.map_lat, page.map_lon) == (51.5857, 4.7613)
        assert not directory["bosch"].location_is_approximate

    def test_draft_and_private_are_not_served(self, client, directory):
        assert client.get("/cooperaties/concept/").status_code == 404
        # A password-protected page answers with the password form, never the entry.
        response = client.get("/cooperaties/prive/")
        assert "Besloten privécoöperatie" not in response.text.split("<main", 1)[-1]
        assert "application/ld+json" not in response.text

    @pytest.mark.usefixtures("no_page_cache")
    def test_query_count_is_fixed(self, client, coop_index, themes):
        def count(page):
            client.get(page.url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page.url).status_code == 200
            return len(queries)

        one = CoopPageFactory(parent=coop_index, themes=[themes["werk"]])
        many = CoopPageFactory(parent=coop_index, themes=list(themes.values()))
        assert count(one) == count(many)

    def test_related_news_is_empty_without_news(self, directory):
        assert directory["breda"].related_news == [] or all(
            {"id", "title", "url", "date"} <= set(item) for item in directory["breda"].related_news
        )


# Exports


@pytest.mark.django_db
class TestExports:
    def test_csv_opens_in_excel_and_parses_back(self, client, directory):
        response = client.get("/cooperaties/export/csv/?provincie=Noord-Brabant")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith("\ufeff".encode())
        rows = list(
            csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        )
        assert [row["slug"] for row in rows] == ["graafsewijk", "de-vrije-uitloop"]
        breda = rows[1]
        assert breda["title"] == "Coöperatie De Vrije Uitloop U.A."
        assert breda["municipality_code"] == "GM0758"
        assert breda["social_shareholder_since"] == "2016-11-14"
        assert breda["special_statute"] == "ja"
        assert breda["themes"] == "inkomen, werk"

    def test_json(self, client, directory):
        data = client.get("/cooperaties/export/json/?aandeelhouder=ja").json()
        assert data["count"] == 1
        item = data["results"][0]
        assert item["municipality"] == {
            "code": "GM0758",
            "name": "Breda",
            "province": "Noord-Brabant",
        }
        assert item["social_shareholder"] == {"code": "GM0758", "name": "Breda"}
        assert item["location_is_approximate"] is True

    def test_geojson_is_longitude_first(self, client, directory):
        response = client.get("/cooperaties/export/geojson/")
        assert response["Content-Type"].startswith("application/geo+json")
        data = json.loads(response.content)
        assert data["type"] == "FeatureCollection"
        by_title = {f["properties"]["title"]: f for f in data["features"]}
        lon, lat = by_title["Buurtcoöperatie Graafsewijk"]["geometry"]["coordinates"]
        assert (lon, lat) == (5.32, 51.70)
        lon, lat = by_title["Coöperatie De Vrije Uitloop U.A."]["geometry"]["coordinates"]
        assert 3 < lon < 8 and 50 < lat < 54

    def test_csv_gives_the_same_position_as_json(self, client, directory):
        """The CSV used to leave lat/lon empty where JSON and GeoJSON gave the map position,
        and had no location_is_approximate column."""
        response = client.get("/cooperaties/export/csv/")
        rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        cells = {row["slug"]: row for row in rows}
        items = {
            item["slug"]: item for item in client.get("/cooperaties/export/json/").json()["results"]
        }
        assert set(cells) == set(items) == {"de-vrije-uitloop", "graafsewijk", "zuilen"}
        for slug, item in items.items():
            assert float(cells[slug]["lat"]) == item["lat"]
            assert float(cells[slug]["lon"]) == item["lon"]
            expected = "ja" if item["location_is_approximate"] else "nee"
            assert cells[slug]["location_is_approximate"] == expected
        assert cells["de-vrije-uitloop"]["location_is_approximate"] == "ja"
        assert (cells["graafsewijk"]["lat"], cells["graafsewijk"]["lon"]) == ("51.7", "5.32")

    def test_urls_are_percent_encoded_like_the_sitemap(self, client, coop_index):
        """The JSON export's url used to carry a raw "ö" where the sitemap percent-encodes."""
        page = CoopPageFactory(parent=coop_index, title="Coöperatie Zuid", slug="coöperatie-zuid")
        url = "http://testserver/cooperaties/co%C3%B6peratie-zuid/"
        assert page.get_full_url() == url
        assert url in client.get("/sitemap.xml").content.decode()
        [item] = client.get("/cooperaties/export/json/").json()["results"]
        assert item["url"] == url
        [feature] = client.get("/cooperaties/export/geojson/").json()["features"]
        assert feature["properties"]["url"] == url
        export = client.get("/cooperaties/export/csv/").content.decode("utf-8-sig")
        [row] = csv.DictReader(io.StringIO(export), delimiter=";")
        assert row["url"] == url

    def test_themes_have_the_api_shape(self, client, directory, themes):
        item = client.get("/cooperaties/export/json/?gemeente=GM0796").json()["results"][0]
        assert item["themes"] == [{"id": themes["buurt"].pk, "slug": "buurt", "name": "Buurt"}]

    @pytest.mark.parametrize("kind", ["csv", "json", "geojson"])
    def test_hidden_entries_never_exported(self, client, directory, kind):
        text = client.get(f"/cooperaties/export/{kind}/").content.decode("utf-8-sig")
        for hidden in HIDDEN:
            assert hidden not in text

    @pytest.mark.usefixtures("no_page_cache")
    def test_geojson_query_count_is_fixed(self, client, coop_index, themes):
        def count():
            with CaptureQueriesContext(connection) as queries:
                client.get("/cooperaties/export/geojson/?thema=werk")
            return len(queries)

        CoopPageFactory(parent=coop_index, themes=[themes["werk"]])
        count()
        few = count()
        for _ in range(20):
            CoopPageFactory(parent=coop_index, themes=[themes["werk"]])
        assert count() == few


# Apps: the API


@pytest.mark.django_db
class TestAPI:
    def test_fields(self, client, directory, themes):
        """Apps (municipality portals, the map app) read these names; don't rename them."""
        items = {item["meta"]["slug"]: item for item in api(client).json()["items"]}
        assert set(items) == {"de-vrije-uitloop", "graafsewijk", "zuilen"}
        breda = items["de-vrije-uitloop"]
        assert breda["municipality"] == {
            "code": "GM0758",
            "name": "Breda",
            "province": "Noord-Brabant",
        }
        assert breda["social_shareholder"] == {"code": "GM0758", "name": "Breda"}
        assert breda["social_shareholder_since"] == "2016-11-14"
        # One Theme shape in every page type: {id, slug, name} (id added in issue 11).
        assert breda["themes"] == [
            {"id": themes["inkomen"].pk, "slug": "inkomen", "name": "Inkomen"},
            {"id": themes["werk"].pk, "slug": "werk", "name": "Werk"},
        ]
        assert breda["location_is_approximate"] is True
        assert (breda["lat"], breda["lon"]) == (51.5857, 4.7613)
        assert breda["related_news"] == [] or isinstance(breda["related_news"], list)
        for name in (
            "intro",
            "body",
            "logo",
            "image",
            "kind",
            "legal_form",
            "kvk_number",
            "founded_year",
            "status",
            "members",
            "province",
            "street",
            "postcode",
            "city",
            "website",
            "email",
            "phone",
            "social_shareholder_term_years",
            "special_statute",
            "special_statute_date",
        ):
            assert name in breda
        assert items["zuilen"]["social_shareholder"] is None

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("&province=Utrecht", {"zuilen"}),
            ("&municipality=GM0796", {"graafsewijk"}),
            ("&theme=werk", {"de-vrije-uitloop", "zuilen"}),
            ("&theme=buurt&theme=energie", {"graafsewijk", "zuilen"}),
            ("&social_shareholder=true", {"de-vrije-uitloop"}),
            ("&special_statute=false", {"graafsewijk", "zuilen"}),
            ("&status=in_oprichting", {"zuilen"}),
            ("&province=Noord-Brabant&search=graafsewijk", {"graafsewijk"}),
            ("&municipality=GM0796&search=graafsewijk", {"graafsewijk"}),
            ("&theme=buurt&search=graafsewijk", {"graafsewijk"}),
            (
                "&social_shareholder=false&special_statute=false&status=actief&search=graafsewijk",
                {"graafsewijk"},
            ),
        ],
    )
    def test_filters(self, client, directory, query, expected):
        response = api(client, query)
        assert response.status_code == 200, response.content
        assert {item["meta"]["slug"] for item in response.json()["items"]} == expected

    @pytest.mark.parametrize(
        "query, parameter",
        [
            ("&province=Atlantis", "province"),
            ("&municipality=Breda", "municipality"),
            ("&municipality=GM9999", "municipality"),
            ("&theme=onbekend", "theme"),
            ("&social_shareholder=ja", "social_shareholder"),
            ("&special_statute=1", "special_statute"),
            ("&status=weg", "status"),
        ],
    )
    def test_bad_values_are_400_naming_the_parameter(self, client, directory, query, parameter):
        response = api(client, query)
        assert response.status_code == 400
        assert response.json()["message"].startswith(f"{parameter}:")

    @pytest.mark.parametrize(
        "query, message",
        [
            ("&province=Atlantis", "province: onbekende provincie ‘Atlantis’; kies uit Drenthe"),
            ("&municipality=Breda", "municipality: verwacht een CBS-code zoals GM0758"),
            ("&municipality=GM9999", "municipality: onbekende CBS-code ‘GM9999’"),
            ("&theme=onbekend", "theme: onbekend thema ‘onbekend’"),
            ("&social_shareholder=ja", "social_shareholder: onbekende waarde ‘ja’"),
            ("&kind=groot", "kind: onbekende soort ‘groot’"),
            ("&province=", "province: geef een waarde"),
        ],
    )
    def test_bad_values_are_explained(self, client, directory, query, message):
        response = api(client, query)
        assert response.status_code == 400
        assert response.json()["message"].startswith(message)

    def test_kind_filter(self, client, directory):
        """New in issue 11 (additive): the page's `soort` filter in the API."""
        response = api(client, "&kind=thematisch&search=zuilen")
        assert {item["meta"]["slug"] for item in response.json()["items"]} == {"zuilen"}

    def test_lat_lon_are_read_once_with_fields(self, client, directory):
        """lat/lon are declared twice in api_fields (writable, then read); v2 shows them once."""
        response = client.get("/api/v2/pages/?type=coops.CoopPage&fields=lat,lon")
        item = response.json()["items"][0]
        assert [name for name in item if name in ("lat", "lon")] == ["lat", "lon"]
        response = client.get("/api/v2/pages/?type=coops.CoopPage&fields=*,-lat")
        assert "lat" not in response.json()["items"][0]

    def test_filter_without_type_is_400(self, client, directory):
        response = client.get("/api/v2/pages/?province=Utrecht")
        assert response.status_code == 400
        assert "province" in response.json()["message"]

    def test_hidden_entries_never_in_api(self, client, directory):
        text = api(client).content.decode() + api(client, "&search=coöperatie").content.decode()
        for hidden in HIDDEN:
            assert hidden not in text

    @pytest.mark.usefixtures("no_page_cache")
    def test_listing_query_count_is_fixed(self, client, coop_index, themes):
        def count():
            with CaptureQueriesContext(connection) as queries:
                response = api(client, "&province=Noord-Brabant&theme=werk&limit=50")
            assert response.status_code == 200
            return len(queries), response.json()["meta"]["total_count"]

        CoopPageFactory(parent=coop_index, themes=[themes["werk"]])
        count()
        few, total = count()
        assert total == 1
        for _ in range(21):
            CoopPageFactory(parent=coop_index, themes=[themes["werk"], themes["wonen"]])
        many, total = count()
        assert total == 22
        assert few == many


# Editors


@pytest.mark.django_db
class TestValidation:
    def build(self, **fields):
        return CoopPage(title="Test", slug="test", **fields)

    def errors(self, page):
        with pytest.raises(ValidationError) as info:
            page.full_clean(exclude=["path", "depth", "translation_key", "locale", "draft_title"])
        return info.value.message_dict

    def test_kvk_number(self, coop_index):
        assert (
            "Een KvK-nummer bestaat uit precies 8 cijfers."
            in self.errors(self.build(kvk_number="1234"))["kvk_number"]
        )

    def test_postcode(self, coop_index):
        assert (
            "Vul een Nederlandse postcode in, bijvoorbeeld 4811 AB."
            in self.errors(self.build(postcode="12345"))["postcode"]
        )

    def test_postcode_is_normalised(self, coop_index):
        page = CoopPageFactory(parent=coop_index, postcode="4811ab")
        assert page.postcode == "4811 AB"

    def test_shareholder_date_without_shareholder(self, coop_index):
        page = self.build(social_shareholder_since=datetime.date(2016, 11, 14))
        assert page.coop_errors()["social_shareholder"].startswith("Kies de gemeente")

    def test_statute_date_without_statute(self, coop_index):
        page = self.build(special_statute_date=datetime.date(2017, 1, 1))
        assert "Bijzonder Statuut" in page.coop_errors()["special_statute"]

    def test_future_founding_year(self, coop_index):
        page = self.build(founded_year=2030)
        errors = page.coop_errors(today=datetime.date(2026, 1, 1))
        assert errors["founded_year"] == "Het jaar van oprichting ligt te ver in de toekomst."

    def test_half_a_location(self, coop_index):
        assert "breedte" in self.build(lat=52.0).coop_errors()["lat"]

    def test_editor_tabs(self):
        headings = [str(child.heading) for child in CoopPage.edit_handler.children]
        assert headings[:4] == ["Inhoud", "Gegevens", "Locatie", "Promotie"]


# Editors: bulk


def write_csv(path, rows, columns=None):
    columns = columns or list(rows[0])
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


@pytest.mark.django_db
class TestImport:
    def test_good_file_creates_entries(self, coop_index, tmp_path, capsys):
        path = write_csv(
            tmp_path / "in.csv",
            [
                {
                    "title": "Coöperatie Nieuw",
                    "kvk_number": "87654321",
                    "municipality_code": "GM0363",
                    "postcode": "1012ab",
                    "themes": "wonen, zorg-en-welzijn",
                    "special_statute": "nee",
                },
                {
                    "title": "Coöperatie Twee",
                    "kvk_number": "",
                    "municipality_code": "gm0344",
                    "postcode": "",
                    "themes": "",
                    "special_statute": "ja",
                },
            ],
        )
        call_command("import_coops", path)
        page = CoopPage.objects.get(kvk_number="87654321")
        assert page.live and page.postcode == "1012 AB" and page.province == "Noord-Holland"
        assert sorted(t.slug for t in page.themes.all()) == ["wonen", "zorg-en-welzijn"]
        assert CoopPage.objects.get(slug="cooperatie-twee").special_statute
        assert "2 nieuw" in capsys.readouterr().out

    def test_bad_rows_are_reported_and_nothing_is_written(self, coop_index, tmp_path, capsys):
        path = write_csv(
            tmp_path / "in.csv",
            [
                {"title": "Goed", "kvk_number": "", "postcode": "", "founded_year": ""},
                {"title": "Fout KvK", "kvk_number": "12", "postcode": "", "founded_year": ""},
                {"title": "Fout postcode", "kvk_number": "", "postcode": "abc", "founded_year": ""},
                {"title": "Fout jaar", "kvk_number": "", "postcode": "", "founded_year": "ooit"},
            ],
        )
        with pytest.raises(CommandError, match="3 regel"):
            call_command("import_coops", path)
        out = capsys.readouterr().out
        assert "Regel 3: kvk_number: Een KvK-nummer bestaat uit precies 8 cijfers." in out
        assert "Regel 4: postcode:" in out
        assert "Regel 5: founded_year: verwacht een geheel getal, niet ‘ooit’" in out
        assert not CoopPage.objects.exists()
        call_command("import_coops", path, skip_invalid=True)
        assert list(CoopPage.objects.values_list("title", flat=True)) == ["Goed"]

    def test_dry_run_writes_nothing(self, coop_index, tmp_path, capsys):
        path = write_csv(tmp_path / "in.csv", [{"title": "Proef"}])
        call_command("import_coops", path, dry_run=True)
        assert "Proefdraai" in capsys.readouterr().out
        assert not CoopPage.objects.exists()

    def test_export_import_round_trip_changes_nothing(self, client, directory, tmp_path, capsys):
        export = client.get("/cooperaties/export/csv/").content
        path = tmp_path / "export.csv"
        path.write_bytes(export)
        before = {p.pk: (p.latest_revision_id, p.last_published_at) for p in CoopPage.objects.all()}
        call_command("import_coops", str(path))
        assert "0 nieuw, 0 bijgewerkt, 3 ongewijzigd, 0 afgekeurd" in capsys.readouterr().out
        after = {p.pk: (p.latest_revision_id, p.last_published_at) for p in CoopPage.objects.all()}
        assert before == after

    def test_approximate_position_is_not_imported_as_exact(
        self, client, directory, tmp_path, capsys
    ):
        """The CSV now gives the municipality's centre for entries without a position;
        importing it must not store that guess as the entry's own coordinates."""
        export = client.get("/cooperaties/export/csv/").content.decode("utf-8-sig")
        breda_centre = f"{municipality('GM0758').lat};{municipality('GM0758').lon};ja"
        assert breda_centre in export
        path = tmp_path / "export.csv"
        path.write_text(export.replace("Coöperatie De Vrije Uitloop U.A.", "De Vrije Uitloop"))
        call_command("import_coops", str(path))
        assert "0 nieuw, 1 bijgewerkt, 2 ongewijzigd" in capsys.readouterr().out
        breda = CoopPage.objects.get(slug="de-vrije-uitloop")
        assert breda.title == "De Vrije Uitloop"
        assert (breda.lat, breda.lon) == (None, None)
        assert CoopPage.objects.get(slug="graafsewijk").lat == 51.70

    def test_exact_position_is_imported(self, coop_index, tmp_path):
        row = {"title": "Op de kaart", "lat": "51,59", "lon": "4.78"}
        call_command("import_coops", write_csv(tmp_path / "in.csv", [row]))
        page = CoopPage.objects.get(title="Op de kaart")
        assert (page.lat, page.lon) == (51.59, 4.78)

    def test_unknown_theme_and_code_are_reported(self, coop_index, tmp_path, capsys):
        rows = [
            {"title": "A", "themes": "werk, bestaatniet", "municipality_code": ""},
            {"title": "B", "themes": "", "municipality_code": "GM9999"},
        ]
        with pytest.raises(CommandError):
            call_command("import_coops", write_csv(tmp_path / "in.csv", rows))
        out = capsys.readouterr().out
        assert "Regel 2: themes: onbekend thema ‘bestaatniet’" in out
        assert "Regel 3: municipality_code: onbekende CBS-code ‘GM9999’" in out

    def test_update_by_kvk_number(self, client, directory, tmp_path):
        export = client.get("/cooperaties/export/csv/?aandeelhouder=ja").content.decode("utf-8-sig")
        path = tmp_path / "export.csv"
        path.write_text(export.replace(";5;", ";10;"), encoding="utf-8")
        call_command("import_coops", str(path))
        assert CoopPage.objects.get(slug="de-vrije-uitloop").social_shareholder_term_years == 10


@pytest.mark.django_db
class TestCommands:
    def test_generate_coops_is_idempotent_and_searchable(self, client, coop_index):
        call_command("generate_coops", count=30)
        call_command("generate_coops", count=35)
        synthetic = CoopPage.objects.filter(title__startswith="Synthetische coöperatie")
        assert synthetic.count() == 35
        assert all(
            page.live and page.url_path.startswith(coop_index.url_path) for page in synthetic
        )
        coop_index.refresh_from_db()
        assert coop_index.numchild == 35
        assert coop_index.get_children().count() == 35
        response = client.get("/cooperaties/?q=synthetische")
        assert response.context["directory"]["count"] == 35
        assert client.get(synthetic.first().url).status_code == 200

    def test_update_municipalities(self, directory, tmp_path, capsys):
        rows = [
            {"code": m.code, "name": m.name, "province": m.province, "lat": m.lat, "lon": m.lon}
            for m in Municipality.objects.exclude(code="GM0796")
        ]
        rows[0]["name"] = "Nieuwe naam"
        rows.append(
            {
                "code": "GM9999",
                "name": "Nieuwgemeente",
                "province": "Zeeland",
                "lat": 51.5,
                "lon": 3.8,
            }
        )
        path = tmp_path / "gemeenten.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["code", "name", "province", "lat", "lon"])
            writer.writeheader()
            writer.writerows(rows)
        call_command("update_municipalities", str(path))
        out = capsys.readouterr().out
        assert "Nieuw: GM9999 Nieuwgemeente" in out
        assert "Hernoemd:" in out and "Nieuwe naam" in out
        assert "Opgeheven: GM0796" in out
        bosch = Municipality.objects.get(code="GM0796")
        assert not bosch.is_active
        assert CoopPage.objects.get(slug="graafsewijk").municipality == bosch


@pytest.mark.django_db
def test_demo_content_is_idempotent():
    call_command("load_demo_content")
    call_command("load_demo_content")
    page = CoopPage.objects.get(slug="de-vrije-uitloop")
    assert page.title == "Coöperatie De Vrije Uitloop U.A."
    assert page.social_shareholder.name == "Breda"
    assert page.social_shareholder_since == datetime.date(2016, 11, 14)
    assert page.social_shareholder_term_years == 5
    assert page.special_statute and page.special_statute_date is None
    assert page.kvk_number == "" and page.founded_year is None
    assert page.get_parent().slug == "cooperaties"
