"""`search=` on /api/v2/pages/: the site's Dutch search, with clear 400s for bad input.

The search itself is Wagtail's SearchFilter over the Dutch backend
(search.backend), ordered by relevance unless `order` is given.
"""

from django.utils.translation import gettext as _

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError

from core.api import PagesAPIViewSet
from search.text import MAX_QUERY_LENGTH

SEARCH_OPERATORS = ("and", "or")


class DutchSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            values = request.GET.getlist("search")
            if len(values) > 1:
                raise BadRequestError(_("search: geef deze parameter één keer mee"))
            if len(values[0]) > MAX_QUERY_LENGTH:
                raise BadRequestError(
                    _("search: maximaal %(length)d tekens") % {"length": MAX_QUERY_LENGTH}
                )
        if "search_operator" in request.GET:
            if "search" not in request.GET:
                raise BadRequestError(_("search_operator: werkt alleen samen met search"))
            if request.GET["search_operator"] not in SEARCH_OPERATORS:
                raise BadRequestError(_("search_operator: kies 'and' of 'or'"))
        return super().filter_queryset(request, queryset, view)


class SearchPagesAPIViewSet(PagesAPIViewSet):
    """The site's pages endpoint: core's page-type filters plus the Dutch search filter."""

    filter_backends = [
        DutchSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
