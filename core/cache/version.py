"""The content version: one token for "what visitors can see", and when it last changed.

Every cached thing (full pages, ETags, Last-Modified, menus, search results) is keyed by
it, so one bump makes all of it stale at once, in every worker and on every server that
reads the same store:

- ``"cache"``: the version lives in Django's default cache. With Redis (``REDIS_URL``)
  every worker and server shares it; reading it costs no SQL query.
- ``"database"``: the version lives in one row (``core.ContentVersion``). For a
  process-local cache (LocMemCache, the default without Redis): each gunicorn worker
  keeps its own cached pages, but they are keyed by the version every worker reads from
  the database, so a publish in one worker is seen by the next request in any worker.
  It costs one SQL query per request.

``CONTENT_VERSION_STORE`` chooses; the default is ``"database"`` with a process-local
cache and ``"cache"`` otherwise. The version is read once per request.
"""

import hashlib
import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

VERSION_KEY = "core:content-version"


@dataclass(frozen=True)
class Version:
    token: str
    changed_at: datetime

    def __str__(self):
        return self.token

    def encode(self):
        return f"{self.token}|{self.changed_at.timestamp():.6f}"

    @classmethod
    def decode(cls, value):
        token, _, stamp = str(value).partition("|")
        try:
            return cls(token, datetime.fromtimestamp(float(stamp), UTC))
        except ValueError:
            return None

    @classmethod
    def new(cls):
        return cls(uuid.uuid4().hex, datetime.now(UTC))


def store():
    choice = getattr(settings, "CONTENT_VERSION_STORE", None)
    if choice:
        return choice
    return "database" if isinstance(caches["default"], (LocMemCache, DummyCache)) else "cache"


def _read_cache(value=None):
    """The version in the shared cache (`value`: as already read), created on first use."""
    version = Version.decode(value or "")
    if version is None:
        version = Version.new()
        if not cache.add(VERSION_KEY, version.encode(), timeout=None):
            version = Version.decode(cache.get(VERSION_KEY) or "") or version
    return version


def _read_database():
    from core.models import ContentVersion

    row = ContentVersion.objects.filter(pk=1).values_list("token", "changed_at").first()
    if row is not None:
        return Version(*row)
    version = Version.new()
    try:
        with transaction.atomic():
            ContentVersion.objects.create(pk=1, token=version.token, changed_at=version.changed_at)
    except IntegrityError:
        return Version(*ContentVersion.objects.values_list("token", "changed_at").get(pk=1))
    return version


def _write(version):
    if store() == "database":
        from core.models import ContentVersion

        fields = {"token": version.token, "changed_at": version.changed_at}
        if not ContentVersion.objects.filter(pk=1).update(**fields):
            ContentVersion.objects.get_or_create(pk=1, defaults=fields)
    else:
        cache.set(VERSION_KEY, version.encode(), timeout=None)


#: The version as read once per request (request_started turns the memo on).
_request = threading.local()


def start_request(**kwargs):
    _request.active, _request.version = True, None


def end_request(**kwargs):
    _request.active, _request.version = False, None


def remember(version):
    """Keep `version` as this request's (the page cache read it together with a page)."""
    if getattr(_request, "active", False):
        _request.version = version


def current():
    """The current `Version` (created on first use, renewed when the clock made it stale)."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    if store() == "database":
        version = settled(_read_database(), cache.get(CLOCK_KEY))
    else:
        found = cache.get_many([VERSION_KEY, CLOCK_KEY])
        version = settled(_read_cache(found.get(VERSION_KEY)), found.get(CLOCK_KEY))
    if getattr(_request, "active", False):
        _request.version = version
    return version


# The clock. Some of what visitors see changes with no edit at all: a conference that has
# ended leaves "upcoming", a sign-up closes at its deadline. Sources registered with
# `register_clock` name the next such moment; the version read after it is a new one (its
# `changed_at` that moment), so the page cache, the content cache, ETag and Last-Modified
# all move on with the clock. The moment is computed once per version (one query per source)
# and kept next to it, in the default cache (CLOCK_KEY: (version token, moment or None)).
# The listeners of `on_clock` hear of each such new version once (the CDN purge: a CDN in
# front never asks the site before s-maxage), and the scheduler reads the version every
# round, so the change is seen even while the CDN answers every visitor.

CLOCK_KEY = "core:content-clock"
_clock_sources = []
_clock_pages = []
_clock_listeners = []
#: During `migrate` the sources' tables may not exist yet: the next read asks them instead.
_migrating = False


def migrating(value):
    """pre_migrate and post_migrate (core.cache.invalidation)."""

    def receiver(**kwargs):
        global _migrating  # noqa: PLW0603 (one flag for the process)
        _migrating = value

    return receiver


def register_clock(source, pages=None):
    """`source(now)`: the first moment after `now` at which visitors see a change, or None;
    `pages(start, end)`: the pages that change at a moment from `start` to `end`."""
    if source not in _clock_sources:
        _clock_sources.append(source)
    if pages is not None and pages not in _clock_pages:
        _clock_pages.append(pages)
    return source


def clock_pages(start, end):
    """The pages the clock changed from `start` to `end` (both included), by every source."""
    return [page for pages in _clock_pages for page in pages(start, end)]


def on_clock(listener):
    """`listener(start, end)` after the clock made a new version: moments from `start` to `end`
    passed (`clock_pages`)."""
    if listener not in _clock_listeners:
        _clock_listeners.append(listener)
    return listener


def _next_change(token, now):
    try:
        moments = [moment for source in _clock_sources if (moment := source(now)) is not None]
    except Exception:
        # The clock only keeps pages fresh: without the database a cached page is still served.
        logger.warning("Het volgende klokmoment is niet te lezen; later opnieuw.", exc_info=True)
        return None  # not kept: the next read asks again
    moment = min(moments, default=None)
    cache.set(CLOCK_KEY, (token, moment), timeout=None)
    return moment


def settled(version, clock):
    """`version`, or a new one if the clock passed a moment that matters since it was made.

    `clock` is what CLOCK_KEY held (read together with the version); computed when it was
    made for another version.
    """
    now = timezone.now()
    token, moment = clock if isinstance(clock, tuple) else (None, None)
    if token != version.token:
        moment = _next_change(version.token, now)
    if moment is None or now < moment:
        return version
    version = Version(uuid.uuid4().hex, moment)
    _write(version)
    _next_change(version.token, now)
    for listener in _clock_listeners:
        listener(moment, now)
    return version


def content_version():
    """The current version's token (a string to put in cache keys)."""
    return current().token


def content_changed_at():
    """When what visitors see last changed (Last-Modified)."""
    return current().changed_at


def _bump():
    version = Version.new()
    _write(version)
    if not _migrating:
        # Now rather than on the next read: that read may be a request with pinned queries.
        _next_change(version.token, version.changed_at)
    if getattr(_request, "active", False):
        _request.version = version


def bump_content_version(**kwargs):
    """Make everything cached stale: now, and again once the transaction commits.

    The second bump closes a race with the shared cache: a request that read the
    first new version before the commit may have rendered the old content under it.
    """
    _bump()
    if connection.in_atomic_block:
        transaction.on_commit(_bump)


def etag_for(request):
    """A strong ETag for this URL (and Accept header) at the current content version."""
    key = "\n".join(
        [content_version(), request.build_absolute_uri(), request.headers.get("Accept", "")]
    )
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def last_modified():
    """Last-Modified as the epoch second of the current version (get_conditional_response)."""
    return int(content_changed_at().timestamp())
