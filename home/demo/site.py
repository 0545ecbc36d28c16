"""Demo content for the site tree: the home page and the general pages.

Written from the movement's own news page (the seed). Every function is
idempotent: a page that already exists (by slug under its parent) is left
alone, so editors' changes survive a second `make run`.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings, StandardPage


def paragraph(html):
    return ("paragraph", html)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def add_child(parent, page_class, slug, **fields):
    """Create and publish a child page unless one with this slug exists; return (page, created)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_home_page(report):
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Sociale Coöperaties",
            slug="home",
            hero_title="Samen sterker: sociale coöperaties in Nederland",
            hero_intro=(
                "Burgers die zelf de handen ineenslaan om hun inkomen, werk, wonen, zorg of "
                "buurt samen te organiseren. Hier vindt u hun nieuws, hun bijeenkomsten en "
                "de coöperaties zelf."
            ),
            seo_title="Het platform van de sociale coöperaties",
            search_description=(
                "Nieuws, agenda en het overzicht van sociale coöperaties in Nederland."
            ),
        )
        # Wagtail's welcome page holds the slug "home" at depth 2; free it first.
        welcome = root.get_children().filter(slug="home").exclude(content_type__model="homepage")
        for page in welcome:
            page.slug = f"welkom-oud-{page.pk}"
            page.save(update_fields=["slug"])
        root.add_child(instance=home)
        home.save_revision().publish()
        report("HomePage aangemaakt")
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) == ("localhost", 80):
        # Wagtail's placeholder site: give it the address the site is served on, so
        # the API's html_url and canonical links work under `make run`.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.save()
        report(f"Site-adres gezet op {site.hostname}:{site.port}")
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Sociale Coöperaties",
        )
        report("Site aangemaakt")
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = site.site_name or "Sociale Coöperaties"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
            report("Welkomstpagina van Wagtail verwijderd")
        report("Site wijst naar de HomePage")
    return home


STANDARD_PAGES = [
    {
        "slug": "over-ons",
        "title": "Over ons",
        "intro": (
            "Sociale coöperaties zijn collectieven van mensen die zelf de handen ineenslaan "
            "om hun eigen situatie te verbeteren, en die van mensen om zich heen."
        ),
        "body": [
            paragraph(
                "<p>Coöperatie staat voor samenwerken: samen dingen voor elkaar krijgen die niet "
                "zomaar lukken als je er alleen voor staat. Want of het nu gaat om inkomen, een "
                "woning, zorg of de buurt waarin je leeft: zonder hulp en aandacht van en voor "
                "elkaar kom je er niet.</p>"
            ),
            paragraph(
                "<p>Sociale coöperaties ontwikkelen vanuit de alledaagse werkelijkheid een nieuw "
                "domein dat qua aard en vorm afwijkt van de twee vertrouwde domeinen van markt en "
                "overheid. In plaats van sociale arrangementen die door de overheid gedragen en "
                "uitgevoerd worden en door de mensen worden afgenomen, maken mensen eigen "
                "voorzieningen waaraan iedereen in staat gesteld wordt deel te nemen.</p>"
            ),
            heading("Twee instrumenten"),
            paragraph(
                "<p>Sociale coöperaties werken met nieuwe instrumenten: een <b>Bijzonder "
                "Statuut</b> om nieuwe relaties tussen mensen onderling te smeden, en "
                "<b>Sociaal Aandeelhouderschap</b> van de overheid om de publiekrechtelijke "
                "waarborgen – waaronder solidariteit, het voorkomen van willekeur en "
                "transparante rechtsgang – veilig te stellen.</p>"
            ),
            (
                "quote",
                {"quote": "Tussen wil en wet ligt een wereld van mensen.", "attribution": ""},
            ),
        ],
    },
    {
        "slug": "bijzonder-statuut",
        "title": "Bijzonder Statuut",
        "intro": (
            "Het Bijzonder Statuut van een sociale coöperatie is een notariële akte met een datum, "
            "die nieuwe relaties tussen mensen onderling vastlegt."
        ),
        "body": [
            paragraph(
                "<p>Voor het handelen van burgers onderling en voor het handelen van de overheid "
                "is door de eeuwen heen een heel web van regels en wetten ontwikkeld. Veel van die "
                "regels zijn ooit ontwikkeld om juist het samenleven soepel te laten lopen, "
                "iedereen gelijke rechten en kansen te geven en ons tegen willekeur te "
                "beschermen.</p>"
            ),
            paragraph(
                "<p>Met een Bijzonder Statuut leggen de leden van een sociale coöperatie vast hoe "
                "zij samen dingen voor elkaar krijgen. Het statuut is een notariële akte met een "
                "datum; in het overzicht van coöperaties ziet u welke coöperaties er een "
                "hebben.</p>"
            ),
            heading("Een voorbeeld voor het hele land"),
            paragraph(
                "<p>Sociale coöperatie De Vrije Uitloop in Breda was de eerste met zowel een "
                "Bijzonder Statuut als een gemeente als sociaal aandeelhouder.</p>"
            ),
        ],
    },
    {
        "slug": "sociaal-aandeelhouderschap",
        "title": "Sociaal Aandeelhouderschap",
        "intro": (
            "Bij Sociaal Aandeelhouderschap wordt een gemeente ‘sociaal aandeelhouder’ van een "
            "sociale coöperatie, vanaf een startdatum en voor een bepaalde termijn."
        ),
        "body": [
            paragraph(
                "<p>Als sociaal aandeelhouder maakt de gemeente zich verantwoordelijk voor het "
                "slagen van de coöperatie, omdat zij er ook een direct belang bij heeft. De "
                "coöperatie is dan niet meer ‘alleen’ een maatschappelijk initiatief maar ook een "
                "samenwerkingsverband van burgers en gemeente samen.</p>"
            ),
            paragraph(
                "<p>Dat zorgt ervoor dat de gemeente bijvoorbeeld een proactieve rol gaat spelen "
                "bij het identificeren van nieuwe leden en het koppelen van dienstverlening. Voor "
                "de leden betekent het vooral erkenning als gelijkwaardige partners: het gaat niet "
                "langer over hen, maar er wordt gesproken met hen.</p>"
            ),
            heading("De eerste: Breda en De Vrije Uitloop"),
            paragraph(
                "<p>Op maandag 14 november 2016 ondertekenden de Gemeente Breda en de leden van "
                "sociale coöperatie De Vrije Uitloop het Sociaal Aandeelhouderschap – voor het "
                "eerst in Nederland. Minister Plasterk was daarbij aanwezig.</p>"
            ),
        ],
    },
]


def load(report=print):
    """Create the home page, site settings and the general pages. Returns the HomePage."""
    home = ensure_home_page(report)
    site = Site.objects.get(is_default_site=True)
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.footer_text:
        settings_obj.footer_text = (
            "Sociale Coöperaties is het platform van de beweging van sociale coöperaties in "
            "Nederland."
        )
        settings_obj.save()
        report("Website-instellingen ingevuld")
    for spec in STANDARD_PAGES:
        page, created = add_child(
            home,
            StandardPage,
            slug=spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            body=spec["body"],
            show_in_menus=True,
        )
        if created:
            report(f"Pagina aangemaakt: {page.title}")
    return home
