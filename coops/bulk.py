"""Many directory entries at once, correctly for Wagtail and treebeard (import_coops,
generate_coops): publishing thousands of pages one by one through `add_child`, revisions
and `publish()` costs three saves, two full cleans and two index updates per page.

- `insert_children`: new live entries under the index page. `Page` rows with bulk_create
  (materialised `path` from the parent's path and its last child, `depth`, `url_path`,
  a fresh `translation_key`, the parent's locale), then the `CoopPage` columns with one
  raw insert (bulk_create refuses multi-table models), the parent's `numchild` once.
- `publish`: one revision per entry with its content, the entry live at that revision,
  one "wagtail.publish" log entry each (the admin's history), the theme links, and the
  search index in bulk. The caller bumps the content version once. Instead of Wagtail's
  per-page `page_published`, one `core.signals.pages_published` per batch tells the CDN
  purge, the webhooks and the Murmurations index (each enqueues its work after commit).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends

from coops.models import CoopPage
from core.pages import with_publicity
from core.signals import pages_published

#: What a publish sets on the page row besides the entry's own fields.
PUBLISH_FIELDS = [
    "draft_title",
    "live",
    "has_unpublished_changes",
    "last_published_at",
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
]


def _by_table(names):
    """{Page or CoopPage: [column attnames]}: one plain UPDATE per table, no related update."""
    tables = {}
    for name in names:
        field = CoopPage._meta.get_field(name)
        model = CoopPage if field.model is CoopPage else Page
        tables.setdefault(model, []).append(field.attname)
    return tables


def insert_children(index, pages, now=None):
    """Insert unsaved, live `pages` as the last children of `index` (locked meanwhile)."""
    if not pages:
        return pages
    now = now or timezone.now()
    index = Page.objects.select_for_update().get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(CoopPage)
    last = index.get_children().order_by("-path").values_list("path", flat=True).first()
    next_step = (Page._str2int(last[-Page.steplen :]) + 1) if last else 1
    for offset, page in enumerate(pages):
        page.content_type = content_type
        page.path = Page._get_path(index.path, index.depth + 1, next_step + offset)
        page.depth = index.depth + 1
        page.numchild = 0
        page.url_path = f"{index.url_path}{page.slug}/"
        page.locale_id = index.locale_id
        page.translation_key = uuid.uuid4()
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or now
    # Page rows first (bulk_create returns their ids on SQLite and PostgreSQL) ...
    page_rows = [
        Page(
            **{
                f.attname: getattr(p, f.attname)
                for f in Page._meta.concrete_fields
                if f.attname != "id"
            }
        )
        for p in pages
    ]
    Page.objects.bulk_create(page_rows, batch_size=500)
    for page, row in zip(pages, page_rows, strict=True):
        page.page_ptr_id = page.id = row.pk
    # ... then the CoopPage columns only.
    CoopPage._base_manager._insert(pages, fields=list(CoopPage._meta.local_concrete_fields))
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    return pages


def set_themes(entries):
    """[(page, [Theme])] as the stored theme links (these pages' old links replaced)."""
    through = CoopPage.themes.through
    through.objects.filter(cooppage_id__in=[page.pk for page, _themes in entries]).delete()
    through.objects.bulk_create(
        [
            through(cooppage_id=page.pk, theme_id=theme.pk)
            for page, themes in entries
            for theme in themes
        ],
        batch_size=2000,
    )


def publish(entries, fields, user=None):
    """Publish saved pages with new values in `fields` not yet written, in bulk.

    `entries`: (page, themes, created) triples; `created` adds a "wagtail.create" log entry.
    """
    if not entries:
        return
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(CoopPage)
    base_type = ContentType.objects.get_for_model(Page)
    pages = [page for page, _themes, _created in entries]
    for page, themes, _created in entries:
        page.themes.set(themes)  # in memory: part of the revision's content
    # The revision's content has the page's comments: one query for all pages, not one each.
    prefetch_related_objects(pages, "wagtail_admin_comments")
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=now,
                user=user,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in pages
        ],
        batch_size=500,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.last_published_at = now
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = now
    # One UPDATE per table and page: bulk_update's CASE expressions cost far more to build.
    # A new entry's own columns are stored already; a changed one's are written too.
    for page, _themes, created in entries:
        written = PUBLISH_FIELDS if created else [*fields, *PUBLISH_FIELDS]
        for model, names in _by_table(written).items():
            values = {name: getattr(page, name) for name in names}
            model._base_manager.filter(pk=page.pk).update(**values)
    set_themes([(page, themes) for page, themes, _created in entries])
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page_id=page.pk,
                content_type=page_type,
                label=page.title,
                action=action,
                timestamp=now,
                user=user,
                revision=revision,
                content_changed=True,
            )
            for (page, _themes, created), revision in zip(entries, revisions, strict=True)
            for action in (
                ("wagtail.create", "wagtail.publish") if created else ("wagtail.publish",)
            )
        ],
        batch_size=1000,
    )
    # Annotated with is_public: the listeners of pages_published ask it without a query each.
    fresh = with_publicity(CoopPage.objects.filter(pk__in=[page.pk for page in pages]))
    fresh = list(fresh.prefetch_related("themes"))
    for backend in get_search_backends():
        backend.add_bulk(CoopPage, fresh)
    pages_published.send(sender=CoopPage, pages=fresh)
