"""Administrative writes on API v3 that Wagtail 8.0.1 answers with a 500, made 4xx problems.

Found by `tests/test_api_fuzz.py::test_v3_admin_writes_never_give_a_server_error` (an
administrator's token over move, copy, publish, unpublish, uploads, sites, redirects and
snippets). `tests/test_api_v3_tree.py::test_upstream_*` fails once upstream fixes one: then
delete that guard.

- Copying the root page without `destination_id` copies it beside itself: it has no parent,
  and `find_available_slug(None, …)` raises AttributeError. Now a 422 naming destination_id.
- Moving a page beside the root page (`position` left, right, first-/last-sibling) has no new
  parent, and `can_move_to(None)` raises AttributeError. Now a 422 naming position.
- A snippet's `pk` is a string in the path; a non-number for an integer key raises ValueError
  in the lookup. Now a 404, as for a number that names no row.
- Creating a snippet defers its required fields (as for a draft, also for models without
  drafts), and Django's unique check skips a field left empty: a second Theme with an empty
  name reaches the database's UNIQUE constraint (IntegrityError). Any write that hits a
  database constraint is now a 409 problem.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail.actions.move_page import MovePageAction
from wagtail.api.v3.api import api as v3_api
from wagtail.api.v3.errors import as_validation_error, problem_response
from wagtail.api.v3.routers.pages import PageCopySchema
from wagtail.snippets.api.v3 import router as snippets_router

upstream_get_update_attrs = PageCopySchema.get_update_attrs
upstream_move_check = MovePageAction.check


def _problem(loc, message):
    error = ValueError(f"{loc}: {message}")
    return as_validation_error(error, str(error), loc=("body", loc))


def get_update_attrs(self, page, destination):
    if destination is None and page.is_root():
        raise _problem("destination_id", "de hoofdpagina heeft geen ouder; geef een bestemming")
    return upstream_get_update_attrs(self, page, destination)


def move_check(self, parent_after, skip_permission_checks=False):
    if parent_after is None:
        raise _problem("position", "naast de hoofdpagina kan geen pagina staan")
    return upstream_move_check(self, parent_after, skip_permission_checks)


def get_snippet_or_404(queryset, *args, **kwargs):
    try:
        return get_object_or_404(queryset, *args, **kwargs)
    except (ValueError, ValidationError) as exc:
        raise Http404("Bestaat niet.") from exc


def integrity_conflict(request, exc):
    return problem_response(
        status=409,
        detail="Dit botst met wat er al is: een waarde die uniek moet zijn, bestaat al.",
    )


def install():
    """Put the guards in place (idempotent)."""
    PageCopySchema.get_update_attrs = get_update_attrs
    MovePageAction.check = move_check
    # The snippets router looks the name up when it runs.
    snippets_router.get_object_or_404 = get_snippet_or_404
    v3_api.add_exception_handler(IntegrityError, integrity_conflict)
