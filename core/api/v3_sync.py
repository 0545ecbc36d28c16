"""Incremental sync on API v3: `updated_after=` on GET /pages/ and GET /pages/removed/.

The same rules as v2 (`core.api.sync`). Wagtail 8.0.1's page listing is a Ninja operation
with a fixed filter schema, so `updated_after` is applied where that schema filters
(`PageFilterSchema.filter`, which only the listing calls) and documented by
`document_sync` in the corrected spec (`core.api.v3`). The removed feed is an operation of
its own, so Ninja documents it.
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import as_validation_error
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.routers.pages import PageFilterSchema

from core.api.sync import (
    REMOVAL_REASONS,
    TIME_HELP,
    changed_after,
    parse_change_time,
    removal_items,
    removed_entries,
)

UPDATED_AFTER = "updated_after"
LIST_OPERATION = "pages_list"
UPDATED_AFTER_PARAMETER = {
    "in": "query",
    "name": UPDATED_AFTER,
    "required": False,
    "description": (
        "Alleen pagina's die na dit tijdstip zijn veranderd (gepubliceerd, verplaatst of weer "
        f"openbaar), oudste verandering eerst, dan op id. {TIME_HELP}. Niet samen met search."
    ),
    "schema": {"type": "string", "format": "date-time", "title": "Updated After"},
}

router = Router(tags=["pages"])


class RemovedPageSchema(Schema):
    id: int
    type: str | None = Field(description="Het paginatype, bijvoorbeeld news.NewsPage.")
    removed_at: datetime
    reason: Literal[tuple(sorted(set(REMOVAL_REASONS.values())))]  # ty: ignore[invalid-type-form]


class RemovedPagesSchema(Schema):
    count: int
    items: list[RemovedPageSchema]


class RemovedFilterSchema(Schema):
    since: datetime = Field(description=f"Verwijderd na dit tijdstip: {TIME_HELP}.")

    @field_validator("since", mode="before")
    @classmethod
    def parse_since(cls, value):
        # Our rules (a zone is required; one parser for v2 and v3), not pydantic's leniency.
        return parse_change_time(value) if isinstance(value, str) else value


@router.get(
    "/",
    response=RemovedPagesSchema,
    url_name="removed_pages",
    summary="Removed pages",
    description=(
        "Pagina's die sinds `since` uit de API kunnen zijn verdwenen (gedepubliceerd, "
        "verwijderd, afgeschermd of verplaatst), oudste eerst: id, type en tijdstip, nooit "
        "een titel. Pas deze eerst toe, dan `GET /pages/?updated_after=`."
    ),
    operation_id="pages_removed",
    auth=[BearerTokenAuth(), AllowAnonymous()],
)
def removed_pages(
    request,
    filters: RemovedFilterSchema = Query(...),  # noqa: B008 - Ninja's way to declare a query
    pagination: WagtailLimitOffsetPagination.Input = Query(...),  # noqa: B008
):
    page = WagtailLimitOffsetPagination().paginate_queryset(
        removed_entries(filters.since), pagination, request
    )
    return {"count": page["count"], "items": removal_items(page["items"])}


upstream_filter = PageFilterSchema.filter


def filter_pages(self, queryset, request=None):
    """Wagtail's listing filters, then `updated_after=` (a 422 naming it when invalid)."""
    queryset = upstream_filter(self, queryset, request)
    raw = request.GET.get(UPDATED_AFTER) if request is not None else None
    if raw is None:
        return queryset
    loc = ("query", UPDATED_AFTER)
    if "search" in request.GET:
        error = ValueError(f"{UPDATED_AFTER}: werkt niet samen met search")
        raise as_validation_error(error, str(error), loc=loc)
    try:
        moment = parse_change_time(raw)
    except ValueError as exc:
        raise as_validation_error(exc, f"{UPDATED_AFTER}: {exc}", loc=loc) from exc
    return changed_after(queryset, moment)


def install(api):
    """Add the removed feed to `api` and `updated_after` to its page listing (idempotent)."""
    if PageFilterSchema.filter is not filter_pages:
        PageFilterSchema.filter = filter_pages
    registrations = api._router_registrations
    if router in {registration[1] for registration in registrations}:
        return
    api.add_router("/pages/removed/", router)
    # Ninja's `/pages/{page_id}/` takes any segment: our route must come before Wagtail's
    # pages router. Ninja keeps the mounts in this (private) list, in URL order.
    pages = next(i for i, registration in enumerate(registrations) if registration[0] == "/pages/")
    registrations.insert(pages, registrations.pop())


def document_sync(schema, prefix):
    """Put `updated_after` in the listing's parameters (Ninja cannot see it)."""
    operation = schema["paths"][f"{prefix}/pages/"]["get"]
    parameters = operation.setdefault("parameters", [])
    if not any(parameter["name"] == UPDATED_AFTER for parameter in parameters):
        parameters.append(dict(UPDATED_AFTER_PARAMETER))
