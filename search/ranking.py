"""Relevance order in bounded time, for both database backends (search.backend).

Putting every match in relevance order costs time in proportion to the number of
matches: a broad word ("coöperatie") matches nearly every page, and ranking 100,000 of
them to show ten takes most of a second. So at most MAX_RANKED matches are ranked, once
per search (every page of the results shares them), and further matches follow by id.
Which matches are ranked is the backend's choice (`_rank`): SQLite's FTS5 finds its best
MAX_RANKED in one pass over the index; PostgreSQL can't without ranking them all, so it
ranks every match when there are at most MAX_RANKED, and otherwise those found first
among the title matches (a word in the title weighs most), then the text matches.
"""

from django.db.models import Case, IntegerField, Value, When

from modelsearch.query import PlainText

#: How many matches are put in relevance order (fifty pages of ten).
MAX_RANKED = 500
#: ...for suggestions (autocomplete), which show eight.
MAX_RANKED_SUGGESTIONS = 50


def position_order(ids, default=None):
    """An ORDER BY expression that puts rows in the order of `ids`."""
    return Case(
        *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
        default=Value(default),
        output_field=IntegerField(),
    )


class BoundedRankingMixin:
    """A query compiler's `search()` that ranks at most MAX_RANKED matches.

    Subclasses define `_rank(config)`: (the pks of the ranked matches that the queryset
    lets through, best first; whether those are all the matches), ranking at most
    `max_ranked()`; autocomplete compilers set `suggests`.
    """

    suggests = False

    def max_ranked(self):
        return MAX_RANKED_SUGGESTIONS if self.suggests else MAX_RANKED

    def search(self, config, start, stop, score_field=None, **kwargs):
        query = self.query
        if not (self.order_by_relevance and score_field is None and isinstance(query, PlainText)):
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        unordered = self.queryset
        ranked, all_ranked = self.ranked(config)
        matches = self._unordered_matches(config, **kwargs)
        start = start or 0
        if stop is None:  # every match (a count, rare): all of them, ranked ones first
            if not ranked:
                return matches.order_by("-pk")[start:]
            return matches.order_by(position_order(ranked, default=len(ranked)), "-pk")[start:]
        ids = ranked[start:stop]
        if len(ids) < stop - start and not all_ranked:  # the others by id
            offset = max(start - len(ranked), 0)
            others = matches.exclude(pk__in=ranked).values_list("pk", flat=True)
            ids += list(others[offset : offset + stop - start - len(ids)])
        if not ids:
            return unordered.none()
        return unordered.filter(pk__in=ids).order_by(position_order(ids))

    def ranked(self, config):
        """(pks of the ranked matches, best first; whether those are all the matches), once
        per search: every page of the results and its count share them."""
        if not hasattr(self, "_ranked"):
            self._ranked = self._rank(config)
        return self._ranked

    def _unordered_matches(self, config, **kwargs):
        """Every match the queryset lets through, in no particular order."""
        self.order_by_relevance = False
        try:
            return super().search(config, None, None, **kwargs)
        finally:
            self.order_by_relevance = True
