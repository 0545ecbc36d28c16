"""Publishing, unpublishing and deleting an entry tell the Murmurations index (coops.tasks),
and so does a view restriction added to or lifted from an entry or one of its ancestors;
a new proposal mails its submitter and the moderators, a proposed change the moderators."""

from django.db.models.signals import post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from coops import moderation, proposals, tasks
from coops import murmurations_index as index
from coops.models import CoopPage, CoopProposal
from core.cache.invalidation import on_change
from core.signals import pages_published
from core.tasks import after_commit


def entry_published(sender, instance, **kwargs):
    if index.configured_index() and isinstance(instance, CoopPage):
        after_commit(tasks.notify_index, instance.pk)


def entries_published(sender, pages, **kwargs):
    """A bulk publish (coops/bulk.py): each entry as if published on its own."""
    if index.configured_index():
        for page in pages:
            if isinstance(page, CoopPage):
                after_commit(tasks.notify_index, page.pk)


def entry_unpublished(sender, instance, **kwargs):
    """Also on delete: Wagtail unpublishes a live page before deleting it."""
    if index.configured_index() and isinstance(instance, CoopPage):
        tasks.leave_index(instance.pk)


def restriction_changed(model, instance):
    """A view restriction saved or deleted (the hook the cache and the CDN purge share):
    the entries at and below its page leave the index as on an unpublish, or rejoin it."""
    if index.configured_index() and isinstance(instance, PageViewRestriction):
        after_commit(tasks.follow_restriction, instance.page_id)


def proposal_saved(sender, instance, created, **kwargs):
    if created:
        after_commit(tasks.send_proposal_mails, instance.pk)


def change_requested(sender, page_pk, periodic=False, **kwargs):
    after_commit(tasks.send_change_link, page_pk, periodic)


def change_proposed(sender, page_pk, revision_pk, **kwargs):
    after_commit(tasks.send_change_proposal_mail, page_pk, revision_pk)


def connect():
    moderation.connect_notices()
    proposals.change_proposed.connect(change_proposed, dispatch_uid="coops_change_proposed")
    proposals.change_requested.connect(change_requested, dispatch_uid="coops_change_link")
    post_save.connect(proposal_saved, sender=CoopProposal, dispatch_uid="coops_proposal_mails")
    page_published.connect(entry_published, dispatch_uid="coops_murmurations_published")
    pages_published.connect(entries_published, dispatch_uid="coops_murmurations_bulk")
    page_unpublished.connect(entry_unpublished, dispatch_uid="coops_murmurations_unpublished")
    on_change(restriction_changed)
