"""Serializer fields for the news page types in Wagtail's API v2.

Apps read related objects as small dicts instead of bare ids; each field reads from
relations the listing querysets prefetch (`NewsPage.objects.for_listing()`,
`ConferencePage.objects.for_listing()`), so a listing costs the same number of queries
for 5 or 50 items. This module imports nothing else of the news app, so the models can
import it. Which NewsPage fields apps may write through API v3 is declared on the model
(`APIField(..., writable=True)` in `NewsPage.api_fields`).
"""

from rest_framework.fields import Field

from core.images import rendition_data
from core.pages import is_visible


class _ReadOnlyField(Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)


def _all(value):
    return value.all() if hasattr(value, "all") else value


def _page_url(page, context):
    request = context.get("request")
    return page.get_full_url(request=request)


class TagNamesField(_ReadOnlyField):
    """`["coöperatie", ...]`: the tag names, sorted."""

    def to_representation(self, value):
        return sorted(tag.name for tag in _all(value))


class RelatedPagesField(_ReadOnlyField):
    """`[{id, title, url}]` for a many-to-many to pages (only live, public ones)."""

    def to_representation(self, value):
        return [
            {"id": page.pk, "title": page.title, "url": _page_url(page, self.context)}
            for page in _all(value)
            if is_visible(page)
        ]


class SourcesField(_ReadOnlyField):
    def to_representation(self, value):
        return [{"title": s.title, "url": s.url} for s in _all(value)]


class ProgrammeField(_ReadOnlyField):
    """The ordered programme; times are local (Europe/Amsterdam) "HH:MM"."""

    def to_representation(self, value):
        return [
            {
                "start_time": session.start_time.strftime("%H:%M"),
                "end_time": session.end_time.strftime("%H:%M"),
                "title": session.title,
                "description": session.description,
                "kind": session.kind,
                "room": session.room,
                "speakers": session.speakers,
            }
            for session in _all(value)
        ]


class SpeakersField(_ReadOnlyField):
    def to_representation(self, value):
        return [
            {
                "name": speaker.name,
                "role": speaker.role,
                "organisation": speaker.organisation,
                "photo": rendition_data(speaker.photo),
            }
            for speaker in _all(value)
        ]


class PartnersField(_ReadOnlyField):
    def to_representation(self, value):
        partners = []
        for partner in _all(value):
            coop = partner.coop if partner.coop_id and is_visible(partner.coop) else None
            partners.append(
                {
                    "name": partner.name,
                    "url": partner.url,
                    "logo": rendition_data(partner.logo),
                    "coop": (
                        {
                            "id": coop.pk,
                            "title": coop.title,
                            "url": _page_url(coop, self.context),
                        }
                        if coop
                        else None
                    ),
                }
            )
        return partners
