"""gunicorn options; every one can be overridden from the environment."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the application once in the master and fork the workers from it: the code is shared
# copy-on-write, so each worker adds little memory. Django opens no database or Redis
# connection at import, so nothing is shared across the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() not in {"0", "false", "no"}
# Recycle a worker after this many requests (plus up to the jitter, so not all at once):
# whatever a worker grew to is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))


def when_ready(server):
    """With --preload, load in the master what every worker needs at its first request.

    The cache backend (it imports redis-py, ~6 MiB) and the URLconf (the admin's and the
    APIs' views): loaded after the fork they cost each worker its own copy, and a recycled
    worker its first requests. Then a full collection, so no import garbage gets frozen.
    """
    if not server.cfg.preload_app:
        return
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils.module_loading import import_string

    import_string(settings.CACHES["default"]["BACKEND"])
    get_resolver().url_patterns  # noqa: B018 (imports the URLconf)
    gc.collect()


def pre_fork(server, worker):
    """Before each fork: move everything loaded so far out of the garbage collector's sight.

    Otherwise the worker's first full collection walks every object the master loaded and
    writes to each one's header, which copies the shared pages into every worker (memory)
    and costs a recycled worker its first requests (speed).
    """
    gc.freeze()
