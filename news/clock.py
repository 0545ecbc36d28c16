"""When the site's news pages change by the clock alone (core.cache.version.register_clock).

A conference leaves "upcoming" (the agenda, the home page's next gatherings, the API's
`upcoming=`) when it ends, and its page closes the sign-up at the deadline and at the start.
The first of those moments still ahead is when the cached pages and validators must move on.
"""

from django.apps import apps
from django.db.models import Min, Q


def next_change(now):
    """The first start, end or registration deadline of a live conference after `now`."""
    # By name: news.apps registers this before the models are loaded.
    conferences = apps.get_model("news", "ConferencePage").objects.live()
    moments = conferences.aggregate(
        start=Min("start", filter=Q(start__gt=now)),
        end=Min("end", filter=Q(end__gt=now)),
        deadline=Min("registration_deadline", filter=Q(registration_deadline__gt=now)),
    )
    return min((moment for moment in moments.values() if moment is not None), default=None)
