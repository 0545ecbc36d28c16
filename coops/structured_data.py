"""schema.org JSON-LD for a coöperatie's page (Organization)."""


def organisation(page, request=None):
    """schema.org Organization for search engines, as a dict."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "legalName": page.title,
        "url": page.get_full_url(request),
    }
    if page.intro:
        data["description"] = page.intro
    if page.founded_year:
        data["foundingDate"] = str(page.founded_year)
    municipality = page.municipality
    address = {
        "@type": "PostalAddress",
        "streetAddress": page.street,
        "postalCode": page.postcode,
        "addressLocality": page.city or (municipality.name if municipality else ""),
        "addressRegion": page.province,
        "addressCountry": "NL",
    }
    data["address"] = {key: value for key, value in address.items() if value}
    if municipality:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": municipality.name}
    if page.website:
        data["sameAs"] = [page.website]
    if page.email:
        data["email"] = page.email
    if page.phone:
        data["telephone"] = page.phone
    if page.kvk_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "KvK",
            "value": page.kvk_number,
        }
    return data
