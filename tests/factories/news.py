import datetime
import zoneinfo

import factory
import wagtail_factories

from news.models import ConferencePage, NewsIndexPage, NewsPage

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nieuws"
    slug = "nieuws"
    intro = "Nieuws van de sociale coöperaties."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bericht {n}")
    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    intro = "Een korte samenvatting."

    class Meta:
        model = NewsPage


class ConferencePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Conferentie {n}")
    date = datetime.date(2016, 12, 1)
    start = datetime.datetime(2017, 2, 10, 9, 30, tzinfo=AMSTERDAM)
    end = datetime.datetime(2017, 2, 10, 17, 0, tzinfo=AMSTERDAM)
    venue_name = "De Gruyter Fabriek"
    street = "Veemarktkade 8"
    postcode = "5222 AE"
    city = "'s-Hertogenbosch"
    price = 75
    price_note = "per deelnemer"

    class Meta:
        model = ConferencePage
