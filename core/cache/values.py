"""Values computed once per *content version* and shared through Django's cache.

The main menu, search results and search suggestions only change when content
does, and every such change bumps the content version (core.cache.invalidation).
Keys carry the version, so a change makes every cached value stale at once, in
every process that reads the same version (core.cache.version: the shared cache,
or the database with a process-local cache).

``CONTENT_CACHE_TIMEOUT`` (seconds, ``0`` = off) bounds how long a value is kept.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator

from core.cache.version import content_version

_MISSING = object()


def timeout():
    return getattr(settings, "CONTENT_CACHE_TIMEOUT", 0)


def _key(parts, version=None):
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f"core:content:{version or content_version()}:{digest[:40]}"


def get(*parts):
    """The value cached for `parts` at the current content version, or None."""
    if not timeout():
        return None
    value = cache.get(_key(parts), _MISSING)
    return None if value is _MISSING else value


def set(value, *parts):  # noqa: A001 (cache vocabulary)
    if timeout():
        cache.set(_key(parts), value, timeout=timeout())


def get_many(prefix, ids):
    """{id: value} of the values cached for (*prefix, id), for each of `ids` that has one."""
    if not timeout() or not ids:
        return {}
    version = content_version()
    keys = {_key([*prefix, pk], version): pk for pk in ids}
    return {keys[key]: value for key, value in cache.get_many(list(keys)).items()}


def set_many(prefix, values):
    """Cache {id: value} as (*prefix, id)."""
    if timeout() and values:
        version = content_version()
        items = {_key([*prefix, pk], version): value for pk, value in values.items()}
        cache.set_many(items, timeout=timeout())


def get_or_compute(compute, *parts):
    """`compute()` once per content version for `parts` (a plain call when the cache is off)."""
    value = get(*parts)
    if value is None:
        value = compute()
        set(value, *parts)
    return value


def page(count, number, per_page, object_list):
    """A paginator page rebuilt from a cached count and page number, showing `object_list`."""
    page_obj = Paginator(range(count), per_page).get_page(number)
    page_obj.object_list = object_list
    return page_obj
