"""RSS/Atom feeds of the news and iCalendar files of the agenda."""

import datetime
import mimetypes
import zoneinfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.images.models import SourceImageIOError

CALENDAR_TZ = "Europe/Amsterdam"

#: The rendition a feed reader shows with an entry.
ENCLOSURE_SPEC = "max-800x800"


def _id_domain():
    """The authority of our stable ids (feed GUIDs, iCal UIDs): a setting, never the host."""
    return getattr(settings, "NEWS_ICAL_UID_DOMAIN", None) or slugify(settings.WAGTAIL_SITE_NAME)


def item_tag_uri(item):
    """A `tag:` URI (RFC 4151) with the page id: unchanged by a new slug, title or host.

    Readers deduplicate on it, so a renamed page is not shown again as new. The date is
    the day the page first went live, which never changes either.
    """
    first = item.first_published_at or item.last_published_at
    day = first.date().isoformat() if first else "2016-01-01"
    return f"tag:{_id_domain()},{day}:pagina-{item.pk}"


class NewsRssFeed(Feed):
    """The news of one index, newest first; optionally only one tag."""

    feed_type = Rss201rev2Feed
    language = "nl"

    def author_name(self, obj):
        # The organisation speaks in its news; Atom requires an author on feed or entry.
        return settings.WAGTAIL_SITE_NAME

    def item_author_name(self, item):
        return settings.WAGTAIL_SITE_NAME

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
        return item_tag_uri(item)

    def item_guid_is_permalink(self, item):
        return False

    def item_enclosures(self, item):
        """The item's image as a rendition a reader can show (none when the file is missing)."""
        if item.image is None:
            return []
        try:
            rendition = item.image.get_rendition(ENCLOSURE_SPEC)
            length = rendition.file.size
        except (SourceImageIOError, OSError):
            return []
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(rendition.full_url, str(length), mime_type)]

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
    return f"conferentie-{conference.pk}@{_id_domain()}"


def conference_event(conference, request=None):
    """One VEVENT for a conference (RFC 5545)."""
    # icalendar (and dateutil) only when a calendar is asked for: ~3 MiB per worker otherwise.
    from icalendar import Event

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
    from icalendar import Calendar  # lazily, like Event in conference_event

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


def conference_calendar(conference, request=None):
    """The conference as a calendar of one event (its page's .ics, the reminder's attachment)."""
    calendar = _calendar(conference.title)
    calendar.add_component(conference_event(conference, request))
    calendar.add_missing_timezones()
    return calendar


def conference_calendar_response(conference, request):
    return _response(conference_calendar(conference, request), f"{conference.slug}.ics")


def agenda_calendar_response(index, request):
    """The whole agenda as one subscribable calendar."""
    calendar = _calendar(_("%(site)s – agenda") % {"site": settings.WAGTAIL_SITE_NAME})
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    upcoming, past = index.agenda()
    for conference in [*upcoming, *past]:
        calendar.add_component(conference_event(conference, request))
    return _response(calendar, "agenda.ics")
