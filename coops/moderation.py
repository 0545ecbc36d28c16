"""Changes that come from outside the editorial team wait for a moderator.

Imported profiles and proposals by coöperaties themselves become a draft revision submitted
to the page's moderation workflow ("Redactie → Publicatie"); nothing here ever publishes.
"""

from django.utils.text import slugify


def free_slug(directory, title):
    """A slug for a new entry that no sibling has yet (`naam`, `naam-2`, …)."""
    base = slugify(title)[:200] or "cooperatie"
    siblings = set(directory.get_children().values_list("slug", flat=True))
    slug, n = base, 1
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    return slug


def submit_draft(page, user=None):
    """Save `page` as a new draft revision and put it in its workflow (if not in one already).

    Returns the revision. Without a workflow on the tree the draft simply waits in the admin.
    """
    revision = page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)
    return revision
