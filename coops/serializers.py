"""API v2 representations of the directory's related objects (see CoopPage.api_fields)."""

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
    """The entry's themes as `[{slug, name}]`, from the prefetched relation."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, themes):
        return [{"slug": theme.slug, "name": theme.name} for theme in themes.all()]
