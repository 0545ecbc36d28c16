"""When the site's news pages change by the clock alone (core.cache.version.register_clock).

A conference leaves "upcoming" (the agenda, the home page's next gatherings, the API's
`upcoming=`) when it ends, and its page closes the sign-up at the deadline and at the start.
The first of those moments still ahead is when the cached pages and validators must move on;
the conferences whose moment passed are what a CDN in front must forget (core.cache.purge).
"""

from django.apps import apps
from django.db.models import Min, Q


def _conferences():
    # By name: news.apps registers these before the models are loaded.
    return apps.get_model("news", "ConferencePage").objects.live()


def next_change(now):
    """The first start, end or registration deadline of a live conference after `now`."""
    moments = _conferences().aggregate(
        start=Min("start", filter=Q(start__gt=now)),
        end=Min("end", filter=Q(end__gt=now)),
        deadline=Min("registration_deadline", filter=Q(registration_deadline__gt=now)),
    )
    return min((moment for moment in moments.values() if moment is not None), default=None)


def changed_between(start, end):
    """The live conferences that start, end or close their sign-up from `start` to `end`."""
    passed = (start, end)
    moments = Q(start__range=passed) | Q(end__range=passed)
    return list(_conferences().filter(moments | Q(registration_deadline__range=passed)))
