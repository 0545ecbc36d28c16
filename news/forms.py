"""The forms visitors fill in to sign up for a conference (the news filters: news.filters)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ParticipantForm(forms.Form):
    """What a participant fills in and may change later through their own link."""

    name = forms.CharField(label=_("Naam"), max_length=150)
    organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    workshop = forms.ChoiceField(label=_("Workshop"), required=False)
    dietary = forms.CharField(
        label=_("Dieetwensen"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld vegetarisch, veganistisch of een allergie."),
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        choices = conference.workshop_choices()
        if choices:
            self.fields["workshop"].choices = [("", _("Geen voorkeur"))] + choices
        else:
            del self.fields["workshop"]


class RegistrationForm(ParticipantForm):
    email = forms.EmailField(label=_("E-mailadres"))
    remarks = forms.CharField(
        label=_("Opmerkingen"), max_length=2000, required=False, widget=forms.Textarea
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["name", "email", "organisation", "workshop", "dietary", "remarks", "website"]

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
