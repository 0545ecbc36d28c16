"""Content-Security-Policy on every response (issue 17); the browser side is in
tests/browser/test_browser_csp.py.

Whom it protects: visitors (an injected script or form target doesn't run) and editors
(the admins keep the few allowances Wagtail needs, only under their own paths).
"""

import re
from pathlib import Path

import pytest

from django.http import HttpResponse
from django.urls import path

from coopsite.urls import urlpatterns as site_urlpatterns
from tests.factories.coops import CoopPageFactory
from tests.test_settings import _production_setting

ROOT = Path(__file__).resolve().parent.parent
OWN_POLICY = "frame-ancestors https://partner.example"


def embeddable(request):
    response = HttpResponse("<p>Inbedbaar</p>")
    response["Content-Security-Policy"] = OWN_POLICY
    return response


urlpatterns = [path("inbedden/", embeddable), *site_urlpatterns]


def directives(response, header="Content-Security-Policy"):
    return dict(part.strip().split(" ", 1) for part in response[header].split(";"))


def test_public_pages_get_the_strict_policy(client, home_page):
    policy = directives(client.get("/"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert "https://tile.openstreetmap.org" in policy["img-src"]
    assert "unsafe" not in client.get("/").headers["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_only_the_admins_may_run_inline_scripts_and_styles(client, db, url):
    policy = directives(client.get(url))
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"


def test_errors_and_api_answers_carry_the_policy_too(client, home_page):
    assert "default-src 'self'" in client.get("/bestaat-niet/")["Content-Security-Policy"]
    assert "default-src 'self'" in client.get("/api/v2/pages/")["Content-Security-Policy"]


@pytest.mark.urls(__name__)
def test_a_policy_the_view_set_itself_is_kept(client, home_page):
    response = client.get("/inbedden/")
    assert response["Content-Security-Policy"] == OWN_POLICY
    assert "default-src" in client.get("/")["Content-Security-Policy"]


def test_report_only_is_set_from_the_environment():
    policies = "settings.CONTENT_SECURITY_POLICY, settings.CONTENT_SECURITY_POLICY_REPORT_ONLY"
    enforced, report_only = (
        _production_setting(
            f"[policy is not None for policy in ({policies})]", CSP_REPORT_ONLY="true"
        )
        .strip("[]")
        .split(", ")
    )
    assert (enforced, report_only) == ("False", "True")
    assert _production_setting("settings.CONTENT_SECURITY_POLICY_REPORT_ONLY") == "None"


def test_the_tile_server_is_set_in_one_place():
    """MAP_TILE_URL is what the maps load and what img-src allows; nothing else names it."""
    policy = "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']"
    img_src = _production_setting(
        policy, MAP_TILE_URL="https://{s}.tiles.example.org/nl/{z}/{x}/{y}.png"
    )
    assert "'https://*.tiles.example.org'" in img_src and "openstreetmap" not in img_src
    extra = _production_setting(policy, CSP_IMG_HOSTS="https://media.example.org")
    assert "https://tile.openstreetmap.org" in extra and "https://media.example.org" in extra


def test_the_maps_read_the_tile_server_from_the_settings(client, coop_index, settings):
    settings.MAP_TILE_URL = "http://127.0.0.1:8499/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Tegels: proef"
    CoopPageFactory(parent=coop_index, title="Coöperatie op de kaart", lat=51.59, lon=4.78)
    html = client.get(coop_index.url).content.decode()
    assert 'data-tile-url="http://127.0.0.1:8499/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="Tegels: proef"' in html
    assert 'data-tile-error="Achtergrondkaart niet beschikbaar"' in html
    script = (ROOT / "coops" / "static" / "coops" / "map.js").read_text()
    assert "element.dataset.tileUrl" in script and '"tileerror"' in script


def test_report_only_sends_the_report_only_header(client, home_page, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")|\son[a-z]+=|\sstyle=|<style"
)


def test_the_site_templates_have_no_inline_script_style_or_handler():
    """What the strict policy would block: code belongs in static files."""
    offenders = [
        f"{template.relative_to(ROOT)}: {match.group(0).strip()}"
        for app in ("coopsite", "core", "coops", "news", "home", "search")
        for template in (ROOT / app).rglob("templates/**/*.html")
        for match in INLINE.finditer(template.read_text())
    ]
    assert offenders == []
