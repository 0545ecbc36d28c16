"""`make bench`: production settings plus a response header with the request's
SQL query count, so the harness can report it next to the timings."""

from .production import *  # noqa: F403

MIDDLEWARE = ["coopsite.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
