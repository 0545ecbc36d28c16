"""schema.org JSON-LD for news articles (NewsArticle) and conferences (Event)."""

from django.conf import settings
from django.utils import timezone

from core.images import rendition_url

AVAILABILITY = {
    "open": "https://schema.org/InStock",
    "vol": "https://schema.org/SoldOut",
    "gesloten": "https://schema.org/SoldOut",
    "afgelopen": "https://schema.org/Discontinued",
}


def _organisation():
    return {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}


def news_article(page, request=None):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.intro,
        "datePublished": page.date.isoformat(),
        "url": page.get_full_url(request),
        "inLanguage": "nl",
        "publisher": _organisation(),
        "keywords": [tag.name for tag in page.tags.all()],
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at).isoformat()
    if page.image_id:
        data["image"] = [rendition_url(page.image)]
    return data


def event(page, request=None, now=None):
    status = page.current_registration_status(now=now)
    url = page.registration_url or page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.intro or page.subtitle,
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "url": page.get_full_url(request),
        "inLanguage": "nl",
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
        "offers": {
            "@type": "Offer",
            "price": f"{page.price:.2f}",
            "priceCurrency": "EUR",
            "availability": AVAILABILITY[status],
            "url": url,
        },
        "performer": [
            {
                "@type": "Person",
                "name": speaker.name,
                "jobTitle": speaker.role,
                **(
                    {"affiliation": {"@type": "Organization", "name": speaker.organisation}}
                    if speaker.organisation
                    else {}
                ),
            }
            for speaker in page.speakers.all()
        ],
        "organizer": [_organisation()]
        + [
            {
                "@type": "Organization",
                "name": partner.name,
                **({"url": partner.url} if partner.url else {}),
            }
            for partner in page.partners.all()
        ],
    }
    if page.municipality_id:
        data["location"]["address"]["addressRegion"] = page.municipality.province
    if page.image_id:
        data["image"] = [rendition_url(page.image)]
    return data
