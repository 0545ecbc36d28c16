"""The directory in Wagtail's API v3: which CoopPage fields an app may write.

Partner organisations keep their own directory entries up to date through
`/api/v3/pages/` with a Bearer token. Only the fields below are writable; the
rest of a CoopPage (its place in the tree, the Sociaal Aandeelhouderschap, the
Bijzonder Statuut) stays with the editors. A token's user needs Wagtail's
"add"/"change" permission on the directory to write, and "publish" to publish;
everything else is saved as a draft.

`declare_writable_fields()` runs from `CoopsConfig.ready()`, before Wagtail's v3
registry builds its schemas (the registry reads `api_fields` when first imported).
"""

from rest_framework.fields import Field

from wagtail.api import APIField

#: CoopPage fields an app may send in a v3 create or update (besides title and slug).
COOP_PAGE_WRITABLE_FIELDS = (
    "intro",
    "body",
    "kind",
    "legal_form",
    "kvk_number",
    "founded_year",
    "status",
    "members",
    "street",
    "postcode",
    "city",
    "lat",
    "lon",
    "website",
    "email",
    "phone",
)


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
        return [{"id": theme.pk, "slug": theme.slug, "name": theme.name} for theme in themes.all()]


def declare_writable_fields(model, names):
    """Mark `names` writable in `model.api_fields`, adding the ones that are missing.

    A field whose API v2 representation needs a custom serializer keeps it and
    stays read-only in v3 (Wagtail cannot write through a v2 serializer).
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


def register():
    from coops.models import CoopPage

    declare_writable_fields(CoopPage, COOP_PAGE_WRITABLE_FIELDS)
