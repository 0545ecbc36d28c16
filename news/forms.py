"""The forms visitors fill in to sign up for a conference (the news filters: news.filters)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

WORKSHOP_PREFIX = "workshop_"


class WorkshopSelect(forms.Select):
    """A select whose full workshops are shown but can't be chosen."""

    def __init__(self, *args, unavailable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unavailable = set(unavailable)

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.unavailable:
            option["attrs"]["disabled"] = True
        return option


def workshop_label(session):
    label = session.title
    if session.speakers:
        label += f" ({session.speakers})"
    left = session.places_left()
    if left == 0:
        return label + " – " + str(_("vol"))
    if left is not None and left < 10:
        return label + " – " + ngettext("nog %d plaats", "nog %d plaatsen", left) % left
    return label


class ParticipantForm(forms.Form):
    """What a participant fills in and may change later through their own link.

    One choice per workshop round (`workshop_1`, `workshop_2`, …); a full workshop is listed as
    full and refused, unless it is the participant's own choice already (`current`).
    """

    name = forms.CharField(label=_("Naam"), max_length=150)
    organisation = forms.CharField(label=_("Organisatie"), max_length=200, required=False)
    dietary = forms.CharField(
        label=_("Dieetwensen"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld vegetarisch, veganistisch of een allergie."),
    )

    def __init__(self, *args, conference, current=(), full=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.current = set(current)
        # `full`: workshops that filled up between showing and sending the form.
        self.full = set(full)
        rounds = conference.workshop_rounds()
        for number, sessions in rounds:
            full = {s.pk for s in sessions if (s.is_full() or s.pk in self.full)} - self.current
            self.full |= full
            label = (
                _("Workshop")
                if len(rounds) == 1
                else _("Workshop ronde %(round)s") % {"round": number}
            )
            self.fields[f"{WORKSHOP_PREFIX}{number}"] = forms.TypedChoiceField(
                label=label,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Geen voorkeur"))]
                + [(session.pk, workshop_label(session)) for session in sessions],
                widget=WorkshopSelect(unavailable=full),
            )
        workshops = [f"{WORKSHOP_PREFIX}{number}" for number, _sessions in rounds]
        self.order_fields(
            ["name", "email", "organisation", *workshops, "dietary", *INVOICE_FIELDS, "remarks"]
        )

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if name.startswith(WORKSHOP_PREFIX) and value in self.full:
                self.add_error(name, _("Deze workshop is vol; kies een andere."))
        return cleaned

    def chosen_workshops(self):
        """The chosen workshop sessions' ids, one per round at most."""
        return [
            value
            for name, value in self.cleaned_data.items()
            if name.startswith(WORKSHOP_PREFIX) and value is not None
        ]

    @staticmethod
    def initial_for(registration):
        """The change form's initial values for `registration` (its workshops by round)."""
        initial = {
            "name": registration.name,
            "organisation": registration.organisation,
            "dietary": registration.dietary,
        }
        for session in registration.workshops.all():
            initial[f"{WORKSHOP_PREFIX}{session.round_number}"] = session.pk
        return initial


VAT_NUMBER = re.compile(r"^[A-Z]{2}[0-9A-Z]{2,13}$")
INVOICE_FIELDS = ("invoice_address", "invoice_email", "invoice_reference", "vat_number")


class RegistrationForm(ParticipantForm):
    """The sign-up form; with a price it asks what a finance department needs for the invoice."""

    email = forms.EmailField(label=_("E-mailadres"))
    invoice_address = forms.CharField(
        label=_("Factuuradres"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Naam van de afdeling, straat en huisnummer, postcode en plaats."),
    )
    invoice_email = forms.EmailField(
        label=_("E-mailadres voor facturen"),
        help_text=_("Bijvoorbeeld het adres van de crediteurenadministratie."),
    )
    invoice_reference = forms.CharField(
        label=_("Inkoopordernummer of referentie"),
        max_length=100,
        required=False,
        help_text=_("Als uw organisatie dat op de factuur wil zien."),
    )
    vat_number = forms.CharField(
        label=_("Btw-nummer"),
        max_length=20,
        required=False,
        help_text=_("Optioneel, bijvoorbeeld NL123456789B01."),
    )
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
        super().__init__(*args, conference=conference, **kwargs)
        if conference.is_free:
            for name in INVOICE_FIELDS:
                del self.fields[name]
        else:
            self.fields["organisation"].required = True

    def clean_vat_number(self):
        number = re.sub(r"[\s.]", "", self.cleaned_data["vat_number"]).upper()
        if number and not VAT_NUMBER.match(number):
            raise forms.ValidationError(_("Vul een btw-nummer in zoals NL123456789B01."))
        return number

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
