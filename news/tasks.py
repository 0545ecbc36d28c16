"""Work for the task worker (core.tasks): the sign-up confirmation mail.

Enqueued after the sign-up commits, run by the worker in production (so a slow or
broken mail server never holds a visitor's request) and retried with backoff; the
last failure is logged by core.tasks. The models come from the app registry, so this
module stays below news.models in the import order (like news.registration).
"""

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.tasks import background


@background(retries=4, backoff=60)
def send_registration_confirmation(registration_id):
    """Mail the confirmation of sign-up `registration_id` (gone by then: nothing to send)."""
    registrations = apps.get_model("news", "Registration").objects
    registration = registrations.select_related("conference").filter(pk=registration_id).first()
    if registration is None:
        return
    conference = registration.conference
    context = {"registration": registration, "conference": conference}
    send_mail(
        subject=_("Aanmelding ontvangen: %(title)s") % {"title": conference.title},
        message=render_to_string("news/email/registration_confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[registration.email],
    )
