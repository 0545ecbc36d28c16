"""Values cached per content version (core/cache/values.py)."""

from core.cache import values as content_cache
from core.cache.version import bump_content_version


def counting():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute, calls


def test_computed_once_per_content_version():
    compute, calls = counting()
    assert content_cache.get_or_compute(compute, "x", 1) == 1
    assert content_cache.get_or_compute(compute, "x", 1) == 1
    assert content_cache.get_or_compute(compute, "x", 2) == 2  # other parts, other value
    bump_content_version()
    assert content_cache.get_or_compute(compute, "x", 1) == 3
    assert len(calls) == 3


def test_off_means_computed_every_time(settings):
    settings.CONTENT_CACHE_TIMEOUT = 0
    compute, calls = counting()
    content_cache.get_or_compute(compute, "x")
    content_cache.get_or_compute(compute, "x")
    assert len(calls) == 2
    assert content_cache.get("x") is None


def test_many_at_once():
    content_cache.set_many(["card"], {1: "een", 2: "twee"})
    assert content_cache.get_many(["card"], [1, 2, 3]) == {1: "een", 2: "twee"}
    bump_content_version()
    assert content_cache.get_many(["card"], [1, 2, 3]) == {}
