import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Sociale Coöperaties"
    slug = "home"
    hero_title = "Samen sterker"
    hero_intro = "Het platform van de sociale coöperaties."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Een korte introductie."

    class Meta:
        model = StandardPage
