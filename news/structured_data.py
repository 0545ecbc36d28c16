"""schema.org JSON-LD for news articles (NewsArticle) and conferences (Event).

Written to the rules of Google's rich results (Article and Event structured data): dates
as datetimes with an offset, an image, an author and a publisher, an organizer with a URL,
offers with a valid availability. The plugin knows the page; the site knows itself: the
`structured_data` hook (wagtail_hooks, `fn(page, request, data) -> data`) lets the site
name the publisher with its logo and give a picture to a page that has none.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from wagtail import hooks

from core.images import rendition_url

HOOK = "structured_data"
AVAILABILITY = {
    "open": "https://schema.org/InStock",
    "vol": "https://schema.org/SoldOut",
    "gesloten": "https://schema.org/SoldOut",
    "afgelopen": "https://schema.org/SoldOut",
}


def _organisation():
    return {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}


def _amended(page, request, data):
    for amend in hooks.get_hooks(HOOK):
        data = amend(page, request, data)
    return data


def _description(page):
    return page.search_description or page.intro or getattr(page, "subtitle", "") or page.title


def _published(page):
    """The article's date as a datetime with offset: its first publication if that was on
    the article's date, else the start of that day in the site's time zone."""
    first = page.first_published_at and timezone.localtime(page.first_published_at)
    if first and first.date() == page.date:
        return first
    return timezone.make_aware(datetime.datetime.combine(page.date, datetime.time()))


def news_article(page, request=None):
    published = _published(page)
    modified = page.last_published_at and timezone.localtime(page.last_published_at)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],  # Google shows at most 110 characters
        "description": _description(page),
        "datePublished": published.isoformat(),
        "dateModified": max(published, modified or published).isoformat(),
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "inLanguage": "nl",
        "author": [_organisation()],
        "publisher": _organisation(),
        "keywords": [tag.name for tag in page.tags.all()],
    }
    if page.image_id:
        data["image"] = [rendition_url(page.image)]
    return _amended(page, request, data)


def _performer(speaker):
    # A speaker without role or organisation is a group ("Sociale coöperaties uit de
    # praktijk"), not a Person.
    if not (speaker.role or speaker.organisation):
        return {"@type": "PerformingGroup", "name": speaker.name}
    person = {"@type": "Person", "name": speaker.name}
    if speaker.role:
        person["jobTitle"] = speaker.role
    if speaker.organisation:
        person["affiliation"] = {"@type": "Organization", "name": speaker.organisation}
    return person


def _partner(partner, request):
    data = {"@type": "Organization", "name": partner.name}
    coop = partner.visible_coop  # live and public only
    url = coop.get_full_url(request) if coop is not None else partner.url
    if url:
        data["url"] = url
    return data


def event(page, request=None, now=None):
    status = page.current_registration_status(now=now)
    url = page.registration_url or page.get_full_url(request)
    offer = {
        "@type": "Offer",
        "price": f"{page.price:.2f}",
        "priceCurrency": "EUR",
        "availability": AVAILABILITY[status],
        "url": url,
        "validFrom": _published(page).isoformat(),  # on sale from its announcement
    }
    partners = [_partner(partner, request) for partner in page.partners.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": _description(page),
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "url": page.get_full_url(request),
        "inLanguage": "nl",
        # A past event took place as scheduled; only a cancellation would change this.
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": page.venue_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": page.street,
                "postalCode": page.postcode,
                "addressLocality": page.city,
                "addressCountry": "NL",
            },
        },
        "offers": offer,
        "performer": [_performer(speaker) for speaker in page.speakers.all()],
        # Partners with a website co-organise; the others contribute.
        "organizer": [_organisation()] + [p for p in partners if "url" in p],
    }
    contributors = [p for p in partners if "url" not in p]
    if contributors:
        data["contributor"] = contributors
    if page.municipality_id:
        data["location"]["address"]["addressRegion"] = page.municipality.province
    if page.image_id:
        data["image"] = [rendition_url(page.image)]
    return _amended(page, request, data)
