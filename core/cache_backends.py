"""A Redis cache whose outage costs speed, never availability.

Django's RedisCache raises when Redis can't be reached, and every user of the
cache (the content version, the content cache, Wagtail's renditions and
frontend, sessions stored in the cache) then answers 500. This backend turns a
failing read into a miss and a failing write into a no-op, in one place that
covers them all (``CACHES["default"]["BACKEND"]``).

After a failure it stops asking Redis for ``RETRY_INTERVAL`` seconds (a closed
port costs one refused connection per interval, a host that doesn't answer one
timeout, not one per cache call), and it logs the outage once per
``LOG_INTERVAL`` seconds rather than on every request.
"""

import functools
import logging
import threading
import time

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

#: Seconds after a failure during which Redis isn't asked again.
RETRY_INTERVAL = 5
#: Seconds between two log lines about the same outage.
LOG_INTERVAL = 60


class _Outage:
    """When Redis last failed and when that was last logged (shared by the process)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.logged_at = None

    def is_down(self):
        return time.monotonic() < self.down_until

    def failed(self, error):
        now = time.monotonic()
        with self.lock:
            self.down_until = now + RETRY_INTERVAL
            should_log = self.logged_at is None or now - self.logged_at >= LOG_INTERVAL
            if should_log:
                self.logged_at = now
        if should_log:
            logger.error("Cache (Redis) onbereikbaar; verzoeken gaan door zonder cache: %s", error)

    def recovered(self):
        with self.lock:
            was_logged = self.logged_at is not None
            self.down_until, self.logged_at = 0.0, None
        if was_logged:
            logger.warning("Cache (Redis) weer bereikbaar.")


outage = _Outage()


def _resilient(fallback):
    """Run the cache call; on a Redis error (or during an outage) return `fallback(args)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if outage.is_down():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                outage.failed(error)
                return fallback(*args, **kwargs)
            if outage.logged_at is not None:
                outage.recovered()
            return result

        return wrapper

    return decorator


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, version=None):
    return default


def _empty_dict(*args, **kwargs):
    return {}


def _unsaved_keys(data, *args, **kwargs):
    # set_many returns the keys it failed to store.
    return list(data)


def _missing_key(key, *args, **kwargs):
    # What Django's backends raise for incr/decr on a key they don't hold.
    raise ValueError(f"Key '{key}' not found")


class _ReusedClient(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool.

    Django builds a new ``redis.Redis`` for every cache call, and its constructor (the
    table of response callbacks) costs about as much as a round trip on loopback. The
    client holds nothing per call and is thread-safe; the pool checks for a fork.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, with unreachable Redis treated as an empty cache."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

    add = _resilient(_false)(RedisCache.add)
    get = _resilient(_default)(RedisCache.get)
    set = _resilient(_none)(RedisCache.set)
    touch = _resilient(_false)(RedisCache.touch)
    delete = _resilient(_false)(RedisCache.delete)
    get_many = _resilient(_empty_dict)(RedisCache.get_many)
    has_key = _resilient(_false)(RedisCache.has_key)
    incr = _resilient(_missing_key)(RedisCache.incr)
    set_many = _resilient(_unsaved_keys)(RedisCache.set_many)
    delete_many = _resilient(_none)(RedisCache.delete_many)
    clear = _resilient(_false)(RedisCache.clear)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        # BaseCache's version re-reads after add(); a failed add must still return the value.
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            if value is not None:
                self.add(key, value, timeout=timeout, version=version)
        return value

    def ping(self):
        """True when Redis answers now (for the readiness check); never raises."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError as error:
            outage.failed(error)
            return False
