"""Pictures the site draws itself: social cards, touch icons and the web app manifest."""

import functools

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Page

from home import brand, social
from home.models import SiteSettings

YEAR = 365 * 24 * 3600
DAY = 24 * 3600
#: The icon sizes: iOS's home screen (180) and the manifest's two (Android, install prompts).
ICON_SIZES = (180, 192, 512)


def _site_name(request):
    return SiteSettings.for_request(request).organisation_name


@require_safe
def social_card(request, page_id, digest):
    """The social card of a live, public page; an outdated digest redirects to the current."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None:
        raise Http404
    site_name = _site_name(request)
    current = social.card_path(page, site_name)
    if digest != social.digest(social.facts(page, site_name)):
        return HttpResponsePermanentRedirect(current)
    response = HttpResponse(social.card_png(page, site_name), content_type="image/png")
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    return response


@functools.cache
def _icon(size):
    return brand.touch_icon(size)


@require_safe
def touch_icon(request, size):
    if size not in ICON_SIZES:
        raise Http404
    response = HttpResponse(_icon(size), content_type="image/png")
    patch_cache_control(response, public=True, max_age=DAY)
    return response


@require_safe
def web_manifest(request):
    """The web app manifest: name, colours and icons, for a phone's home screen."""
    colours = brand.colours()
    name = _site_name(request)
    manifest = {
        "name": name,
        "short_name": name,
        "lang": "nl",
        "start_url": "/",
        "display": "browser",
        "theme_color": colours["primary"],
        "background_color": colours["bg"],
        "icons": [
            {"src": static("img/favicon.svg"), "type": "image/svg+xml", "sizes": "any"},
            *(
                {"src": f"/icon-{size}.png", "type": "image/png", "sizes": f"{size}x{size}"}
                for size in ICON_SIZES[1:]
            ),
        ],
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=DAY)
    return response
