"""Background work: the one way our apps hand slow work (mail, purges, webhooks) to a worker.

django-tasks runs the work: the ImmediateBackend in dev and tests (at once, in the same process),
a real worker in production (see README, "Taakwerker"). django-tasks has no retries of its own, so
``background`` adds them here, once: a failed attempt is logged and enqueued again after a delay
when the backend can defer, and given up (logged as an error) after ``retries`` attempts.
"""

import logging
from datetime import timedelta

from django_tasks import default_task_backend, task

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def after_commit(task_, *args, **kwargs):
    """Enqueue ``task_`` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: task_.enqueue(*args, **kwargs))


def background(func=None, *, retries=3, backoff=60):
    """Decorator: a django-tasks task retried ``retries`` times, ``backoff`` × 2ⁿ seconds apart.

    The function must take JSON-serialisable arguments (ids, not model instances). When it raises,
    the attempt is logged; the next attempt is enqueued with ``run_after`` when the backend can
    defer. The ImmediateBackend cannot, so in dev and tests a failure is logged and retried at once
    up to ``retries`` times (no sleeping in a request).
    """

    def decorate(function):
        name = f"{function.__module__}.{function.__qualname__}"

        def run(*args, _attempt=1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception:
                if _attempt >= retries:
                    logger.exception("%s: opgegeven na %d pogingen", name, _attempt)
                    return None
                logger.warning("%s: poging %d mislukt", name, _attempt, exc_info=True)
                _retry(run, _attempt, backoff, args, kwargs)
                return None

        # The worker finds a task by its module path: the task takes the function's place.
        run.__module__, run.__qualname__ = function.__module__, function.__qualname__
        run.__doc__ = function.__doc__
        run = task(run)
        return run

    return decorate(func) if func is not None else decorate


def _retry(run, attempt, backoff, args, kwargs):
    kwargs = {**kwargs, "_attempt": attempt + 1}
    if default_task_backend.supports_defer:
        delay = timedelta(seconds=backoff * 2 ** (attempt - 1))
        run.using(run_after=timezone.now() + delay).enqueue(*args, **kwargs)
    else:
        run.enqueue(*args, **kwargs)
