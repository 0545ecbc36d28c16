"""The public form "Meld uw coöperatie aan": the entry's public fields, from the model.

Each field is the model field's own form field (label, help text, validators), so the form
says what the admin says; `coops.fields` decides which fields are public and writable.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coops.fields import FIELDS
from coops.models.places import Municipality
from coops.models.snippets import Theme

#: The entry's fields a coöperatie fills in itself: the writable public ones (the API's), except
#: the free-form body and the exact position, plus its name, municipality and themes.
PROPOSED_FIELDS = [
    "title",
    *(
        field.name
        for field in FIELDS
        if field.writable and field.name not in {"body", "lat", "lon", "status", "members"}
    ),
    "municipality",
    "themes",
]


def _model_field(entry_model, name):
    if name == "title":
        return forms.CharField(label=_("Naam van de coöperatie"), max_length=255)
    if name == "municipality":
        return forms.ModelChoiceField(
            Municipality.objects.filter(is_active=True), label=_("Gemeente"), required=True
        )
    if name == "themes":
        return forms.ModelMultipleChoiceField(
            Theme.objects.all(),
            label=_("Thema's"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    model_field = entry_model._meta.get_field(name)
    # The model's validators too (postcode, KvK number, year range), as the admin checks them.
    extra = {"validators": model_field.validators}
    if name == "website":
        extra["assume_scheme"] = "https"
    return model_field.formfield(**extra)


class EntryForm(forms.Form):
    """The entry's public fields; `instance` is the entry being changed (None: a new one)."""

    def __init__(self, entry_model, *args, instance=None, **kwargs):
        """`entry_model` is CoopPage (the directory's `entry_model()`; views don't import it)."""
        if instance is not None:
            kwargs.setdefault("initial", entry_initial(instance))
        super().__init__(*args, **kwargs)
        self.entry_model = entry_model
        self.instance = instance
        for name in PROPOSED_FIELDS:
            self.fields[name] = _model_field(entry_model, name)
        self.order_fields([*PROPOSED_FIELDS, *self.declared_fields])

    def full_clean(self):
        super().full_clean()
        # Screen readers read a field's help and error with it (the template gives them ids).
        for name, field in self.fields.items():
            described = [f"id_{name}_help"] if field.help_text else []
            if name in self.errors:
                described.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def page_values(self):
        """{field: value} for the CoopPage (themes apart)."""
        return {name: self.cleaned_data[name] for name in PROPOSED_FIELDS if name != "themes"}

    def clean(self):
        cleaned = super().clean()
        kvk = cleaned.get("kvk_number")
        others = self.entry_model.objects.filter(kvk_number=kvk)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if kvk and others.exists():
            self.add_error(
                "kvk_number",
                _(
                    "Een coöperatie met dit KvK-nummer staat al in het overzicht; stel een "
                    "wijziging voor op haar pagina."
                ),
            )
        if not self.errors:
            page = self.entry_model(**self.page_values())
            for field, message in page.coop_errors().items():
                self.add_error(field if field in self.fields else None, message)
        return cleaned


def entry_initial(page):
    initial = {name: getattr(page, name) for name in PROPOSED_FIELDS if name != "themes"}
    initial["themes"] = list(page.themes.all())
    return initial


class ProposalForm(EntryForm):
    submitter_name = forms.CharField(label=_("Uw naam"), max_length=200)
    submitter_email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Hier sturen we de bevestiging heen; het komt niet op de site."),
    )
    # The honeypot: hidden from people, filled in by bots (see the template).
    nickname = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def is_spam(self):
        return bool(self.data.get("nickname"))
