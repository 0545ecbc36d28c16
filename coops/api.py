"""The directory's API serializer fields, shared by every page type that shows a place or themes.

Imports nothing else of coops, so any model (news's pages too) can use them in `api_fields`.
Which CoopPage fields the API reads and writes is declared in `coops.fields`.
"""

from rest_framework.fields import Field


class MunicipalityField(Field):
    """A municipality as `{code, name, province}` (or `{code, name}`), null when empty."""

    def __init__(self, with_province=True, **kwargs):
        self.with_province = with_province
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, municipality):
        data = {"code": municipality.code, "name": municipality.name}
        if self.with_province:
            data["province"] = municipality.province
        return data


class ThemesField(Field):
    """Themes as `[{id, slug, name}]`, from the prefetched relation (entries, news, conferences)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, themes):
        return [theme_data(theme) for theme in themes.all()]


def theme_data(theme):
    """One Theme shape for every consumer (API and exports): {id, slug, name}."""
    return {"id": theme.pk, "slug": theme.slug, "name": theme.name}
