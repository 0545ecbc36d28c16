"""API v3 input guard. (The HTTP cache is core.cache.middleware.CacheMiddleware.)"""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _

from core.api.filters import site_parameter_error
from core.api.v3 import INT64_MAX, MAX_OFFSET, creation_problems

TITLES = {400: "Bad Request", 404: "Not Found", 422: "Unprocessable Content"}


def _problem(status, detail, errors=()):
    return JsonResponse(
        {
            "type": "about:blank",
            "title": TITLES[status],
            "status": status,
            "detail": detail,
            **({"errors": list(errors)} if errors else {}),
        },
        status=status,
        content_type="application/problem+json",
    )


def _problem_422(loc, detail, error_type):
    return _problem(422, detail, [{"loc": loc, "msg": detail, "type": error_type}])


def _integer(value):
    """The int a query or path value spells ("-12"), or None."""
    text = str(value).strip()
    digits = text.removeprefix("-")
    return int(text) if digits.isdigit() and digits.isascii() else None


#: Query parameters whose value is text even when it is all digits (a 20-digit search term).
FREE_TEXT_PARAMETERS = frozenset({"search", "html_path"})


def _query_problem(query):
    """NUL bytes (PostgreSQL refuses them: a 500) and integers past what the database holds."""
    for name, values in query.lists():
        for value in values:
            if "\x00" in value or "\x00" in name:
                return _problem(400, f"{name}: geen NUL-tekens toegestaan.")
            number = _integer(value) if name not in FREE_TEXT_PARAMETERS else None
            if number is None:
                continue
            if name == "offset" and number > MAX_OFFSET:
                detail = f"offset: mag niet hoger zijn dan {MAX_OFFSET}."
                return _problem_422(["query", name], detail, "less_than_equal")
            if abs(number) > INT64_MAX:
                detail = f"{name}: getal te groot."
                return _problem_422(["query", name], detail, "less_than_equal")
    site_error = site_parameter_error(query.get("site", ""))
    if site_error:
        return _problem_422(["query", "site"], site_error, "value_error")
    return None


def _body_problem(body, loc=("body",)):
    """The first integer in a JSON body past what the database holds (OverflowError: a 500)."""
    if isinstance(body, bool):
        return None
    if isinstance(body, int) and abs(body) > INT64_MAX:
        return _problem_422(list(loc), str(_("Getal te groot.")), "less_than_equal")
    items = (
        body.items()
        if isinstance(body, dict)
        else enumerate(body)
        if isinstance(body, list)
        else ()
    )
    for key, value in items:
        problem = _body_problem(value, (*loc, key))
        if problem is not None:
            return problem
    return None


class APIv3InputMiddleware:
    """Input Wagtail 8.0's v3 API reads before validating it gets a 422 problem, not a 500.

    Found by the schemathesis run in tests/test_api_fuzz.py and the issue 12 review:
    - every JSON body in v3 is an object, but the page schemas pick the page type
      from `body["meta"]` first and crash on `[...]`, `null` or a number;
    - PATCH /pages/{page_id}/ looks the page up with the raw path value first and
      crashes on a non-integer id such as `0.5`; an id outside 1..2^63-1 (`-1`,
      `9223372036854775808`) names no object: a 404;
    - integers past 2^63-1 in the query or the body overflow SQLite (a 500), and so
      does an `offset` past the spec's `maximum`; NUL bytes crash PostgreSQL;
    - POST /pages/ of a type that cannot be created (`news.NewsItemPage`) or without a
      field the model requires that the API cannot write (a conference's `start`)
      fails on the database (see `core.api.v3.creation_problems`).
    """

    namespace = "wagtailapi_v3"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or self.namespace not in match.namespaces:
            return None
        for name, value in view_kwargs.items():
            if not name.endswith("_id"):
                continue
            number = _integer(value)
            if number is None:
                detail = str(_("Verwacht een geheel getal."))
                return _problem_422(["path", name], detail, "int_parsing")
            if not 1 <= number <= INT64_MAX:
                return _problem(404, f"{name}: bestaat niet.")
        problem = _query_problem(request.GET)
        if problem is not None:
            return problem
        if (
            request.method not in ("POST", "PUT", "PATCH")
            or request.content_type != "application/json"
            or not request.body
        ):
            return None
        try:
            body = json.loads(request.body)
        except ValueError:
            return None  # Ninja answers malformed JSON itself
        if not isinstance(body, dict):
            detail = str(_("De body moet een JSON-object zijn."))
            return _problem_422(["body"], detail, "object_type")
        problem = _body_problem(body)
        if problem is not None:
            return problem
        # POST /pages/ shares its URL (and name) with the listing.
        if request.method == "POST" and match.url_name == "list_pages":
            errors = creation_problems(body)
            if errors:
                detail = errors[0][1]
                return _problem(422, detail, [{"loc": loc, "msg": msg} for loc, msg in errors])
        return None
