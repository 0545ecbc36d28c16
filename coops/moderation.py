"""Changes that come from outside the editorial team wait for a moderator.

Imported profiles and proposals by coöperaties themselves become a draft revision submitted
to the page's moderation workflow ("Redactie → Publicatie"); nothing here ever publishes.

A proposal by a coöperatie ("Meld uw coöperatie aan", "Wijziging voorstellen") is mailed to
the moderators once, by `coops.tasks`: that mail says who proposed it and links the diff.
Wagtail's own "submitted" notices (one per approval task to its group, one per workflow to
the superusers) would say less, a second and third time; they stay for every other
submission (an editor's, an import's).
"""

import contextvars

from django.utils.text import slugify

from wagtail.admin import signal_handlers as wagtail_notices
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_submitted

_mailed_by_us = contextvars.ContextVar("coops_mailed_by_us", default=False)


def free_slug(directory, title):
    """A slug for a new entry that no sibling has yet (`naam`, `naam-2`, …)."""
    base = slugify(title)[:200] or "cooperatie"
    siblings = set(directory.get_children().values_list("slug", flat=True))
    slug, n = base, 1
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    return slug


def submit_draft(page, user=None, mailed_by_us=False):
    """Save `page` as a new draft revision and put it in its workflow (if not in one already).

    Returns the revision. Without a workflow on the tree the draft simply waits in the admin.
    `mailed_by_us`: the caller mails the moderators itself, so Wagtail's notices stay quiet.
    """
    revision = page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        token = _mailed_by_us.set(mailed_by_us)
        try:
            workflow.start(page, user)
        finally:
            _mailed_by_us.reset(token)
    return revision


def _unless_mailed_by_us(notifier):
    def receive(sender, **kwargs):
        if not _mailed_by_us.get():
            notifier(sender=sender, **kwargs)

    return receive


#: Wagtail's "submitted" notices, as wagtail.admin connects them (its signal_handlers.py).
WAGTAIL_SUBMITTED_NOTICES = (
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtail_notices.task_submission_email_notifier,
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtail_notices.workflow_submission_email_notifier,
    ),
)


def connect_notices():
    """Put Wagtail's "submitted" notices behind `mailed_by_us`, under Wagtail's own
    dispatch_uid: whichever app is ready first, each notice is connected once."""
    for signal, sender, uid, notifier in WAGTAIL_SUBMITTED_NOTICES:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(_unless_mailed_by_us(notifier), sender=sender, dispatch_uid=uid, weak=False)
