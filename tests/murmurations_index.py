"""A small Murmurations index on loopback for the tests: the documented v2 node endpoints.

It fetches each posted profile and validates it against the real schema
(tests/murmurations/), refuses to delete a node whose profile still answers, lists nodes
with `schema`, `country`, `tags` and `page`/`page_size`, and can serve external profiles
itself (`/profiles/<name>.json`) for the import, and is a library too (`/v2/schemas/<name>`,
`/v2/fields/<file>`). `fail_next = n` answers the next n
requests with a 503.
"""

import hashlib
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

from tests import loopback
from tests.murmurations_support import LIBRARY, errors


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


class LoopbackIndex(loopback.LoopbackServer):
    def __init__(self):
        self.nodes = {}
        self.profiles = {}
        self.requests = []
        self.fail_next = 0
        self.lock = threading.Lock()
        super().__init__(self._handler())
        self.url = self.origin

    def serve_profile(self, name, profile):
        """Serve `profile` at /profiles/<name>.json and list it as a posted node."""
        url = f"{self.url}/profiles/{name}.json"
        self.profiles[name] = profile
        # Listed as posted: the index validated it once; the importer validates it again.
        self.nodes[self._store(url, profile)]["status"] = "posted"
        return url

    def _store(self, url, profile):
        problems = errors(profile) if profile is not None else ["profiel niet gevonden"]
        node_id = hashlib.sha256(url.encode()).hexdigest()
        self.nodes[node_id] = {
            "node_id": node_id,
            "profile_url": url,
            "status": "validation_failed" if problems else "posted",
            "failure_reasons": problems,
            "profile": profile,
        }
        return node_id

    def _handler(self):
        index = self

        class Handler(loopback.QuietHandler):
            def _send(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _failing(self):
                with index.lock:
                    index.requests.append((self.command, self.path))
                    if index.fail_next > 0:
                        index.fail_next -= 1
                        self._send(503, {"errors": [{"title": "Service Unavailable"}]})
                        return True
                return False

            def do_POST(self):
                if self._failing():
                    return
                length = int(self.headers.get("Content-Length", 0))
                try:
                    profile_url = json.loads(self.rfile.read(length))["profile_url"]
                except (ValueError, KeyError, TypeError):
                    self._send(400, {"errors": [{"title": "Missing Required Property"}]})
                    return
                status, profile = _fetch(profile_url)
                node_id = index._store(profile_url, profile if status == 200 else None)
                self._send(
                    200,
                    {
                        "data": {
                            "node_id": node_id,
                            "profile_url": profile_url,
                            "status": "received",
                        },
                        "meta": {},
                    },
                )

            def do_GET(self):
                if self._failing():
                    return
                parsed = urllib.parse.urlparse(self.path)
                parts = parsed.path.strip("/").split("/")
                if parts[:2] in (["v2", "schemas"], ["v2", "fields"]) and len(parts) == 3:
                    # The library's schemas and field files (the copied ones).
                    name = parts[2] if parts[1] == "fields" else f"{parts[2]}.json"
                    path = LIBRARY / parts[1] / name
                    found = path.is_file() and path.parent.parent == LIBRARY
                    self._send(200 if found else 404, json.loads(path.read_text()) if found else {})
                elif parts[:1] == ["profiles"] and len(parts) == 2:
                    profile = index.profiles.get(parts[1].removesuffix(".json"))
                    self._send(200 if profile else 404, profile or {})
                elif parts == ["v2", "nodes"]:
                    self._list(urllib.parse.parse_qs(parsed.query))
                elif parts[:2] == ["v2", "nodes"] and len(parts) == 3 and parts[2] in index.nodes:
                    node = {k: v for k, v in index.nodes[parts[2]].items() if k != "profile"}
                    self._send(200, {"data": node})
                else:
                    self._send(404, {"errors": [{"title": "Not Found"}]})

            def _list(self, query):
                schema = (query.get("schema") or [""])[0]
                country = (query.get("country") or [""])[0]
                tags = set((query.get("tags") or [""])[0].split(",")) - {""}
                page = int((query.get("page") or ["1"])[0])
                size = int((query.get("page_size") or ["30"])[0])
                found = [
                    {
                        "profile_url": node["profile_url"],
                        "status": node["status"],
                        "name": (node["profile"] or {}).get("name"),
                    }
                    for node in index.nodes.values()
                    if node["status"] == "posted"
                    and (not schema or schema in (node["profile"] or {}).get("linked_schemas", []))
                    and (not country or (node["profile"] or {}).get("country_iso_3166") == country)
                    and tags <= set((node["profile"] or {}).get("tags", []))
                ]
                pages = max(1, -(-len(found) // size))
                self._send(
                    200,
                    {
                        "data": found[(page - 1) * size : page * size],
                        "meta": {"number_of_results": len(found), "total_pages": pages},
                    },
                )

            def do_DELETE(self):
                if self._failing():
                    return
                parts = self.path.strip("/").split("/")
                node = index.nodes.get(parts[2]) if len(parts) == 3 else None
                if node is None:
                    self._send(404, {"errors": [{"title": "Not Found"}]})
                    return
                status, _ = _fetch(node["profile_url"])
                if status != 404:
                    self._send(400, {"errors": [{"title": "Profile Still Exists"}]})
                    return
                node["status"] = "deleted"
                self._send(200, {"meta": {"message": "The Index has recorded as deleted"}})

        return Handler
