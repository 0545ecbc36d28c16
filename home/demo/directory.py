"""Demo content for the directory: the index page and De Vrije Uitloop (Breda).

Only facts from the seed (bijzonderstatuut.nl/nieuws) and the project brief: the Gemeente
Breda signed the Sociaal Aandeelhouderschap with the members on 14 November 2016, for five
years (the term named in the design notes), and the coöperatie has a Bijzonder Statuut.
The seed gives no date for the statute, no KvK number, no founding year, no address and no
member count: those stay empty rather than invented. Idempotent: existing pages (by slug)
are left alone so editors' changes survive.
"""

import datetime

from coops.models import CoopIndexPage, CoopPage, Municipality
from home.demo import images


def _add_child(parent, page, report):
    page.image = images.for_page(page.slug, report)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load(home, report=print):
    index = CoopIndexPage.objects.child_of(home).filter(slug="cooperaties").first()
    if index is None:
        index = _add_child(
            home,
            CoopIndexPage(
                title="Coöperaties",
                slug="cooperaties",
                show_in_menus=True,
                intro=(
                    "Zoek sociale coöperaties in heel Nederland op naam, plaats, provincie of "
                    "thema, en zie welke een gemeente als sociaal aandeelhouder hebben of een "
                    "Bijzonder Statuut."
                ),
                search_description="Het overzicht van sociale coöperaties in Nederland.",
            ),
            report,
        )
        report("Overzicht coöperaties aangemaakt")

    if not CoopPage.objects.child_of(index).filter(slug="de-vrije-uitloop").exists():
        breda = Municipality.objects.get(code="GM0758")
        page = CoopPage(
            title="Coöperatie De Vrije Uitloop U.A.",
            slug="de-vrije-uitloop",
            intro=(
                "Sociale coöperatie in Breda en de eerste in Nederland met een gemeente als "
                "sociaal aandeelhouder en met een Bijzonder Statuut."
            ),
            body=[
                (
                    "paragraph",
                    "<p>Op maandag 14 november 2016 hebben de Gemeente Breda en de leden van "
                    "sociale coöperatie De Vrije Uitloop het Sociaal Aandeelhouderschap "
                    "ondertekend. Daarmee is de gemeente ‘sociaal aandeelhouder’ geworden van de "
                    "coöperatie en maakt zij zich verantwoordelijk voor het slagen van de "
                    "coöperatie, omdat zij er vanaf nu ook een direct belang bij heeft.</p>",
                ),
                (
                    "paragraph",
                    "<p>De coöperatie is niet meer ‘alleen’ een maatschappelijk initiatief maar "
                    "ook een samenwerkingsverband van burgers en gemeente samen. Minister "
                    "Plasterk was aanwezig om dit bijzondere moment, voor het eerst in "
                    "Nederland, mee te maken.</p>",
                ),
            ],
            kind=CoopPage.Kind.NEIGHBOURHOOD,
            legal_form=CoopPage.LegalForm.COOPERATIVE_UA,
            status=CoopPage.Status.ACTIVE,
            municipality=breda,
            city="Breda",
            social_shareholder=breda,
            social_shareholder_since=datetime.date(2016, 11, 14),
            social_shareholder_term_years=5,
            special_statute=True,
            # Not in the seed, so left empty: special_statute_date, kvk_number,
            # founded_year, street, postcode, members, lat/lon (the map uses Breda's centre).
        )
        # No themes either: the seed doesn't say which the coöperatie works on.
        _add_child(index, page, report)
        report("Coöperatie aangemaakt: De Vrije Uitloop")
    return index
