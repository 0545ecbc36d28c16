"""The search page (/zoeken/) and the suggestions for search boxes (/zoeken/suggesties/)."""

from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import F, Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from coops.aliases import MUNICIPALITY_ALIASES
from coops.models import CoopIndexPage, CoopPage
from core.cache import values as content_cache
from core.pages import with_publicity
from search.backend import count_up_to
from search.text import clean, fold, terms

RESULTS_PER_PAGE = 10
#: The search page counts this many results at most and says "more than" beyond it: a
#: broad word matches most of the site, and counting all of it costs more than the results.
MAX_COUNTED = 1000
SUGGESTIONS = 8
#: Of which at most this many are municipalities (each leads to the filtered directory).
MUNICIPALITY_SUGGESTIONS = 3
#: Suggestions start at this many letters; fewer would match half the site.
MIN_SUGGESTION_LENGTH = 2

#: The type filter: (value in ?type=, label, page models by label). Models that
#: are not installed are skipped, and a filter without models is not offered.
TYPE_FILTERS = [
    ("nieuws", _("Nieuws"), ("news.NewsPage",)),
    ("agenda", _("Agenda"), ("news.ConferencePage",)),
    ("cooperaties", _("Coöperaties"), ("coops.CoopPage",)),
    ("paginas", _("Pagina's"), ("home.StandardPage",)),
]


def _installed_models(labels):
    models = []
    for label in labels:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    return models


def type_filters():
    """[(value, label, [models])] for the filters this site can offer."""
    filters = []
    for value, label, model_labels in TYPE_FILTERS:
        models = _installed_models(model_labels)
        if models:
            filters.append((value, label, models))
    return filters


def _single(request, name):
    """The last value of a GET parameter as a string ("" when absent); `q` twice is not an error."""
    values = request.GET.getlist(name)
    return values[-1] if values else ""


def _page_number(request):
    try:
        number = int(_single(request, "page"))
    except ValueError:
        return 1
    return number if number > 0 else 1


def searchable_pages():
    """Every live, public page: private and unpublished pages never show up in search."""
    return Page.objects.live().public()


def promotions(query):
    """Editors' promoted results ("Aanbevolen resultaten") for a query; live, public pages only.

    One query; a second only when a promotion points at a page (to check it is public).
    """
    found = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__live=True))
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = [promotion.page_id for promotion in found if promotion.page_id]
    if page_ids:
        public = set(searchable_pages().filter(pk__in=page_ids).values_list("pk", flat=True))
        found = [p for p in found if p.page_id is None or p.page_id in public]
    return found


def snippet(page):
    """The text under a result: the page's own summary, else its search description."""
    for field in ("intro", "hero_intro", "search_description"):
        text = getattr(page, field, "")
        if isinstance(text, str) and text.strip():
            return text
    return ""


def log_query(query):
    """Count the search for the "most-searched" report (Rapporten › Meest gezocht).

    One UPDATE for a query already searched today; Wagtail's Query.get().add_hit()
    (three queries) only for the day's first search of it. On PostgreSQL one more
    statement lets the commit go without waiting for the disk.
    """
    today = timezone.now().date()  # the date Query.add_hit uses
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            # A counter need not wait for the disk: searches of the same word would queue
            # behind each other's commit on the row lock (60 ms each with 8 at once).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        updated = QueryDailyHits.objects.filter(
            query__query_string=normalise_query_string(query), date=today
        ).update(hits=F("hits") + 1)
        if not updated:
            Query.get(query).add_hit(date=today)


def selected_type(request, filters):
    """(value, models) of the type filter in ?type=, or ("", None) for all types."""
    selected = _single(request, "type")
    models = next((models for value, _label, models in filters if value == selected), None)
    return (selected, models) if models is not None else ("", None)


@dataclass(frozen=True)
class Result:
    """One search result as the results page shows it."""

    pk: int
    title: str
    url: str
    kind: str
    text: str
    date: object = None  # a date: the article's, the gathering's day, else last published


def result_date(page):
    """The date a result shows: an article's date, a gathering's day, else its last change."""
    start = getattr(page, "start", None)
    if start is not None:
        return timezone.localtime(start).date()
    date = getattr(page, "date", None)
    if date is not None:
        return date
    return page.last_published_at and timezone.localtime(page.last_published_at).date()


