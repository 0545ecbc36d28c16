"""A coöperatie's Murmurations profile (`organizations_schema-v1.0.0`).

Murmurations (https://murmurations.network) is a distributed directory: each organisation
publishes a JSON profile at a URL of its own and an index collects those URLs. Our entries'
plain values come from the field spec (`coops.fields`, a field's `murmurations` key); this
module composes the keys that combine or convert fields (address, position, founding date).
"""

import calendar
import datetime
import hashlib
import json

from django.utils.translation import gettext as _

from coops.fields import BY_NAME, FIELDS
from coops.models.choices import Status

SCHEMA = "organizations_schema-v1.0.0"
#: The profile is `<entry URL>murmurations.json` (see `coops.views.CoopRoutesMixin`).
PROFILE_FILENAME = "murmurations.json"
#: Every profile carries it, so the network's entries can be found together in an index.
NETWORK_TAG = "sociale coöperatie"
#: The profile's `status` for ours (the schema's enum has no "stopped"; a stopped coöperatie's
#: run is complete).
STATUS = {Status.ACTIVE: "active", Status.FOUNDING: "in_planning", Status.STOPPED: "completed"}
LOGO_RENDITION = "max-400x400"
COUNTRY = "NL"
#: The schema's limits (fields/name.json, fields/tags.json).
NAME_MAX_LENGTH = 200
TAG_MAX_LENGTH = 100


def unique_id(kvk_number):
    """Our `unique_id` for a KvK number: `NL-KVK-<kvk>`, "" without one."""
    return f"NL-KVK-{kvk_number}" if kvk_number else ""


def kvk_from_unique_id(value):
    """The KvK number in a `unique_id` of ours, "" if it is not one."""
    prefix = "NL-KVK-"
    value = (value or "").strip().upper()
    number = value[len(prefix) :] if value.startswith(prefix) else ""
    return number if len(number) == 8 and number.isdigit() else ""


def founding_timestamp(year):
    """1 January of `year`, 00:00 UTC, as a Unix time (the schema's convention for a year)."""
    return calendar.timegm(datetime.date(year, 1, 1).timetuple())


#: Where an imported profile's description is cut (CoopPage.intro's limit).
INTRO_MAX_LENGTH = 300


def profile_hash(data):
    """A stable digest of a profile (key order and spacing don't count)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _cut(text, length):
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def _year(timestamp):
    if not isinstance(timestamp, (int, float)) or isinstance(timestamp, bool):
        return None
    try:
        return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).year
    except (OverflowError, OSError, ValueError):
        return None


def page_values(data, municipalities, themes):
    """CoopPage values from another network's profile: the way back of `profile()`.

    `municipalities` and `themes` map lower-case names to objects. Returns
    ({field name: value}, [themes]); the caller validates the page before saving it.
    """

    def text(value):
        return value.strip() if isinstance(value, str) else ""

    values = {
        field.name: text(data.get(field.murmurations))
        for field in FIELDS
        if field.murmurations and field.importable
    }
    values["intro"] = _cut(values["intro"], INTRO_MAX_LENGTH)
    values["kvk_number"] = kvk_from_unique_id(data.get("unique_id"))
    values["website"] = text(data.get("primary_url"))
    contact = data.get("contact_details")
    values["email"] = text(contact.get("email")) if isinstance(contact, dict) else ""
    values["city"] = text(data.get("locality"))
    values["municipality"] = municipalities.get(values["city"].lower())
    geolocation = data.get("geolocation") or {}
    values["lat"], values["lon"] = geolocation.get("lat"), geolocation.get("lon")
    values["founded_year"] = _year(data.get("starts_at"))
    statuses = {theirs: ours for ours, theirs in STATUS.items()}
    values["status"] = statuses.get(data.get("status"), Status.ACTIVE)
    tags = data.get("tags") if isinstance(data.get("tags"), list) else []
    chosen = [themes[tag.lower()] for tag in tags if isinstance(tag, str) and tag.lower() in themes]
    return values, list(dict.fromkeys(chosen))


def profile(page, request=None):
    """The entry's Murmurations profile as a dict (keys without a value are left out)."""

    def value(name):
        return BY_NAME[name].value(page, request)

    data = {"linked_schemas": [SCHEMA]}
    for field in FIELDS:
        if field.murmurations:
            data[field.murmurations] = field.value(page, request)
    data["name"] = data["name"][:NAME_MAX_LENGTH]

    entry_url, website = value("url"), value("website")
    data["primary_url"] = website or entry_url
    data["urls"] = [{"name": "website", "url": website}] if website else []
    data["urls"].append({"name": _("Sociale Coöperaties"), "url": entry_url})
    themes = [theme.name[:TAG_MAX_LENGTH] for theme in value("themes").all()]
    data["tags"] = list(dict.fromkeys([NETWORK_TAG, *themes]))
    data["status"] = STATUS.get(value("status"), "")

    municipality = value("municipality")
    locality = value("city") or (municipality.name if municipality else "")
    data["locality"] = locality
    place = " ".join(part for part in (value("postcode"), locality) if part)
    data["full_address"] = ", ".join(part for part in (value("street"), place) if part) + (
        ", Nederland" if value("street") or place else ""
    )
    data["country_iso_3166"] = COUNTRY
    lat, lon = value("lat"), value("lon")
    if lat is not None and lon is not None:
        data["geolocation"] = {"lat": lat, "lon": lon}
    if value("founded_year"):
        data["starts_at"] = founding_timestamp(value("founded_year"))
    data["unique_id"] = unique_id(value("kvk_number"))
    logo = page.logo
    if logo is not None:
        data["image"] = logo.get_rendition(LOGO_RENDITION).full_url
    if value("email"):
        data["contact_details"] = {"email": value("email")}
    return {key: item for key, item in data.items() if item not in ("", None, [], {})}
