"""`search=` on /api/v2/pages/: the site's Dutch search, with clear 400s for bad input.

The search itself is Wagtail's SearchFilter over the Dutch backend (search.backend),
ordered by relevance unless `order` is given. `coopsite/api.py` puts this filter in
the site's pages endpoint.
"""

from django.utils.translation import gettext as _

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError

from search.text import MAX_QUERY_LENGTH


class DutchSearchFilter(SearchFilter):
    """Wagtail's search filter, refusing what the Dutch search can't answer sensibly."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            values = request.GET.getlist("search")
            if len(values) > 1:
                raise BadRequestError(_("search: geef deze parameter één keer mee"))
            if len(values[0]) > MAX_QUERY_LENGTH:
                raise BadRequestError(
                    _("search: maximaal %(length)d tekens") % {"length": MAX_QUERY_LENGTH}
                )
        if "search_operator" in request.GET and "search" not in request.GET:
            raise BadRequestError(_("search_operator: werkt alleen samen met search"))
        return super().filter_queryset(request, queryset, view)
