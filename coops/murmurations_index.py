"""A small client of a Murmurations index's documented API (v2), over HTTP with the stdlib.

`POST /v2/nodes {"profile_url"}` adds or refreshes a node, `GET /v2/nodes/{node_id}` reads
its status, `DELETE /v2/nodes/{node_id}` drops it (the index first checks that the profile
URL answers 404), `GET /v2/nodes?schema=…&country=…&tags=…&page=…` lists profiles.
"""

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

TIMEOUT = 10
#: The public library of schemas (a host site may set MURMURATIONS_LIBRARY_URL).
LIBRARY_URL = "https://library.murmurations.network"


def configured_index():
    """The index this site announces its entries to (`MURMURATIONS_INDEX_URL`), "" for none."""
    return getattr(settings, "MURMURATIONS_INDEX_URL", "").rstrip("/")


def configured_library():
    return getattr(settings, "MURMURATIONS_LIBRARY_URL", "") or LIBRARY_URL


class IndexRequestError(Exception):
    """The index could not be reached or refused; the message says which and why."""


def request(method, url, body=None, timeout=TIMEOUT):
    """(status, parsed JSON or None) of one HTTP request; IndexRequestError when unreachable."""
    if not url.startswith(("http://", "https://")):
        raise IndexRequestError(f"{url}: geen http(s)-adres")
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)  # noqa: S310 (http(s), above)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise IndexRequestError(f"{method} {url}: {error}") from error
    try:
        payload = json.loads(raw) if raw else None
    except ValueError:
        payload = None
    return status, payload


def _checked(method, url, body=None):
    status, payload = request(method, url, body)
    if status >= 400:
        raise IndexRequestError(f"{method} {url}: {status} {json.dumps(payload)[:500]}")
    return payload or {}


def post_node(index_url, profile_url):
    """{node_id, status, …} of the node the index made or refreshed for `profile_url`."""
    return _checked("POST", f"{index_url}/v2/nodes", {"profile_url": profile_url}).get("data", {})


def get_node(index_url, node_id):
    """{node_id, status, failure_reasons?, …} of a node."""
    return _checked("GET", f"{index_url}/v2/nodes/{urllib.parse.quote(node_id)}").get("data", {})


def delete_node(index_url, node_id):
    _checked("DELETE", f"{index_url}/v2/nodes/{urllib.parse.quote(node_id)}")


def profile_status(profile_url):
    """The HTTP status our profile URL answers (removal waits until it is 404)."""
    return request("GET", profile_url)[0]


def list_nodes(index_url, **params):
    """Every node the index lists for `params` (schema, country, tags), page by page."""
    page = 1
    while True:
        query = urllib.parse.urlencode({**params, "page": page, "page_size": 100}, doseq=True)
        payload = _checked("GET", f"{index_url}/v2/nodes?{query}")
        yield from payload.get("data", [])
        if page >= int((payload.get("meta") or {}).get("total_pages", 1) or 1):
            return
        page += 1


def fetch_json(url):
    """A JSON object (a profile, a schema) as a dict, or IndexRequestError."""
    payload = _checked("GET", url)
    if not isinstance(payload, dict):
        raise IndexRequestError(f"{url}: geen JSON-object")
    return payload
