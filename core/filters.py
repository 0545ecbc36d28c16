"""A listing's query parameters, declared once as a django-filter FilterSet, read two ways.

- **Strict** (the API): a value that does not validate is an error naming the parameter
  (`parameter_errors()`; `core.api` turns the first into a 400 "province: …").
- **Lenient** (an HTML page, `lenient=True`): a bad value is dropped, the other filters still
  apply, and `notices()` says in Dutch what was ignored, so a shared link never breaks.

A page may use Dutch parameter names (`page_parameters`); the API uses the filter names.
Filters in `page_only` are not API parameters (the API has its own `search` and `order`).

    class DirectoryFilterSet(ListingFilterSet):
        province = django_filters.ChoiceFilter(choices=Province.choices)
        page_parameters = {"province": "provincie"}

    DirectoryFilterSet(request.GET, queryset, lenient=True).qs      # the page
    CoopPage.api_filterset = DirectoryFilterSet                      # the API (core.api)
"""

import django_filters

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ListingFilterSet(django_filters.FilterSet):
    #: {filter name: the page's GET parameter}. A filter without one is the API's only.
    page_parameters: dict[str, str] = {}
    #: Filters only the page offers.
    page_only: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, lenient=False, **kwargs):
        self.lenient = lenient
        if lenient and data is not None:
            data = self.from_page_parameters(data)
        super().__init__(data, queryset, **kwargs)

    @classmethod
    def api_parameters(cls):
        """The query parameters this listing adds to the API."""
        return tuple(name for name in cls.base_filters if name not in cls.page_only)

    @classmethod
    def from_page_parameters(cls, params):
        """The page's (Dutch) GET parameters as filter data; blank values are left out."""
        data = QueryDict(mutable=True)
        for name, parameter in cls.page_parameters.items():
            values = [value.strip() for value in params.getlist(parameter) if value.strip()]
            if values:
                data.setlist(name, values)
        return data

    @property
    def form(self):
        form = super().form
        # Fields that read values differently for people and apps (YesNoField) look here.
        for field in form.fields.values():
            field.lenient = self.lenient
        return form

    def parameter_errors(self):
        """[(parameter, message)] for each given API parameter that does not validate."""
        errors = []
        for name in self.api_parameters():
            if name in self.data and not any(v.strip() for v in self.data.getlist(name)):
                errors.append((name, _("geef een waarde")))
        for name, messages in self.errors.items():
            errors.extend((name, message) for message in messages)
        return errors

    def notices(self):
        """Dutch sentences, one per page parameter that was ignored."""
        return [
            _("%(problem)s genegeerd.") % {"problem": capfirst(str(message))}
            for messages in self.errors.values()
            for message in messages
        ]


class YesNoField(forms.Field):
    """A yes/no answer: `true`/`false` from apps; people may also write ja/nee, 1/0, on/off."""

    STRICT = {"true": True, "false": False}
    LENIENT = {
        **STRICT,
        "ja": True,
        "nee": False,
        "1": True,
        "0": False,
        "on": True,
        "off": False,
        "yes": True,
        "no": False,
    }
    lenient = False

    def to_python(self, value):
        if value in (None, ""):
            return None
        words = self.LENIENT if self.lenient else self.STRICT
        answer = words.get(str(value).strip().lower())
        if answer is None:
            expected = _("ja of nee") if self.lenient else "true of false"
            raise ValidationError(
                gettext_lazy("onbekende waarde ‘%(value)s’ (gebruik %(expected)s)"),
                code="invalid",
                params={"value": value, "expected": expected},
            )
        return answer

    def validate(self, value):
        """Empty is allowed: no answer, no filter."""


class YesNoFilter(django_filters.Filter):
    """Filters on a yes/no answer; `method` or `lookup_expr` decide what yes means."""

    field_class = YesNoField
