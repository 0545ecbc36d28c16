"""Moved to core.cache.values; this name stays so existing imports keep working."""

from core.cache.values import get, get_many, get_or_compute, page, set, set_many, timeout  # noqa: F401, A004
