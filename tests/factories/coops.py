import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from coops.models import CoopIndexPage, CoopPage, Municipality, Province, Theme


class MunicipalityFactory(DjangoModelFactory):
    """A municipality outside the CBS list (codes GM9000 and up are not in use)."""

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    province = Province.UTRECHT
    lat = 52.09
    lon = 5.12

    class Meta:
        model = Municipality
        django_get_or_create = ("code",)


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Testthema {n}")
    slug = factory.Sequence(lambda n: f"testthema-{n}")

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class CoopIndexPageFactory(wagtail_factories.PageFactory):
    title = "Coöperaties"
    slug = "cooperaties"

    class Meta:
        model = CoopIndexPage


class CoopPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Coöperatie Test {n:04d}")
    slug = factory.Sequence(lambda n: f"cooperatie-test-{n:04d}")
    intro = "Een sociale coöperatie."
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="GM0758"))

    class Meta:
        model = CoopPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()
