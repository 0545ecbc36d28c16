"""What makes a new content version: only what visitors (and apps) can see change.

- a page is published, unpublished, moved or deleted, or a live page is saved directly
  (a copy, a script); never a draft, a revision, an autosave, a lock or a log entry,
  which only touch the page's bookkeeping fields;
- a view restriction on a page or a collection is added, changed or removed;
- a save or delete of a registered model: Wagtail's images, documents, sites,
  redirects, search promotions and every site or generic setting; a plugin registers
  its own (`register(Theme, Municipality)` in its AppConfig.ready).

A conference sign-up, a login, a session or a task result is none of these, so it
leaves every cache and ETag alone.
"""

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate

from core.cache import version

#: Page fields that save_revision, autosave, locking and workflows write: not visible.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
    }
)

#: Wagtail's models whose changes visitors see, as "app_label.ModelName".
WAGTAIL_CONTENT_MODELS = (
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.Site",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.SearchPromotion",
)

_registered = set()
#: Settings rows are created with their defaults on first read (`for_request`): no change.
_created_is_no_change = set()


def register(*models, created_is_a_change=True):
    """Saves and deletes of these models change what visitors see: bump the version."""
    for model in models:
        _registered.add(model)
        if not created_is_a_change:
            _created_is_no_change.add(model)
        uid = f"core-cache-{model._meta.label_lower}"
        post_save.connect(_on_model_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=uid)


def registered_models():
    return frozenset(_registered)


def _on_model_change(sender, created=False, **kwargs):
    if created and sender in _created_is_no_change:
        return
    version.bump_content_version()
    _notify(sender, kwargs.get("instance"))


def _on_page_save(sender, instance, update_fields=None, **kwargs):
    if not instance.live:
        return
    if update_fields is not None and frozenset(update_fields) <= BOOKKEEPING_FIELDS:
        return
    version.bump_content_version()
    instance._change_notified = True  # see _on_page_published
    _notify(sender, instance)


def _on_page_event(sender, instance, **kwargs):
    version.bump_content_version()
    _notify(sender, instance)


def _on_page_published(sender, instance, **kwargs):
    """A publish saves the live page, then sends page_published for the object it saved: one
    change, told to the listeners (one CDN purge) once."""
    version.bump_content_version()
    if not instance.__dict__.pop("_change_notified", False):
        _notify(sender, instance)


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and type(instance) in _registered:
        version.bump_content_version()


#: Called with (model, instance) after each bump: the CDN purge (core.cache.purge) listens.
_listeners = []


def on_change(listener):
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def _notify(model, instance):
    for listener in _listeners:
        listener(model, instance)


def connect_signals():
    """Called from CoreConfig.ready()."""
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_page_published, dispatch_uid="core-cache-published")
    for signal in (page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"core-cache-{id(signal)}")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(_on_page_save, sender=model, dispatch_uid="core-cache-page-save")
            post_delete.connect(_on_page_event, sender=model, dispatch_uid="core-cache-page-del")
    register(*(apps.get_model(label) for label in WAGTAIL_CONTENT_MODELS if _installed(label)))
    register(*_settings_models(), created_is_a_change=False)
    m2m_changed.connect(_on_m2m_change, dispatch_uid="core-cache-m2m")
    pre_migrate.connect(_migration_starts, dispatch_uid="core-content-clock-migrate")
    post_migrate.connect(_migration_ends, dispatch_uid="core-content-clock-migrated")
    request_started.connect(version.start_request, dispatch_uid="core-content-version-start")
    request_finished.connect(version.end_request, dispatch_uid="core-content-version-end")


_migration_starts = version.migrating(True)
_migration_ends = version.migrating(False)


def _installed(label):
    try:
        apps.get_app_config(label.split(".")[0])
    except LookupError:
        return False
    return True


def _settings_models():
    if not apps.is_installed("wagtail.contrib.settings"):
        return []
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return [
        model
        for model in apps.get_models()
        if issubclass(model, (BaseSiteSetting, BaseGenericSetting))
    ]
