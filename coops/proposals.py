""" "Meld uw coöperatie aan": a proposal becomes a draft entry in the moderation workflow.

Nothing a visitor sends is ever published without a moderator (`coops.moderation`). The
form is spam-resistant (a honeypot, CSRF) and rate-limited per address through Django's cache.
"""

import datetime

from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from coops.models.proposals import CoopProposal, EntryCheck
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
    submit_draft(page, mailed_by_us=True)  # the CoopProposal's mail (coops.tasks)
    return CoopProposal.objects.create(
        page=page,
        submitter_name=form.cleaned_data["submitter_name"],
        submitter_email=form.cleaned_data["submitter_email"],
    )


# "Wijziging voorstellen": a signed, expiring link to the entry's contact address.
CHANGE_SALT = "coops.change-proposal"
#: How long a link works (seconds): a week (`ask_for_updates`' links: a month).
CHANGE_LINK_MAX_AGE = 7 * 24 * 60 * 60
UPDATE_LINK_MAX_AGE = 31 * 24 * 60 * 60
#: An entry not checked for this long is asked to confirm or correct it.
STALE_AFTER = datetime.timedelta(days=365)
ASK_AGAIN_AFTER = datetime.timedelta(days=30)


def change_token(page, periodic=False):
    """A signed token for changing `page` (and no other entry)."""
    data = {"page": page.pk, "periodic": True} if periodic else {"page": page.pk}
    return signing.dumps(data, salt=CHANGE_SALT, compress=True)


def change_token_is_valid(token, page):
    """True for an unexpired token made for this very page."""
    try:
        data = signing.loads(token or "", salt=CHANGE_SALT, max_age=UPDATE_LINK_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return False
    if not isinstance(data, dict) or data.get("page") != page.pk:
        return False
    if data.get("periodic"):
        return True
    # A link someone asked for works a week; one `ask_for_updates` sent, a month.
    try:
        signing.loads(token, salt=CHANGE_SALT, max_age=CHANGE_LINK_MAX_AGE)
    except signing.SignatureExpired:
        return False
    return True


@transaction.atomic
def propose_change(page, form):
    """A new draft revision of `page` with the form's values, in the workflow; never published.

    The moderators get one mail with the revision compare (`change_proposed`).
    """
    draft = page.get_latest_revision_as_object()
    for name, value in form.page_values().items():
        setattr(draft, name, value)
    draft.themes.set(form.cleaned_data["themes"])
    revision = submit_draft(draft, mailed_by_us=True)
    change_proposed.send(sender=type(page), page_pk=page.pk, revision_pk=revision.pk)
    return revision


#: Sent with `page_pk` when someone asks to change an entry; `coops.signals` mails the link
#: (coops.tasks imports the page types, which import the views that call this module).
change_requested = Signal()
#: Sent with `page_pk` and `revision_pk` of a proposed change; `coops.signals` mails it.
change_proposed = Signal()


def ask_for_change(page):
    """Mail the signed link to the entry's contact address, or tell the moderators."""
    change_requested.send(sender=type(page), page_pk=page.pk)


def change_url(page, periodic=False):
    """The entry's change form with a fresh signed link."""
    token = change_token(page, periodic)
    return f"{page.get_full_url()}wijziging-voorstellen/?sleutel={token}"


def confirm_entry(page, today=None):
    """The coöperatie says its entry is still right: a new check date, no revision."""
    EntryCheck.objects.update_or_create(
        page=page, defaults={"checked_on": today or datetime.date.today()}
    )


def ask_for_updates(entries, today=None):
    """Ask entries not checked for a year (and not asked this month); returns those asked."""
    today = today or datetime.date.today()
    cutoff = today - STALE_AFTER
    stale = (
        entries.exclude(email="")
        .filter(last_published_at__date__lt=cutoff)
        .exclude(freshness__checked_on__gte=cutoff)
        .exclude(freshness__asked_on__gte=today - ASK_AGAIN_AFTER)
    )
    asked = list(stale)
    for page in asked:
        EntryCheck.objects.update_or_create(page=page, defaults={"asked_on": today})
        change_requested.send(sender=type(page), page_pk=page.pk, periodic=True)
    return asked
