"""Moved to core.cache; these names stay so existing imports keep working."""

from core.cache.conditional import conditional_get, conditional_view  # noqa: F401
from core.cache.middleware import max_age  # noqa: F401
from core.cache.version import bump_content_version, content_version, etag_for  # noqa: F401
