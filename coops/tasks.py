"""Work for the task worker: the Murmurations index, and mails about proposed entries.

Enqueued after commit by `coops.signals` (publish, unpublish, delete, a view restriction
added or lifted) when `MURMURATIONS_INDEX_URL` is set. A failed attempt is recorded on the
node (visible under Rapporten › Murmurations) and retried by `core.tasks.background`; a
publish never waits for or fails on the index.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Page

from coops import murmurations_index as index
from coops import proposals
from coops.models import CoopPage, CoopProposal, MurmurationsNode
from core.pages import is_visible, with_publicity
from core.tasks import after_commit, background

Status = MurmurationsNode.Status
#: The group that moderates (home/roles.py makes it); a host site may name its own.
MODERATORS_GROUP = getattr(settings, "COOPS_MODERATORS_GROUP", "Moderatoren")
#: Statuses after which the index does nothing more on its own.
SETTLED = {Status.POSTED, Status.VALIDATION_FAILED, Status.POST_FAILED, Status.DELETED}


def _attempt(node, action):
    """Run `action(node)`, recording the attempt and its error on the node; re-raise to retry."""
    node.attempts += 1
    try:
        action(node)
    except index.IndexRequestError as error:
        node.last_error = str(error)
        node.save()
        raise
    node.last_error = ""
    node.save()


def _read_status(node):
    data = index.get_node(index.configured_index(), node.node_id)
    node.status = data.get("status", node.status)
    node.failure_reasons = data.get("failure_reasons") or []


def _post(node):
    data = index.post_node(index.configured_index(), node.profile_url)
    node.node_id = data.get("node_id") or node.node_id
    node.status = data.get("status") or Status.RECEIVED
    if node.node_id:
        _read_status(node)


@background(retries=5, backoff=60)
def notify_index(page_id):
    """POST the entry's profile URL to the index and store the node id and its status."""
    if not index.configured_index():
        return
    page = CoopPage.objects.live().filter(pk=page_id).first()
    if page is None or not is_visible(page):
        return
    node, _ = MurmurationsNode.objects.update_or_create(
        profile_url=page.murmurations_url(),
        defaults={"page": page, "title": page.title, "status": Status.PENDING},
    )
    # A new slug is a new profile URL: the old node goes.
    for old in page.murmurations_nodes.exclude(pk=node.pk).exclude(status=Status.DELETED):
        after_commit(remove_from_index, old.pk)
    _attempt(node, _post)


def _delete(node):
    answer = index.profile_status(node.profile_url)
    if answer != 404:
        # The index refuses to drop a node whose profile still answers (a cache may keep it).
        raise index.IndexRequestError(f"{node.profile_url} antwoordt nog {answer}, niet 404")
    index.delete_node(index.configured_index(), node.node_id)
    node.status = Status.DELETED
    node.failure_reasons = []


def leave_index(page_id):
    """Enqueue the removal of every node of the entry that the index still has."""
    nodes = MurmurationsNode.objects.filter(page_id=page_id).exclude(status=Status.DELETED)
    for node_pk in nodes.values_list("pk", flat=True):
        after_commit(remove_from_index, node_pk)


@background(retries=5, backoff=60)
def follow_restriction(page_id):
    """A view restriction on `page_id` was added, changed or lifted: each live entry at or
    below it that is private now leaves the index (as on an unpublish), each public one is
    announced again (as on a publish)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not index.configured_index():
        return  # a restriction deleted with its page: the page's delete unpublished it
    entries = with_publicity(CoopPage.objects.live().descendant_of(page, inclusive=True))
    for entry_pk, public in entries.values_list("pk", "is_public"):
        if public:
            after_commit(notify_index, entry_pk)
        else:
            leave_index(entry_pk)


@background(retries=5, backoff=60)
def remove_from_index(node_pk):
    """Drop the node of an unpublished or deleted entry: its profile 404s, then DELETE."""
    node = MurmurationsNode.objects.filter(pk=node_pk).select_related("page").first()
    if node is None or node.status == Status.DELETED or not index.configured_index():
        return
    page = node.page
    if page is not None and is_visible(page) and page.murmurations_url() == node.profile_url:
        return  # published again in the meantime
    if not node.node_id:
        node.status = Status.DELETED
        node.save()
        return
    node.status = Status.REMOVING
    _attempt(node, _delete)


@background(retries=3, backoff=300)
def refresh_status(node_pk):
    """Read the index's status of a node that is not settled yet."""
    node = MurmurationsNode.objects.filter(pk=node_pk).first()
    if node and node.node_id and node.status not in SETTLED and index.configured_index():
        _attempt(node, _read_status)


@background(retries=3, backoff=60)
def send_proposal_mails(proposal_pk):
    """The submitter's confirmation and the moderators' notice of a new proposal."""
    proposal = CoopProposal.objects.filter(pk=proposal_pk).select_related("page").first()
    if proposal is None:
        return
    context = {
        "proposal": proposal,
        "page": proposal.page,
        "edit_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("wagtailadmin_pages:edit", args=[proposal.page_id]),
    }
    send_mail(
        subject=_("Uw aanmelding van %(title)s is ontvangen") % {"title": proposal.page.title},
        message=render_to_string("coops/email/proposal_confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[proposal.submitter_email],
    )
    moderators = moderator_addresses()
    if moderators:
        send_mail(
            subject=_("Nieuwe aanmelding: %(title)s") % {"title": proposal.page.title},
            message=render_to_string("coops/email/proposal_moderators.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=moderators,
        )


@background(retries=3, backoff=60)
def send_change_proposal_mail(page_pk, revision_pk):
    """The moderators' one notice of a proposed change, with the link to its diff."""
    page = CoopPage.objects.filter(pk=page_pk).first()
    moderators = moderator_addresses()
    if page is None or not moderators:
        return
    admin = settings.WAGTAILADMIN_BASE_URL
    context = {
        "page": page,
        "compare_url": admin
        + reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision_pk]),
        "edit_url": admin + reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
    send_mail(
        subject=_("Wijzigingsvoorstel: %(title)s") % {"title": page.title},
        message=render_to_string("coops/email/change_proposal_moderators.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=moderators,
    )


@background(retries=3, backoff=60)
def send_change_link(page_pk, periodic=False):
    """The signed link to the entry's contact address; without one, a notice to moderators.

    `periodic`: sent by `ask_for_updates` (confirm or correct, a link that works a month).
    """
    page = CoopPage.objects.live().filter(pk=page_pk).first()
    if page is None:
        return
    context = {
        "page": page,
        "change_url": proposals.change_url(page, periodic),
        "periodic": periodic,
        "days": (proposals.UPDATE_LINK_MAX_AGE if periodic else proposals.CHANGE_LINK_MAX_AGE)
        // 86400,
        "edit_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
    if page.email:
        send_mail(
            subject=_("Gegevens van %(title)s wijzigen") % {"title": page.title},
            message=render_to_string("coops/email/change_link.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[page.email],
        )
    elif moderators := moderator_addresses():
        send_mail(
            subject=_("Wijziging gevraagd voor %(title)s") % {"title": page.title},
            message=render_to_string("coops/email/change_request_moderators.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=moderators,
        )


def moderator_addresses():
    """E-mail addresses of the active users who may publish the directory's pages, except
    who turned off "submitted" notifications in their account (as Wagtail's notices do)."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .exclude(wagtail_userprofile__submitted_notifications=False)
    )
    moderators = users.filter(groups__name=MODERATORS_GROUP) | users.filter(is_superuser=True)
    return sorted(set(moderators.values_list("email", flat=True)))
