"""The search page (/zoeken/) and the suggestions for search boxes (/zoeken/suggesties/)."""

from django.apps import apps
from django.core.paginator import Paginator
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

from search.text import clean, terms

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
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


def promotions(query, pages):
    """Editors' promoted results ("Aanbevolen resultaten") for a query, among `pages` only."""
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .filter(Q(page__isnull=True) | Q(page__in=pages.values("pk")))
        .select_related("page")
        .order_by("sort_order")
    )


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
    (three queries) only for the day's first search of it.
    """
    today = timezone.now().date()  # the date Query.add_hit uses
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


@require_GET
def search(request):
    query = clean(_single(request, "q"))
    filters = type_filters()
    selected, models = selected_type(request, filters)

    results_page = None
    entries = []
    promoted = []
    if terms(query):
        public_pages = searchable_pages()
        pages = public_pages.type(*models) if models else public_pages
        # .specific(): one query per page type on this page, whatever the number of results.
        results = pages.specific().search(query)
        paginator = Paginator(results, RESULTS_PER_PAGE)
        requested = _page_number(request)
        results_page = paginator.get_page(requested)
        entries = [
            (page, page._meta.verbose_name, snippet(page)) for page in results_page.object_list
        ]
        if requested == 1:  # paging through results is not a new search
            promoted = promotions(query, public_pages)
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
    _selected, models = selected_type(request, type_filters())
    results = []
    if len(query) >= MIN_SUGGESTION_LENGTH and terms(query):
        pages = searchable_pages()
        if models:
            pages = pages.type(*models)
        pages = pages.only("id", "title", "url_path", "content_type_id")
        for page in pages.autocomplete(query)[:SUGGESTIONS]:
            results.append(
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "type": str(page.specific_class._meta.verbose_name),
                }
            )
    return JsonResponse({"query": query, "results": results})
