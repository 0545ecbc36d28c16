"""The site in schema.org JSON-LD: the Organization that publishes (with its logo) and the
WebSite with its search (`SearchAction`), plus the site's part of the plugin's NewsArticle
and Event data (the `structured_data` hook, see news/structured_data.py).

The CoopPage's own Organization data belongs to the directory (coops/structured_data.py).
"""

from django.urls import reverse

from wagtail.models import Site

from home import social
from home.models import SiteSettings

LOGO_SIZE = 512  # one of the icons home/views.py draws; Google wants at least 112×112


def _site(page, request):
    site = Site.find_for_request(request) if request is not None else None
    return site or page.get_site()


def _settings(site, request):
    return SiteSettings.for_request(request) if request is not None else SiteSettings.for_site(site)


def organisation(site, request=None):
    """The organisation behind the site, with its logo and contact details."""
    root = site.root_url
    settings_obj = _settings(site, request)
    data = {
        "@type": "Organization",
        "@id": f"{root}/#organisatie",
        "name": settings_obj.organisation_name,
        "url": f"{root}/",
        "logo": {
            "@type": "ImageObject",
            "url": root + reverse("touch_icon", kwargs={"size": LOGO_SIZE}),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }
    if settings_obj.contact_email:
        data["email"] = settings_obj.contact_email
    if settings_obj.contact_phone:
        data["telephone"] = settings_obj.contact_phone
    return data


def home_page(page, request=None):
    """The home page's graph: the WebSite (with the site search) and its Organization."""
    site = _site(page, request)
    org = organisation(site, request)
    root = site.root_url
    search = root + reverse("search:search")
    website = {
        "@type": "WebSite",
        "@id": f"{root}/#website",
        "url": f"{root}/",
        "name": org["name"],
        "inLanguage": "nl",
        "publisher": {"@id": org["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return {"@context": "https://schema.org", "@graph": [website, org]}


def amend(page, request, data):
    """Name the site as publisher (and the article's author and the event's first organizer,
    which the plugin gives as a bare name), and give a page without an image its social card."""
    site = _site(page, request)
    org = organisation(site, request)
    if "publisher" in data:
        data["publisher"] = org
    if data.get("@type") == "NewsArticle":
        data["author"] = [{"@type": "Organization", "name": org["name"], "url": org["url"]}]
    if data.get("organizer"):
        data["organizer"][0] = {"@type": "Organization", "name": org["name"], "url": org["url"]}
    if not data.get("image"):
        card = social.card_path(page, org["name"])
        data["image"] = [site.root_url + card]
    return data
