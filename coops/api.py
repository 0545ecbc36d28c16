"""The directory's API serializer fields, shared by every page type that shows a place or themes.

Imports nothing else of coops, so any model (news's pages too) can use them in `api_fields`.
Which CoopPage fields the API reads and writes is declared in `coops.fields`.
"""

from rest_framework.fields import Field

from wagtail.api import APIField


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


def declare_writable_fields(model, names):
    """Temporary shim: news.api still calls this from its ready() hook on this branch.

    Deleted once news declares `APIField(name, writable=True)` on its models (issue 11);
    coops itself declares its writable fields in `coops.fields`.
    """
    api_fields = []
    seen = set()
    for field in getattr(model, "api_fields", ()):
        if not isinstance(field, APIField):
            field = APIField(field)
        if field.name in names and field.serializer is None and not field.writable:
            field = APIField(field.name, writable=True)
        api_fields.append(field)
        seen.add(field.name)
    api_fields.extend(APIField(name, writable=True) for name in names if name not in seen)
    model.api_fields = api_fields
