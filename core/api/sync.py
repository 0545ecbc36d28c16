"""Incremental sync for apps that keep a copy: what changed, and what disappeared, since a time.

Both come from what Wagtail already records, so there is no second bookkeeping to drift:

- A page's **change time** (`with_change_time`) is the latest of its `last_published_at` and
  the log entries that change where it is or whether anyone may see it, on the page itself
  or on one of its ancestors: a move (`wagtail.move`: its URL changed) and a view
  restriction removed (`wagtail.view_restriction.delete`: it is public again). The listings
  filter `updated_after=` on it and order by it (then id), so an app can page through.
- The **removed feed** (`removed_entries`) lists the log entries after which a page may be
  gone for an app: unpublished, deleted, made private, moved. Made private and moved also
  cover the page's current descendants (Wagtail logs them on the page only). It gives ids,
  page types and times, never titles: the page may be private now.

A move inside the public site is in both: the app drops the page, then reads it again from
`updated_after=`. An app applies the removed feed first, then the changes (docs/api.md).
Known gap: a changed slug of an ancestor changes descendants' URLs without a log entry
Wagtail writes for them, so their change time stays.
"""

from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Length, Substr

from wagtail.models import Page, PageLogEntry

#: Log actions after which a page may have gone for an app, with the reason the feed gives.
REMOVAL_REASONS = {
    "wagtail.unpublish": "unpublished",
    "wagtail.unpublish.scheduled": "unpublished",
    "wagtail.delete": "deleted",
    "wagtail.view_restriction.create": "private",
    "wagtail.move": "moved",
}
#: Removals that also take the page's descendants away.
SUBTREE_REMOVALS = ("wagtail.view_restriction.create", "wagtail.move")
#: Log actions that change a page (or its descendants) for an app without a publish.
CHANGE_ACTIONS = ("wagtail.move", "wagtail.view_restriction.delete")

#: Pages published before Wagtail kept `last_published_at` change "at the beginning".
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

TIME_HELP = (
    "ISO 8601 met tijdzone, bijvoorbeeld 2026-12-01T10:00:00Z of 2026-12-01T11:00:00%2B01:00"
)


def parse_change_time(raw):
    """The aware datetime in `raw` (ISO 8601 with a time zone), else a ValueError saying why.

    A `+` that was not encoded arrives as a space; the message says to encode it.
    """
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(f"verwacht een tijdstip in {TIME_HELP}") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"tijdzone ontbreekt; {TIME_HELP}")
    try:
        # The database compares in UTC; year 1 with a positive offset has no UTC time.
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("tijdstip buiten het bereik van de database") from None


def _ancestor_or_self_entries(actions):
    """Log entries with `actions` on the outer page or one of its ancestors (a path prefix)."""
    return PageLogEntry.objects.filter(
        action__in=actions,
        page__path=Substr(OuterRef("path"), 1, Length("page__path")),
    )


def with_change_time(queryset):
    """Pages annotated with `changed_at` (see the module docstring), in the same query."""
    latest_change = Subquery(
        _ancestor_or_self_entries(CHANGE_ACTIONS).order_by("-timestamp").values("timestamp")[:1],
        output_field=DateTimeField(),
    )
    published = Coalesce(
        "last_published_at", "first_published_at", Value(EPOCH), output_field=DateTimeField()
    )
    # Greatest is NULL on SQLite when one side is: both sides have a value.
    return queryset.annotate(
        changed_at=Greatest(published, Coalesce(latest_change, published)),
    )


def changed_after(queryset, moment):
    """The pages of `queryset` changed after `moment`, oldest change first (then by id)."""
    return with_change_time(queryset).filter(changed_at__gt=moment).order_by("changed_at", "pk")


def removed_entries(since):
    """Removals after `since`, oldest first: a queryset of dicts `page_id`, `content_type_id`,
    `removed_at`, `action`, paginated like any queryset (one query per page, one to count).

    A page's own entries come with the page type it has now (a move is logged with the
    generic Page), or the logged one once it is deleted; descendants of a page made private or
    moved come once, with the latest such entry on an ancestor after `since`.
    """
    current_type = Subquery(
        Page.objects.filter(pk=OuterRef("page_id")).values("content_type_id")[:1]
    )
    own = (
        PageLogEntry.objects.filter(action__in=REMOVAL_REASONS, timestamp__gt=since)
        .annotate(
            page_type_id=Coalesce(current_type, F("content_type_id"), output_field=IntegerField())
        )
        .order_by()  # a part of a UNION has no order of its own
        .values_list("page_id", "page_type_id", "timestamp", "action")
    )
    on_ancestor = (
        _ancestor_or_self_entries(SUBTREE_REMOVALS)
        .filter(timestamp__gt=since, page__depth__lt=OuterRef("depth"))
        .order_by("-timestamp")
    )
    descendants = (
        Page.objects.annotate(
            removed_at=Subquery(on_ancestor.values("timestamp")[:1], output_field=DateTimeField()),
            removal=Subquery(on_ancestor.values("action")[:1], output_field=CharField()),
        )
        .filter(removed_at__isnull=False)
        .order_by()
        .values_list("pk", "content_type_id", "removed_at", "removal")
    )
    return own.union(descendants, all=True).order_by("timestamp", "page_id")


def page_type_label(content_type_id):
    """`app_label.ModelName` of a content type (cached by Django), None for a removed model."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label if model is not None else None


def removal_items(rows):
    """The feed's items for rows of `removed_entries`: ids, types and times, never a title."""
    return [
        {
            "id": page_id,
            "type": page_type_label(content_type_id),
            "removed_at": removed_at,
            "reason": REMOVAL_REASONS[action],
        }
        for page_id, content_type_id, removed_at, action in rows
    ]
