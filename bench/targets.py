"""What `make bench` measures. Each issue adds its URLs here.

SETUP: management commands run (in order) before the server starts, to give
the URLs realistic data. They must be idempotent.
TARGETS: (name, path). The "ceiling" is a Django view without database work:
no dynamic page can beat it, so read every other row as a fraction of it.
"""

SETUP = [
    ["load_demo_content"],
    # directory (issue 3)
    # news (issue 4)
]

TARGETS = [
    ("ceiling (geen database)", "/health/"),
    ("home", "/"),
    ("standaardpagina", "/over-ons/"),
    ("api v2 pagina's", "/api/v2/pages/?type=home.StandardPage&fields=*"),
    # directory (issue 3)
    # news (issue 4)
    # search (issue 5)
    # api (issue 6)
    ("api v2 overzicht fields=*", "/api/v2/pages/?type=home.StandardPage&fields=*&limit=20"),
    ("api v2 detail (via find)", "/api/v2/pages/find/?html_path=/over-ons/"),
    ("api v3 overzicht", "/api/v3/pages/?limit=20"),
]
