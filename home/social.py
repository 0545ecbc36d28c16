"""The social card: the Open Graph picture of a page that has no image of its own.

Drawn per page (title, type, date, brand) by `home.brand.social_card`. Its URL carries a
digest of what it shows, so it can be cached for a year: a new title is a new URL. The
PNG is kept in the media storage like a rendition, and drawn again only when missing.
"""

import hashlib
import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from home import brand

STORAGE_FOLDER = "social-cards"
#: The type line of a card, per page type (the words the site's own cards use).
KINDS = {
    "news.newspage": _("Nieuws"),
    "news.conferencepage": _("Bijeenkomst"),
    "coops.cooppage": _("Coöperatie"),
}


def _when(page):
    start = getattr(page, "start", None)
    if start is not None:
        return timezone.localtime(start).date()
    return getattr(page, "date", None)


def facts(page, site_name):
    """What the card of `page` shows: title, type, date (Dutch) and the site's name."""
    when = _when(page)
    return {
        "title": page.seo_title or page.title,
        "kind": str(KINDS.get(page._meta.label_lower, "")),
        "date": formats.date_format(when, "j F Y") if when else "",
        "site_name": site_name or settings.WAGTAIL_SITE_NAME,
    }


def digest(card):
    """12 hex digits of what a card shows, and of the brand colours it is drawn in."""
    data = json.dumps([card, brand.colours()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def card_path(page, site_name):
    """The site-relative URL of the page's social card."""
    return reverse(
        "social_card", kwargs={"page_id": page.pk, "digest": digest(facts(page, site_name))}
    )


def card_png(page, site_name):
    """The PNG bytes of the page's card, drawn once and then read from the media storage."""
    card = facts(page, site_name)
    name = f"{STORAGE_FOLDER}/{page.pk}-{digest(card)}.png"
    if default_storage.exists(name):
        with default_storage.open(name) as handle:
            return handle.read()
    content = brand.social_card(**card)
    default_storage.save(name, ContentFile(content))
    return content
