"""RSS/Atom feeds of the news and iCalendar files of the agenda."""

import datetime
import zoneinfo

from icalendar import Calendar, Event

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

CALENDAR_TZ = "Europe/Amsterdam"


class NewsRssFeed(Feed):
    """The news of one index, newest first; optionally only one tag."""

    feed_type = Rss201rev2Feed
    language = "nl"

    def get_object(self, request, index, tag=None):
        self.request = request
        return {"index": index, "tag": tag}

    def title(self, obj):
        site = settings.WAGTAIL_SITE_NAME
        if obj["tag"] is not None:
            return _("%(site)s – nieuws over ‘%(tag)s’") % {"site": site, "tag": obj["tag"].name}
        return _("%(site)s – nieuws") % {"site": site}

    def link(self, obj):
        return obj["index"].get_full_url(self.request)

    def description(self, obj):
        return obj["index"].intro or _("Nieuws en agenda van de sociale coöperaties.")

    def items(self, obj):
        return obj["index"].feed_items(tag=obj["tag"])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_datetime()

    def item_updateddate(self, item):
        return item.last_published_at or item.published_datetime()

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def _uid(conference):
    # The page id never changes (unlike slug or title), so calendars keep one event.
    domain = getattr(settings, "NEWS_ICAL_UID_DOMAIN", None) or slugify(settings.WAGTAIL_SITE_NAME)
    return f"conferentie-{conference.pk}@{domain}"


def conference_event(conference, request=None):
    """One VEVENT for a conference (RFC 5545)."""
    tz = zoneinfo.ZoneInfo(CALENDAR_TZ)
    event = Event()
    event.add("uid", _uid(conference))
    event.add("summary", conference.title)
    event.add("dtstart", timezone.localtime(conference.start, tz))
    event.add("dtend", timezone.localtime(conference.end, tz))
    stamp = conference.last_published_at or timezone.now()
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("last-modified", stamp.astimezone(datetime.UTC))
    event.add("sequence", conference.ical_sequence())
    if conference.full_address:
        event.add("location", conference.full_address)
    event.add("url", conference.get_full_url(request))
    description = [conference.subtitle, conference.intro, strip_tags(conference.audience)]
    description.append(conference.get_full_url(request))
    event.add("description", "\n\n".join(part for part in description if part))
    return event


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Sociale Coöperaties//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", CALENDAR_TZ)
    return calendar


def _response(calendar, filename):
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def conference_calendar_response(conference, request):
    calendar = _calendar(conference.title)
    calendar.add_component(conference_event(conference, request))
    return _response(calendar, f"{conference.slug}.ics")


def agenda_calendar_response(index, request):
    """The whole agenda as one subscribable calendar."""
    calendar = _calendar(_("%(site)s – agenda") % {"site": settings.WAGTAIL_SITE_NAME})
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    upcoming, past = index.agenda()
    for conference in [*upcoming, *past]:
        calendar.add_component(conference_event(conference, request))
    return _response(calendar, "agenda.ics")
