"""Wagtail's database search backend, made Dutch.

Configured in settings as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backend"``.
It picks the same backend as ``wagtail.search.backends.database`` (PostgreSQL,
SQLite FTS5 or the plain fallback) and adds:

- one query handling for every caller (`search.text.dutch_query`): only words
  reach the database, diacritics are folded, municipality aliases expanded;
- singular and plural find each other: a search word loses one Dutch plural
  ending and matches as a prefix ("coöperaties" → ``cooperatie*``). PostgreSQL's
  Snowball stemmer alone does not do this (it keeps "cooperaties" after a vowel),
  and SQLite's FTS5 has no Dutch stemmer at all;
- PostgreSQL: ``SEARCH_CONFIG`` (``dutch_unaccent``: Dutch stemming on unaccented
  words) and ``AUTOCOMPLETE_CONFIG`` (``simple_unaccent``), both created by the
  migration ``search/0001``;
- SQLite: the FTS5 table's ``unicode61 remove_diacritics 2`` tokenizer
  (migration ``search/0001``) folds accents on both sides;
- both: at most ``search.ranking.MAX_RANKED`` matches (fewer for suggestions) are put
  in relevance order, so a broad word costs about as much as a rare one; `count_up_to`
  counts the matches of a search only as far as a page needs them.
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.postgres import postgres_backend
from search.ranking import BoundedRankingMixin
from search.words import DutchQueryMixin, combine_words

#: How much more a word in the title weighs than one in the body (SQLite; PostgreSQL uses
#: the search fields' boosts).
SQLITE_TITLE_WEIGHT = 10.0


@cache
def _sqlite_backend(base_class):
    from modelsearch.backends.database.sqlite.query import (
        BM25,
        Lexeme,
        SearchQueryExpression,
        SQLiteFTSIndexEntry,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        MatchExpression,
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )

    class TitleWeightedBM25(BM25):
        """bm25() with column weights (autocomplete, body, title): a word in the title counts more.

        modelsearch calls bm25() unweighted, which ranks a long body above a matching title.
        """

        def as_sql(self, compiler, connection, function=None, template=None):
            table = SQLiteFTSIndexEntry._meta.db_table
            return f"bm25({table}, 0.0, 1.0, {SQLITE_TITLE_WEIGHT})", []

    class SQLiteRanking(BoundedRankingMixin):
        """Relevance order from one pass over the FTS index instead of one per result.

        modelsearch orders by a correlated subquery that re-runs the full-text match for
        every matching row: 25 s for "coöperatie" among 10,000 coöperaties. Here FTS5
        ranks its best MAX_RANKED matches in one query and the ones the queryset allows
        (live, public, type, …) are picked by id.
        """

        def _rank(self, config):
            model = self.queryset.model
            search_query = self.build_search_query(self.query, config=config)
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            best = (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score")
                .values_list("index_entry__object_id", flat=True)[: self.max_ranked()]
            )
            to_pk = model._meta.pk.to_python
            object_ids = list(best)
            pks = list(dict.fromkeys(to_pk(object_id) for object_id in object_ids))
            if not pks:
                return [], True
            allowed = set(self.queryset.filter(pk__in=pks).values_list("pk", flat=True))
            return [pk for pk in pks if pk in allowed], len(object_ids) < self.max_ranked()

    class DutchSQLiteSearchResults(SQLiteSearchResults):
        def _do_count(self):
            """Count the matches without ranking them."""
            compiler = self.query_compiler
            ordered, compiler.order_by_relevance = compiler.order_by_relevance, False
            try:
                return compiler.search(compiler.get_config(self.backend), None, None).count()
            finally:
                compiler.order_by_relevance = ordered

    class DutchSQLiteSearchQueryCompiler(SQLiteRanking, SQLiteSearchQueryCompiler):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, PlainText):
                return TitleWeightedBM25() * boost if boost != 1.0 else TitleWeightedBM25()
            return super().build_tsrank(vector, query, config=config, boost=boost)

        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            combined = combine_words(query, lambda word, prefix: Lexeme(word, prefix=prefix))
            if combined is None:
                return None
            return SearchQueryExpression(combined, config=config)

    class DutchSQLiteAutocompleteQueryCompiler(SQLiteRanking, SQLiteAutocompleteQueryCompiler):
        suggests = True

    class DutchSQLiteSearchBackend(DutchQueryMixin, base_class):
        query_compiler_class = DutchSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = DutchSQLiteAutocompleteQueryCompiler
        results_class = DutchSQLiteSearchResults

    return DutchSQLiteSearchBackend


@cache
def _other_backend(base_class):
    return type(f"Dutch{base_class.__name__}", (DutchQueryMixin, base_class), {})


def count_up_to(results, limit):
    """How many `results` there are, counted no further than limit + 1: a page that shows
    "more than `limit`" needn't count every match of a broad word."""
    counter = getattr(results, "count_up_to", None)
    return counter(limit) if counter is not None else min(results.count(), limit + 1)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend_class = type(DatabaseSearchBackend(params))
    module = backend_class.__module__
    if module.endswith(".postgres.postgres"):
        return postgres_backend(backend_class)(params)
    if module.endswith(".sqlite.sqlite"):
        return _sqlite_backend(backend_class)(params)
    return _other_backend(backend_class)(params)
