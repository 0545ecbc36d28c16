import factory
import wagtail_factories

from coops.models import CoopIndexPage, CoopPage, Municipality


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
