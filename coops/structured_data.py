"""schema.org JSON-LD for a coöperatie's page (Organization).

Only what the page itself shows: its own fields, its municipality and its themes (snippets
without a publication state), its logo and the URLs of its site and its Murmurations
profile. Absent values are left out rather than written empty.
"""

from coops.murmurations import LOGO_RENDITION

SCHEMA = "https://schema.org"


def _compact(data):
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def identifier(kvk_number):
    """The KvK number as a schema.org PropertyValue (`propertyID` "KvK")."""
    if not kvk_number:
        return None
    return {"@type": "PropertyValue", "propertyID": "KvK", "value": kvk_number}


def address(page):
    municipality = page.municipality
    return _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": page.street,
            "postalCode": page.postcode,
            "addressLocality": page.city or (municipality.name if municipality else ""),
            "addressRegion": page.province,
            "addressCountry": "NL",
        }
    )


def geo(page):
    """GeoCoordinates of the coöperatie's own position; none for the municipality's centre."""
    if page.location_is_approximate:
        return None
    return {"@type": "GeoCoordinates", "latitude": page.lat, "longitude": page.lon}


def area_served(municipality):
    """The municipality as an AdministrativeArea, identified by its CBS code."""
    if municipality is None:
        return None
    return {
        "@type": "AdministrativeArea",
        "name": municipality.name,
        "identifier": {"@type": "PropertyValue", "propertyID": "CBS", "value": municipality.code},
    }


def organisation(page, request=None):
    """schema.org Organization for search engines, as a dict."""
    logo = page.logo
    url = page.get_full_url(request)
    # The profile is served for a live entry only (a preview of a draft has none).
    profile = page.murmurations_url(request) if url and page.live else None
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": page.title,
        "legalName": page.title,
        "url": url,
        "description": page.intro,
        "identifier": identifier(page.kvk_number),
        "foundingDate": str(page.founded_year) if page.founded_year else None,
        "address": address(page),
        "geo": geo(page),
        "areaServed": area_served(page.municipality),
        "knowsAbout": [theme.name for theme in page.themes.all()],
        "logo": logo.get_rendition(LOGO_RENDITION).full_url if logo is not None else None,
        "sameAs": [url for url in (page.website, profile) if url],
        "email": page.email,
        "telephone": page.phone,
    }
    return _compact(data)
