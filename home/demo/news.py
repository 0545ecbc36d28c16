"""Demo content for news and conferences: the seed's four items, in its own words.

Idempotent: the index and each item are looked up by slug and left alone when
they exist. Where the seed (bijzonderstatuut.nl/nieuws) leaves a fact out, the
loader says so in a comment here and in a report line ("Aanname: …") instead of
inventing it silently.
"""

import datetime
import zoneinfo
from decimal import Decimal

from coops.models import CoopPage, Municipality, Theme
from home.demo import images
from news.models import (
    ConferencePage,
    ConferencePartner,
    ConferenceSpeaker,
    NewsIndexPage,
    NewsPage,
    NewsSource,
)

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def paragraph(html):
    return ("paragraph", html)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


# The seed lists its items newest first: Manifestatie, essay, conference (10 February
# 2017), De Vrije Uitloop (14 November 2016). It gives no publication dates and no year
# for the manifestation; the dates below keep the seed's order and are marked as
# assumptions in the report.
MANIFESTATION_DATE = datetime.date(2017, 9, 1)  # assumed: seed says only "Op 29 september"
ESSAY_DATE = datetime.date(2017, 6, 1)  # assumed: the seed gives no date for the essay
CONFERENCE_ANNOUNCED = datetime.date(2016, 12, 1)  # assumed: seed gives only the event date
# The seed gives the conference day (vrijdag 10 februari 2017) but no times.
CONFERENCE_START = datetime.datetime(2017, 2, 10, 9, 30, tzinfo=AMSTERDAM)  # assumed time
CONFERENCE_END = datetime.datetime(2017, 2, 10, 17, 0, tzinfo=AMSTERDAM)  # assumed time
VRIJE_UITLOOP_DATE = datetime.date(2016, 11, 14)  # the signing and Omroep Brabant's report

ASSUMPTIONS = [
    "Aanname: de seed noemt geen jaar voor de Manifestatie Sociale Coöperaties (‘Op 29 "
    "september’); het bericht staat boven de conferentie van februari 2017 en krijgt "
    f"publicatiedatum {MANIFESTATION_DATE:%d-%m-%Y}. De tekst houdt ‘29 september’ zonder jaar.",
    "Aanname: de seed geeft geen datum voor het essay ‘Mensen pakken zich samen voor een nieuw "
    f"sociaal contract’; publicatiedatum {ESSAY_DATE:%d-%m-%Y} houdt de volgorde van de seed.",
    "Aanname: de seed geeft geen begin- en eindtijd voor ‘Tussen wil en wet’ (alleen vrijdag "
    f"10 februari 2017); ingevuld: {CONFERENCE_START:%H:%M}–{CONFERENCE_END:%H:%M}. "
    f"Aankondigingsdatum {CONFERENCE_ANNOUNCED:%d-%m-%Y} is ook aangenomen.",
    "Ontbreekt in de seed: het programma en de aanmeldlink van ‘Tussen wil en wet’, de "
    "websites van de partners en de adressen van de campagnesite en het verslag van Omroep "
    "Brabant; die velden blijven leeg.",
]


def _add(index, page, report):
    existing = index.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific, False
    page.image = images.for_page(page.slug, report)
    index.add_child(instance=page)
    page.save_revision().publish()
    report(f"Nieuws aangemaakt: {page.title}")
    return page, True


