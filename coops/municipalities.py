"""What the directory shows per municipality, and who is whose social shareholder.

Every query starts from the directory's live, public entries (`CoopIndexPage.entries`), so a
draft or restricted coöperatie never shows on a municipality page, the overview or the map.
A municipality page is a fixed number of queries whatever the number of entries.
"""

from django.db.models import Max

from coops.exports import GEOJSON_PROPERTIES
from coops.models.places import Municipality

#: How many news items a municipality page lists.
NEWS_ON_PAGE = 5


def municipality_entries(index_page, municipality):
    entries = index_page.entries().filter(municipality=municipality).with_cards()
    news = entries.related_news_prefetch()
    if news is not None:
        entries = entries.prefetch_related(news)
    return list(entries.order_by("title"))


def shareholdings(index_page, municipality=None):
    """Entries with a municipality as social shareholder, by municipality and start date."""
    entries = index_page.entries().exclude(social_shareholder=None)
    if municipality is not None:
        entries = entries.filter(social_shareholder=municipality)
    return list(
        entries.select_related("social_shareholder", "municipality").order_by(
            "social_shareholder__name", "social_shareholder_since", "title"
        )
    )


def related_news(entries):
    """The newest live, public news about any of `entries` (each item once)."""
    items = {}
    for entry in entries:
        for item in entry.related_news:
            items.setdefault(item["id"], item)
    ordered = sorted(items.values(), key=lambda item: item["date"] or "", reverse=True)
    return ordered[:NEWS_ON_PAGE]


def overview(index_page, municipality):
    """The context of a municipality page."""
    entries = municipality_entries(index_page, municipality)
    return {
        "municipality": municipality,
        "entries": entries,
        "shareholdings": shareholdings(index_page, municipality),
        "news": related_news(entries),
    }


def sitemap_entries(index_page):
    """(slug, last published) of each municipality with a live, public entry."""
    rows = (
        index_page.entries()
        .exclude(municipality=None)
        .order_by()
        .values("municipality__slug")
        .annotate(lastmod=Max("last_published_at"))
    )
    return sorted((row["municipality__slug"], row["lastmod"]) for row in rows)


def find(**lookup):
    """The municipality of a slug or CBS code (`find(slug=…)`, `find(code=…)`), or None."""
    return Municipality.objects.filter(**lookup).first()


def shareholding_features(index_page, request=None):
    """GeoJSON Features (RFC 7946): each social shareholding at the municipality's centre."""
    features = []
    for entry in shareholdings(index_page):
        municipality = entry.social_shareholder
        properties = dict.fromkeys(GEOJSON_PROPERTIES, "")
        properties.update(
            {
                "title": f"{municipality.name}: {entry.title}",
                "url": entry.get_full_url(request),
                "city": municipality.name,
                "province": municipality.province,
                "kind": entry.kind,
                "status": entry.status,
                "municipality": {"code": municipality.code, "name": municipality.name},
                "cooperative": entry.title,
                "since": entry.social_shareholder_since.isoformat()
                if entry.social_shareholder_since
                else None,
                "term_years": entry.social_shareholder_term_years,
            }
        )
        features.append(
            {
                "type": "Feature",
                "id": entry.pk,
                "geometry": {"type": "Point", "coordinates": [municipality.lon, municipality.lat]},
                "properties": properties,
            }
        )
    return features
