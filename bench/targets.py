"""What `make bench` measures. Each issue adds its URLs here.

SETUP: management commands run (in order) before the server starts, to give
the URLs realistic data. They must be idempotent.
TARGETS: (name, path). The "ceiling" is a Django view without database work:
no dynamic page can beat it, so read every other row as a fraction of it.
"""

SETUP = [
    ["load_demo_content"],
    # directory (issue 3)
    ["generate_coops", "--count", "10000"],
    # news (issue 4)
    ["generate_news", "--count", "1000"],
]

TARGETS = [
    ("ceiling (geen database)", "/health/"),
    ("home", "/"),
    ("standaardpagina", "/over-ons/"),
    ("api v2 pagina's", "/api/v2/pages/?type=home.StandardPage&fields=*"),
    # directory (issue 3)
    ("coöperaties zoeken", "/cooperaties/?q=samen&provincie=Noord-Brabant&thema=wonen"),
    ("coöperatie", "/cooperaties/de-vrije-uitloop/"),
    ("coöperaties geojson", "/cooperaties/export/geojson/?provincie=Utrecht&thema=energie"),
    (
        "api v2 coöperaties",
        "/api/v2/pages/?type=coops.CoopPage&fields=*&province=Utrecht&theme=wonen&search=samen",
    ),
    # news (issue 4)
    ("nieuwsoverzicht", "/nieuws/"),
    ("agenda", "/nieuws/agenda/"),
    ("nieuws RSS", "/nieuws/rss/"),
    ("nieuws Atom", "/nieuws/atom/"),
    ("api v2 nieuws", "/api/v2/pages/?type=news.NewsPage&fields=*"),
    ("api v2 conferenties", "/api/v2/pages/?type=news.ConferencePage&fields=*&upcoming=false"),
    # search (issue 5)
    ("zoeken", "/zoeken/?q=co%C3%B6peratie"),
    ("zoeken, twee woorden, nieuws", "/zoeken/?q=sociale+cooperaties&type=nieuws"),
    ("suggesties", "/zoeken/suggesties/?q=coop"),
    ("api v2 zoeken", "/api/v2/pages/?search=cooperatie"),
    # api (issue 6)
    ("api v2 overzicht fields=*", "/api/v2/pages/?type=home.StandardPage&fields=*&limit=20"),
    ("api v2 detail (via find)", "/api/v2/pages/find/?html_path=/over-ons/"),
    ("api v3 overzicht", "/api/v3/pages/?limit=20"),
    ("api v2 20 coöperaties fields=*", "/api/v2/pages/?type=coops.CoopPage&fields=*&limit=20"),
    (
        "api v2 coöperatie detail (via find)",
        "/api/v2/pages/find/?html_path=/cooperaties/de-vrije-uitloop/",
    ),
    ("api v3 20 coöperaties", "/api/v3/pages/?type=coops.CoopPage&limit=20"),
]
