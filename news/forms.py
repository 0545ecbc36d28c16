"""Forms visitors fill in: the news filters and the conference sign-up."""

from urllib.parse import urlencode

from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from coops.models import Theme


class NewsFilterForm(forms.Form):
    """Plain-GET filters for the news index: shareable URLs, and bad input just doesn't filter.

    Choices come from what the index actually holds, so every option finds something.
    """

    tag = forms.ChoiceField(label=_("Trefwoord"), required=False)
    theme = forms.ChoiceField(label=_("Thema"), required=False)
    year = forms.TypedChoiceField(label=_("Jaar"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, index):
        super().__init__(data)
        from news.models import NewsItemPage

        items = NewsItemPage.objects.child_of(index).live().public()
        page_ids = items.values("pk")
        self.fields["tag"].choices = [("", _("Alle trefwoorden"))] + list(
            Tag.objects.filter(news_newsitemtag_items__content_object__in=page_ids)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        self.fields["theme"].choices = [("", _("Alle thema's"))] + list(
            Theme.objects.filter(news_items__in=page_ids)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        years = (
            items.annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.fields["year"].choices = [("", _("Alle jaren"))] + [
            (str(year), str(year)) for year in years
        ]

    def _valid(self, name):
        """The cleaned value of one field, or None when absent or invalid."""
        self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None

    def filter(self, items):
        tag, theme, year = self._valid("tag"), self._valid("theme"), self._valid("year")
        if tag:
            items = items.filter(tags__slug=tag)
        if theme:
            items = items.filter(themes__slug=theme)
        if year:
            items = items.filter(date__year=year)
        return items

    def active_tag(self):
        return self._valid("tag")

    def query_string(self):
        """The valid filters as a query string, for pagination links."""
        params = [(name, self._valid(name)) for name in ("tag", "theme", "year")]
        return urlencode([(name, value) for name, value in params if value])


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    workshop = forms.ChoiceField(label=_("Workshop"), required=False)
    remarks = forms.CharField(
        label=_("Opmerkingen"), max_length=2000, required=False, widget=forms.Textarea
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        choices = conference.workshop_choices()
        if choices:
            self.fields["workshop"].choices = [("", _("Geen voorkeur"))] + choices
        else:
            del self.fields["workshop"]

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
