"""Work for the task worker (core.tasks): the e-mails about a conference sign-up.

The model is looked up through the app registry: news.models imports the views, which import
the registration code that enqueues these tasks.
"""

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from core.tasks import background
from news.registration.links import claim_token, manage_token, own_link

SUBJECTS = {
    "confirmation": _("Aanmelding bevestigd: %(title)s"),
    "waiting": _("U staat op de wachtlijst: %(title)s"),
    "offer": _("Er is een plaats vrij: %(title)s"),
    "expired": _("Aanbod verlopen: %(title)s"),
    "cancelled": _("Aanmelding geannuleerd: %(title)s"),
}


def registration_links(registration):
    """The participant's own links (absolute URLs) for the e-mails."""
    conference = registration.conference.specific
    base = conference.get_full_url()
    links = {
        "manage_url": own_link(conference, "manage_registration", manage_token(registration), base)
    }
    if registration.offer_expires_at:
        links["claim_url"] = own_link(conference, "claim_place", claim_token(registration), base)
    return links


@background(retries=3, backoff=60)
def send_registration_mail(registration_id, kind):
    """Mail the participant about their sign-up; `kind` is one of SUBJECTS."""
    registration = (
        apps.get_model("news", "Registration")
        .objects.select_related("conference")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    conference = registration.conference.specific
    context = {
        "registration": registration,
        "conference": conference,
        **registration_links(registration),
    }
    send_mail(
        subject=str(SUBJECTS[kind]) % {"title": conference.title},
        message=render_to_string(f"news/email/registration_{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[registration.email],
    )
