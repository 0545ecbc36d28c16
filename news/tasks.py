"""Work for the task worker (core.tasks): the e-mails about a conference sign-up.

The model is looked up through the app registry: news.models imports the views, which import
the registration code that enqueues these tasks.
"""

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from core.tasks import background
from news.feeds import conference_calendar
from news.registration.links import claim_token, manage_token, own_link

# The key a reminder is logged under (news.models.SentMail); a message's is its own key.
REMINDER_KEY = "herinnering"

SUBJECTS = {
    "confirmation": _("Aanmelding bevestigd: %(title)s"),
    "waiting": _("U staat op de wachtlijst: %(title)s"),
    "offer": _("Er is een plaats vrij: %(title)s"),
    "expired": _("Aanbod verlopen: %(title)s"),
    "cancelled": _("Aanmelding geannuleerd: %(title)s"),
}


def with_conference(model_name, pk):
    """The news model's row with its conference, or None when it is gone by now."""
    objects = apps.get_model("news", model_name).objects
    return objects.select_related("conference").filter(pk=pk).first()


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
    registration = with_conference("Registration", registration_id)
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


def send_once(registration, key, message):
    """Send `message` unless a mail with `key` went to `registration` before; log it.

    The log row and the sending share a transaction: a mail server that fails rolls the row
    back, so a retry sends it then.
    """
    sent_mails = apps.get_model("news", "SentMail").objects
    with transaction.atomic():
        try:
            with transaction.atomic():
                sent_mails.create(registration=registration, key=key)
        except IntegrityError:
            return False
        message.send()
    return True


def participant_mail(registration, subject, template, context):
    conference = registration.conference.specific
    context = {
        "registration": registration,
        "conference": conference,
        **registration_links(registration),
        **context,
    }
    return EmailMessage(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )


@background(retries=3, backoff=300)
def send_reminder(registration_id):
    """The reminder before the conference: where, when, the own link and an .ics attachment."""
    registration = with_conference("Registration", registration_id)
    if registration is None or registration.status != registration.Status.CONFIRMED:
        return
    conference = registration.conference.specific
    message = participant_mail(
        registration,
        str(_("Herinnering: %(title)s")) % {"title": conference.title},
        "news/email/registration_reminder.txt",
        {},
    )
    message.attach(
        f"{conference.slug}.ics", conference_calendar(conference).to_ical(), "text/calendar"
    )
    send_once(registration, REMINDER_KEY, message)


@background(retries=3, backoff=300)
def send_participant_message(message_id):
    """An organiser's message to every confirmed participant, each once (a retry skips them)."""
    message = with_conference("ParticipantMessage", message_id)
    if message is None:
        return
    registrations = message.conference.registrations
    participants = registrations.filter(status=registrations.model.Status.CONFIRMED)
    for registration in participants:
        mail = participant_mail(
            registration,
            message.subject,
            "news/email/participant_message.txt",
            {"message": message},
        )
        send_once(registration, message.key, mail)
