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


def set_site_address(site, site_url, report):
    """Point the site at the address it is served on (`make run PORT=8123`), so canonical
    links, feeds, e-mails, the API's html_url and the exports' URLs work there."""
    address = urlsplit(site_url)
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
        report(f"Site-adres gezet op {hostname}:{port}")


def ensure_home_page(report, site_url=None):
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
    if site is not None and site_url:
        set_site_address(site, site_url, report)
    elif site is not None and (site.hostname, site.port) == ("localhost", 80):
        # Wagtail's placeholder site: give it the address the admin is served on.
        set_site_address(site, settings.WAGTAILADMIN_BASE_URL, report)
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


ACCESSIBILITY_STATEMENT = {
    # Built on the model statement of DigiToegankelijk (the Dutch government's standard for
    # digital accessibility): scope, status, how it was tested, known problems, contact.
    "slug": "toegankelijkheid",
    "title": "Toegankelijkheidsverklaring",
    "intro": (
        "Sociale Coöperaties wil dat iedereen deze website kan gebruiken. Hier leest u hoe "
        "toegankelijk de website is, wat nog niet goed gaat en hoe u ons dat kunt laten weten."
    ),
    "body": [
        heading("Voor welke website geldt deze verklaring?"),
        paragraph(
            "<p>Deze verklaring geldt voor de hele website van Sociale Coöperaties: het nieuws, "
            "de agenda, het overzicht van coöperaties en de algemene pagina's. Het is een "
            "voorbeeldverklaring van de demo-inhoud; de redactie vult haar aan met het "
            "onderzoek van een eigen audit.</p>"
        ),
        heading("Hoe toegankelijk is de website?"),
        paragraph(
            "<p>Wij streven ernaar dat de website voldoet aan de Europese norm EN 301 549 en "
            "de WCAG 2.1 op niveau A en AA. De website voldoet <b>gedeeltelijk</b>: een "
            "onderzoek door een onafhankelijke deskundige is nog niet gedaan.</p>"
        ),
        heading("Hoe hebben we dat onderzocht?"),
        paragraph(
            "<p>Bij elke wijziging van de website controleren automatische tests de "
            "belangrijkste pagina's op een telefoon en op een breed scherm: axe-core vindt "
            "geen toegankelijkheidsfouten, de Nu Html Checker vindt geen fouten in de code, de "
            "pagina's schuiven niet opzij op een smal scherm van 320 pixels en het menu en de "
            "zoeksuggesties werken met het toetsenbord.</p>"
        ),
        heading("Wat werkt nog niet goed?"),
        paragraph(
            "<ul><li>De kaarten (van OpenStreetMap) zijn niet volledig met het toetsenbord te "
            "gebruiken. Dezelfde informatie staat altijd ook als tekst op de pagina.</li>"
            "<li>Documenten van partners (zoals pdf-bestanden) zijn niet altijd toegankelijk. "
            "Vraag ons gerust om een andere vorm.</li></ul>"
        ),
        heading("Loopt u tegen iets aan?"),
        paragraph(
            "<p>Kunt u iets op deze website niet vinden, lezen of gebruiken? Laat het ons weten "
            "via de contactgegevens onderaan de pagina. U krijgt binnen vijf werkdagen een "
            "reactie, en binnen drie weken een oplossing of een voorstel.</p>"
        ),
        paragraph(
            "<p>Bent u niet tevreden met hoe wij uw melding afhandelen? Dan kunt u een klacht "
            "indienen bij het bestuur van de vereniging, via hetzelfde adres.</p>"
        ),
    ],
}

#: The demo's contact details: clearly made up (the .example domain never exists).
DEMO_CONTACT = {
    "contact_email": "redactie@sociale-cooperaties.example",
    "contact_address": "Voorbeeldstraat 1\n1234 AB Voorbeeldstad",
}


def _fill_settings(settings_obj, statement, report):
    changed = []
    if not settings_obj.footer_text:
        settings_obj.footer_text = (
            "Sociale Coöperaties is het platform van de beweging van sociale coöperaties in "
            "Nederland."
        )
        changed.append("voettekst")
    if not (settings_obj.contact_email or settings_obj.contact_address):
        for name, value in DEMO_CONTACT.items():
            setattr(settings_obj, name, value)
        changed.append("contactgegevens (verzonnen, voor de demo)")
    if settings_obj.accessibility_statement_id is None and statement is not None:
        settings_obj.accessibility_statement = statement
        changed.append("toegankelijkheidsverklaring")
    if changed:
        settings_obj.save()
        report(f"Website-instellingen ingevuld: {', '.join(changed)}")


def load(report=print, site_url=None):
    """Create the home page, site settings and the general pages. Returns the HomePage.

    `site_url` (http://host:port) is the address the site is served on; the default site
    follows it."""
    home = ensure_home_page(report, site_url)
    site = Site.objects.get(is_default_site=True)
    settings_obj = SiteSettings.for_site(site)
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
    # The statement is linked from the footer (site settings), not from the main menu.
    statement, created = add_child(
        home, StandardPage, show_in_menus=False, **ACCESSIBILITY_STATEMENT
    )
    if created:
        report(f"Pagina aangemaakt: {statement.title}")
    _fill_settings(settings_obj, statement, report)
    return home