def results_page_for(request, query, selected, models, requested):
    """(page of the paginator, [Result]) for `query` among the pages of type `selected`.

    What the page shows (the count and each result's title, URL, type and snippet) is
    cached per content version (core.cache.values): a popular search is ranked once
    until the content changes, and any change (publish, unpublish, delete, a view
    restriction) makes every cached search stale at once.
    """
    key = ("search", request.get_host(), query, selected, requested, RESULTS_PER_PAGE)
    cached = content_cache.get(*key)
    if cached is None:
        pages = searchable_pages()
        if models:
            pages = pages.type(*models)
        # .specific(): one query per page type on this page, whatever the number of results.
        matches = pages.specific().search(query)
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        counted = count_up_to(matches, MAX_COUNTED)
        paginator.count = min(counted, MAX_COUNTED)
        results_page = paginator.get_page(requested)
        results = [
            Result(
                pk=page.pk,
                title=page.title,
                url=page.get_url(request) or "",
                kind=str(page._meta.verbose_name),
                text=snippet(page),
                date=result_date(page),
            )
            for page in results_page.object_list
        ]
        cached = (counted, results_page.number, results)
        content_cache.set(cached, *key)
    counted, number, results = cached
    results_page = content_cache.page(min(counted, MAX_COUNTED), number, RESULTS_PER_PAGE, results)
    results_page.more_than = MAX_COUNTED if counted > MAX_COUNTED else None
    return results_page


@require_GET
def search(request):
    query = clean(_single(request, "q"))
    filters = type_filters()
    selected, models = selected_type(request, filters)

    results_page = None
    entries = []
    promoted = []
    if terms(query):
        requested = _page_number(request)
        results_page = results_page_for(request, query, selected, models, requested)
        entries = [(result, result.kind, result.text) for result in results_page.object_list]
        if requested == 1:  # paging through results is not a new search
            promoted = promotions(query)
            log_query(query)

    parameters = {"q": query}
    if selected:
        parameters["type"] = selected
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results_page": results_page,
            "entries": entries,
            "promoted": promoted,
            "type_filters": [(value, label) for value, label, _models in filters],
            "selected_type": selected,
            "query_string": urlencode(parameters),
            "query_string_without_type": urlencode({"q": query}),
        },
    )


@require_GET
def suggestions(request):
    """JSON for search boxes: {"query": …, "results": [{"title", "url", "type"}]}.

    Titles are matched on word beginnings ("coöp" finds "Coöperatie De Vrije
    Uitloop"); only live, public pages. `type` narrows them like on the search
    page (the directory's search field asks for ?type=cooperaties).
    """
    query = clean(_single(request, "q"))
    selected, models = selected_type(request, type_filters())
    results = []
    if len(query) >= MIN_SUGGESTION_LENGTH and terms(query):
        with_places = selected in ("", "cooperaties")
        results = content_cache.get_or_compute(
            lambda: suggest(request, query, models, with_places),
            "suggestions",
            request.get_host(),
            query,
            selected,
        )
    return JsonResponse({"query": query, "results": results})


def municipalities(request, query):
    """[{"title", "url", "type"}] of municipalities whose name (or common name) starts like
    `query`, each to the directory filtered by it; only those with a live, public entry.

    One query, and one more for the directory's address when a municipality matches.
    """
    typed = fold(query)
    official = {
        fold(name) for alias, name in MUNICIPALITY_ALIASES.items() if alias.startswith(typed)
    }
    found = [
        (code, name)
        for code, name in CoopPage.objects.municipalities()
        if fold(name).startswith(typed) or fold(name) in official
    ][:MUNICIPALITY_SUGGESTIONS]
    if not found:
        return []
    directory = with_publicity(CoopIndexPage.objects.live()).filter(is_public=True).first()
    if directory is None:
        return []
    url = directory.get_url(request)
    return [
        {"title": name, "url": f"{url}?{urlencode({'gemeente': code})}", "type": str(_("gemeente"))}
        for code, name in found
    ]


def suggest(request, query, models, with_places=False):
    """[{"title", "url", "type"}]: municipalities first (`with_places`), then the best pages
    whose title words start like `query`; SUGGESTIONS in all."""
    places = municipalities(request, query) if with_places else []
    pages = searchable_pages()
    if models:
        pages = pages.type(*models)
    pages = pages.only("id", "title", "url_path", "content_type_id")
    return places + [
        {
            "title": page.title,
            "url": page.get_url(request),
            "type": str(page.specific_class._meta.verbose_name),
        }
        for page in pages.autocomplete(query)[: SUGGESTIONS - len(places)]
    ]
