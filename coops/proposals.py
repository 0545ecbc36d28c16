""" "Meld uw coöperatie aan": a proposal becomes a draft entry in the moderation workflow.

Nothing a visitor sends is ever published without a moderator (`coops.moderation`). The
form is spam-resistant (a honeypot, CSRF) and rate-limited per address through Django's cache.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coops.models.proposals import CoopProposal
from coops.moderation import free_slug, submit_draft

#: Proposals per address per hour.
RATE_LIMIT = 5
RATE_WINDOW = 60 * 60
RATE_LIMIT_MESSAGE = _(
    "U hebt het afgelopen uur al een paar coöperaties aangemeld. Probeer het over een uur "
    "opnieuw, of mail de redactie."
)


def _rate_key(request):
    return f"coops:proposals:{request.META.get('REMOTE_ADDR', '')}"


def rate_limited(request):
    """True once an address has sent RATE_LIMIT proposals this hour (counts this one)."""
    key = _rate_key(request)
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


@transaction.atomic
def create_proposal(directory, form):
    """The draft CoopPage for a valid ProposalForm, submitted to the workflow.

    Saving the CoopProposal sends the mails after commit (`coops.signals`).
    """
    values = form.page_values()
    page = directory.entry_model()(live=False, slug=free_slug(directory, values["title"]), **values)
    page.themes.set(form.cleaned_data["themes"])
    directory.add_child(instance=page)
    submit_draft(page)
    return CoopProposal.objects.create(
        page=page,
        submitter_name=form.cleaned_data["submitter_name"],
        submitter_email=form.cleaned_data["submitter_email"],
    )