def ensure_index(home, report):
    existing = home.get_children().filter(slug="nieuws").first()
    if existing is not None:
        return existing.specific
    index = NewsIndexPage(
        title="Nieuws",
        slug="nieuws",
        show_in_menus=True,
        intro="Nieuws en bijeenkomsten van de sociale coöperaties.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    report("Nieuwsoverzicht aangemaakt")
    return index


def manifestation(index, report):
    page = NewsPage(
        title="Manifestatie Sociale Coöperaties",
        slug="manifestatie-sociale-cooperaties",
        date=MANIFESTATION_DATE,
        intro=(
            "Op 29 september zetten sociale coöperaties uit het hele land de schijnwerpers op "
            "de nieuwe verhoudingen die ontstaan tussen burgers en overheid op het gebied van "
            "publieke taken."
        ),
        body=[
            paragraph(
                "<p>Iedereen met ideeën en ervaringen op dit gebied en iedereen die hier meer "
                "van wil weten, is van harte welkom om mee terug te kijken op vier jaar expeditie "
                "en samen vooruit te blikken op de toekomst van sociale coöperaties. Dat doen we "
                "samen met theatermakers die de werkelijkheid aan ons opdringen, met een "
                "tentoonstelling waar we bewegingsvol stil kunnen staan bij diezelfde "
                "werkelijkheid en met sociale coöperaties die hun werkelijkheid toelichten.</p>"
            ),
            paragraph(
                "<p>Na de manifestatie trekt de tentoonstelling het land door. Gemeenten en "
                "initiatieven kunnen het estafette-stokje overpakken en zo samen bouwen aan een "
                "samenleving waar coöperatie centraal staat in plaats van competitie.</p>"
            ),
            paragraph(
                "<p>Ga voor meer informatie naar de website van de campagne “PEER ‘M uit de "
                "armoede, ga voor bestaanszekerheid!”</p>"
            ),
        ],
    )
    page.sources = [
        NewsSource(title="Campagne “PEER ‘M uit de armoede, ga voor bestaanszekerheid!”")
    ]
    page.tags.add("manifestatie")
    page.themes = list(Theme.objects.filter(slug="inkomen"))
    return _add(index, page, report)


def essay(index, report):
    page = NewsPage(
        title="Mensen pakken zich samen voor een nieuw sociaal contract",
        slug="mensen-pakken-zich-samen-voor-een-nieuw-sociaal-contract",
        date=ESSAY_DATE,
        intro=(
            "De relatie tussen overheid en burgers is al jaren broeierig. Zijn we toe aan een "
            "nieuw sociaal contract?"
        ),
        body=[
            paragraph(
                "<p>De relatie tussen overheid en burgers is al jaren broeierig. Of het nu gaat "
                "over een teveel aan regels of om de manier van werken in de systeemwereld die "
                "haaks staat op de ‘mores’ van de leefwereld: het broeit al jaren. Door die "
                "dualiteit lijken we over het hoofd te zien waar het eigenlijk echt om gaat: de "
                "relatie tussen burgers onderling. De overheid immers is geen op zichzelf "
                "staande entiteit zoals mensen dat wel zijn. De overheid is een afgeleid "
                "instituut, ingesteld door mensen – burgers – die de overheid een aantal "
                "bevoegdheden hebben gegeven ten behoeve van een goed onderling samenleven. De "
                "échte bron van de broeierigheid ligt dus eigenlijk in het sociale, in de relatie "
                "tussen burgers onderling. Langzaam sijpelt dit inzicht op verschillende plekken "
                "door. Het samenspel van twee domeinen, het private domein van burgers onderling "
                "en het publieke domein, dat de bevoegdheden van de overheid regelt, lijkt niet "
                "meer toereikend om bestaanszekerheid van iedereen te garanderen. In hun "
                "dagelijkse leven ervaren steeds meer mensen dat de overheid niet langer de "
                "omstandigheden kan scheppen en behouden die mensen in staat stellen om als "
                "volwaardige burgers deel te nemen aan de samenleving en voor henzelf en anderen "
                "kwaliteit van leven te bewerkstelligen. En de genetwerkte samenleving maakt het "
                "tegelijkertijd onmogelijk voor mensen om geheel op zichzelf terug te vallen. "
                "Zijn we toe aan een nieuw sociaal contract?</p>"
            ),
            paragraph(
                "<p>Die vraag ligt aan de basis van initiatieven van diverse groepen burgers die "
                "samen een sociale coöperatie opzetten: collectieven van mensen die zelf de "
                "handen ineen slaan om hun eigen situatie te verbeteren, en die van mensen om "
                "zich heen. Coöperatie staat daarbij voor samenwerken: samen dingen voor elkaar "
                "krijgen die niet zomaar lukken als je er alleen voor staat. Want of het nu gaat "
                "om inkomen, een woning, zorg of de buurt waarin je leeft: zonder hulp en "
                "aandacht van en voor elkaar kom je er niet.</p>"
            ),
            paragraph(
                "<p>Sociale Coöperaties ontwikkelen vanuit de alledaagse werkelijkheid een nieuw "
                "domein die qua aard en vorm afwijkt van de twee vertrouwde domeinen van markt en "
                "overheid. In plaats van sociale arrangementen die door de overheid gedragen en "
                "uitgevoerd worden en door de mensen worden afgenomen, maken mensen eigen "
                "voorzieningen waaraan iedereen in staat gesteld wordt deel te nemen. Dat geeft "
                "een heel eigen, nieuwe dynamiek aan de sociale en economische ontwikkeling van "
                "gemeenschappen. Dat klinkt mooi maar het is ook spannend. Want voor het handelen "
                "van zowel burgers onderling als voor het handelen van de overheid hebben we door "
                "de eeuwen heen een heel web van regels en wetten ontwikkeld. Dat web is zo groot "
                "geworden dat veel regels tegenwoordig ter discussie zijn komen te staan: "
                "ont-regelen lijkt de norm geworden. We lopen daarmee het risico over het hoofd "
                "zien dat veel van die regels ooit ontwikkeld zijn om juist het samenleven soepel "
                "te laten lopen, iedereen gelijke rechten en kansen te geven en ons(zelf) tegen "
                "willekeur te beschermen.</p>"
            ),
            paragraph(
                "<p>Door hun activiteiten en manier van organiseren brengen sociale coöperaties "
                "vragen aan het licht over hoe we onze samenleving in willen richten. Dat doen ze "
                "met nieuwe instrumenten: een Bijzonder Statuut om nieuwe relaties tussen mensen "
                "onderling te smeden en met Sociaal Aandeelhouderschap van de overheid om de "
                "publiekrechtelijke waarborgen – waaronder solidariteit, het voorkomen van "
                "willekeur en transparante rechtsgang – veilig te stellen. Zo vormen ze "
                "bouwstenen voor een bestuurlijke vernieuwing van onze samenleving. Want… tussen "
                "wil en wet ligt een wereld van mensen. En: zoveel mensen, zoveel wensen. Waar "
                "een wil is, is een wet?</p>"
            ),
        ],
    )
    page.tags.add("sociaal contract", "Bijzonder Statuut", "Sociaal Aandeelhouderschap")
    return _add(index, page, report)


CONFERENCE_PARTNERS = ["De Sociale Alliantie", "Movisie", "Stimulansz", "Stock5", "Cordaid"]
CONFERENCE_SPEAKERS = [
    ("Pieter Hilhorst", "politicoloog en publicist", ""),
    ("Raf Janssen", "socioloog en wethouder Sociale Zaken", "gemeente Peel en Maas"),
    ("Sociale coöperaties uit de praktijk", "", ""),
]


def conference(index, report):
    page = ConferencePage(
        title="Tussen wil en wet, sociaal ondernemen met een uitkering",
        slug="tussen-wil-en-wet",
        subtitle="Conferentie op 10 februari 2017",
        date=CONFERENCE_ANNOUNCED,
        start=CONFERENCE_START,
        end=CONFERENCE_END,
        venue_name="De Gruyter Fabriek",
        street="Veemarktkade 8",
        postcode="5222 AE",
        city="'s-Hertogenbosch",
        municipality=Municipality.objects.filter(code="GM0796").first(),
        price=Decimal("75"),
        price_note="per deelnemer",
        audience=(
            "De conferentie is bedoeld voor medewerkers van gemeenten en maatschappelijke "
            "organisaties en andere geïnteresseerden."
        ),
        intro=(
            "Mensen laten meedoen, het benutten van de eigen kracht, dragen van eigen "
            "verantwoordelijkheid. Het zijn elementen van de participatiesamenleving die hoog op "
            "de agenda staat. Als mensen hieraan zelf vorm en inhoud geven, ontstaan er prachtige "
            "initiatieven met veel energie en resultaat."
        ),
        body=[
            heading("Sociaal ondernemen"),
            paragraph(
                "<p>Sociaal ondernemen is in opmars. Sociale ondernemers zijn vaak sterk lokaal "
                "verbonden, hebben maatschappelijke impact en vormen daarmee een interessante "
                "partner voor gemeenten. Juist nu de rol van de overheid verandert, vervullen "
                "sociale initiatieven een maatschappelijke rol. Veel gemeenten hebben die "
                "mogelijkheden nog niet ontdekt of kunnen op dat terrein nog flinke stappen "
                "zetten.</p>"
            ),
            paragraph(
                "<p>Maatschappelijke organisaties hebben door de veranderende rol van de overheid "
                "te maken met verschuivingen van verantwoordelijkheden en taken, nieuwe vormen "
                "van bottom-up werken en veelal een fors kleiner budget. Zij zien kansen voor "
                "burgers die sociaal en coöperatief willen ondernemen. Omdat sociale coöperaties "
                "niet alleen voor de burgers zelf, maar ook voor de buurt en omgeving van belang "
                "zijn…</p>"
            ),
            paragraph(
                "<p>Mensen met een uitkering willen zich ontwikkelen en bijdragen aan de "
                "samenleving. Dat krijgt vorm in sociale initiatieven. Hoe kunnen wij al dit "
                "potentieel meer ruimte bieden om invulling te geven aan vernieuwende vormen?</p>"
            ),
            heading("Wat kunt u verwachten?"),
            paragraph(
                "<p>Op de conferentie presenteren we u vooral ook praktijkvoorbeelden: hoe werkt "
                "het wel en wat is daarvoor nodig? Daarnaast presenteren we u inspirerende visies "
                "en verhalen en reiken wij u instrumenten aan die u kunt inzetten voor de nieuwe "
                "werkwijzen.</p>"
            ),
            # Date, place and price are the page's facts (the facts card), not repeated here.
        ],
    )
    page.partners = [ConferencePartner(name=name) for name in CONFERENCE_PARTNERS]
    page.speakers = [
        ConferenceSpeaker(name=name, role=role, organisation=organisation)
        for name, role, organisation in CONFERENCE_SPEAKERS
    ]
    page.tags.add("conferentie", "sociaal ondernemen")
    page.themes = list(Theme.objects.filter(slug__in=["werk", "inkomen"]))
    return _add(index, page, report)


def vrije_uitloop(index, report):
    page = NewsPage(
        title="De Vrije Uitloop en het Bijzonder Statuut zijn een voorbeeld voor het hele land",
        slug="de-vrije-uitloop-en-het-bijzonder-statuut",
        date=VRIJE_UITLOOP_DATE,
        intro=(
            "Op maandag 14 november 2016 heeft de Gemeente Breda en de leden van sociale "
            "coöperatie De Vrije Uitloop het Sociaal Aandeelhouderschap ondertekend."
        ),
        body=[
            paragraph(
                "<p>Op maandag 14 november 2016 heeft de Gemeente Breda en de leden van sociale "
                "coöperatie De Vrije Uitloop het Sociaal Aandeelhouderschap ondertekend. Daarmee "
                "is de gemeente ‘sociaal aandeelhouder’ geworden van de coöperatie en maakt zij "
                "zich verantwoordelijk voor het slagen van de coöperatie, omdat zij er vanaf nu "
                "ook een direct belang bij heeft. De coöperatie is niet meer ‘alleen’ een "
                "maatschappelijk initiatief maar ook een samenwerkingsverband van burgers en "
                "gemeente samen. Dat zal ervoor zorgen dat de gemeente bijvoorbeeld een "
                "proactieve rol gaat spelen bij het identificeren van nieuwe leden en het "
                "koppelen van dienstverlening. Dat betekent heel veel voor de leden van de "
                "coöperatie, niet alleen in praktische zin, maar vooral omdat zij daarmee erkend "
                "worden als gelijkwaardige partners; het gaat niet langer over hen, maar er wordt "
                "gesproken met hen. Minister Plasterk was aanwezig om dit bijzondere moment, voor "
                "het eerst in Nederland, mee te maken.</p>"
            ),
            paragraph("<p>Omroep Brabant maakte een verslag op 14 november.</p>"),
        ],
    )
    page.sources = [NewsSource(title="Omroep Brabant maakte een verslag")]
    page.related_coops = list(CoopPage.objects.filter(slug="de-vrije-uitloop")[:1])
    page.tags.add("Bijzonder Statuut", "Sociaal Aandeelhouderschap", "Breda")
    page.themes = list(Theme.objects.filter(slug__in=["werk", "buurt"]))
    return _add(index, page, report)


def load(home, report=print):
    """Create the news index under `home` and the seed's four items. Returns the index."""
    index = ensure_index(home, report)
    created = False
    for loader in (manifestation, essay, conference, vrije_uitloop):
        _page, made = loader(index, report)
        created = created or made
    if created:
        for line in ASSUMPTIONS:
            report(line)
    return index
