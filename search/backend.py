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
  (migration ``search/0001``) folds accents on both sides.
"""

from functools import cache

from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import PlainText

from search.text import dutch_query

#: Dutch plural/genitive endings dropped on SQLite, longest first.
PLURAL_ENDINGS = ("'s", "en", "s")
#: A stem shorter than this is matched exactly (a prefix "wet*" would also find "wethouder").
MIN_PREFIX_STEM = 5
#: ...except the query's last word, which may be still being typed: from this many letters
#: it is a prefix ("coöp" finds "coöperatie", "Bred" finds Breda).
MIN_TYPED_PREFIX = 3
#: How much more a word in the title weighs than one in the body (SQLite; PostgreSQL uses
#: the search fields' boosts).
SQLITE_TITLE_WEIGHT = 10.0
#: SQLite: how many of the best matches are put in relevance order (ten pages of
#: ten and more); further matches follow by id. Keeps a broad search in one index pass.
MAX_RANKED = 500


def light_stem(word):
    """Drop one Dutch plural ending: "coöperaties" → "coöperatie", "uitkeringen" → "uitkering"."""
    for ending in PLURAL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_PREFIX_STEM:
            return word[: -len(ending)]
    return word


def typed_prefix(words):
    """The last word when it is matched only because it may still be typed, else None."""
    if not words:
        return None
    word = words[-1]
    if len(light_stem(word)) < MIN_PREFIX_STEM and len(word) >= MIN_TYPED_PREFIX:
        return word
    return None


def _combine_words(query, make_lexeme, typing=True):
    """The words of a PlainText query as backend lexemes, each a stem prefix where it can be,
    and the last word a prefix (the word being typed) unless `typing` is off."""
    lexemes = []
    words = query.query_string.split()
    typed = typed_prefix(words) if typing else None
    for position, word in enumerate(words, start=1):
        stem = light_stem(word)
        if len(stem) >= MIN_PREFIX_STEM:
            lexemes.append(make_lexeme(stem, True))
        elif position == len(words) and typed is not None:
            lexemes.append(make_lexeme(word, True))
        else:
            lexemes.append(make_lexeme(word, False))
    if not lexemes:
        return None
    combined = lexemes[0]
    for lexeme in lexemes[1:]:
        combined = combined & lexeme if query.operator == "and" else combined | lexeme
    return combined


class DutchQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            query = dutch_query(query, operator=kwargs.pop("operator", None))
            if query is None:
                return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@cache
def _postgres_backend(base_class):
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import BooleanField, ExpressionWrapper, Func, Q

    from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
    from modelsearch.backends.database.postgres.query import Lexeme

    class DutchPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)

            def lexeme(word, prefix):
                return Lexeme(word, invert=invert, prefix=prefix)

            words = query.query_string.split()
            typed = typed_prefix(words)
            if typed is None:
                combined = _combine_words(query, lexeme)
                return (
                    None
                    if combined is None
                    else SearchQuery(combined, search_type="raw", config=config)
                )
            # The Dutch stemmer may shorten a word being typed ("coop" → "cop", which no
            # longer starts "cooperatie"): that prefix matches stemmed or unstemmed (the
            # words are folded already), the others as usual.
            typing = SearchQuery(
                lexeme(typed, True), search_type="raw", config=config
            ) | SearchQuery(lexeme(typed, True), search_type="raw", config="simple")
            if len(words) == 1:
                return typing
            rest = PlainText(" ".join(words[:-1]), operator=query.operator)
            others = SearchQuery(
                _combine_words(rest, lexeme, typing=False), search_type="raw", config=config
            )
            return others & typing if query.operator == "and" else others | typing

        def search(self, config, start, stop, score_field=None, backend=None):
            """Match the title and the body each, instead of their concatenation.

            modelsearch filters on ``title || body @@ query``: PostgreSQL builds the
            concatenated vector for every row and can use neither GIN index. For one
            word, or words joined by OR, ``title @@ q OR body @@ q`` means the same
            (positions don't matter without phrase operators), takes half the time
            for a broad word and can use the indexes for a rare one. Words that must
            all match (AND) may be split over title and body, so those keep the
            concatenation.
            """
            query = self.query
            if not (
                isinstance(query, PlainText)
                and self.fields is None
                and (query.operator == "or" or len(query.query_string.split()) == 1)
            ):
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            search_query = self.build_tsquery(query, config=config)
            vectors = self.get_search_vectors(search_query)
            matches = Q()
            for vector, _boost in vectors:
                matches |= Q(TSMatch(vector, search_query))
            # An alias (not a filter) shares the join to the index with the ranking.
            queryset = self.queryset.alias(
                _match_=ExpressionWrapper(matches, output_field=BooleanField())
            ).filter(_match_=True)
            rank_expression = self._build_rank_expression(vectors, config)
            return self._apply_ordering_and_scoring(
                queryset, rank_expression, start, stop, score_field
            )

    class TSMatch(Func):
        """``vector @@ query`` as a boolean expression."""

        arg_joiner = " @@ "
        template = "(%(expressions)s)"
        output_field = BooleanField()
        conditional = True

    class DutchPostgresSearchBackend(DutchQueryMixin, base_class):
        query_compiler_class = DutchPostgresSearchQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", self.autocomplete_config)

    return DutchPostgresSearchBackend


@cache
def _sqlite_backend(base_class):
    from django.db.models import Case, IntegerField, Value, When

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
        get_descendants_content_types_pks,
    )

    class TitleWeightedBM25(BM25):
        """bm25() with column weights (autocomplete, body, title): a word in the title counts more.

        modelsearch calls bm25() unweighted, which ranks a long body above a matching title.
        """

        def as_sql(self, compiler, connection, function=None, template=None):
            table = SQLiteFTSIndexEntry._meta.db_table
            return f"bm25({table}, 0.0, 1.0, {SQLITE_TITLE_WEIGHT})", []

    class RankInOnePassMixin:
        def search(self, config, start, stop, score_field=None):
            """Relevance order from one pass over the FTS index instead of one per result.

            modelsearch orders by a correlated subquery that re-runs the full-text
            match for every matching row: 25 s for "coöperatie" among 10,000
            coöperaties. Here the best MAX_RANKED matches are ranked in one query,
            the ones the queryset allows (live, public, type, …) are picked by id,
            and the requested slice is read by id; further matches follow by id.
            """
            query = self.query
            if not (
                self.order_by_relevance and score_field is None and isinstance(query, PlainText)
            ):
                return super().search(config, start, stop, score_field=score_field)
            unordered = self.queryset
            self.order_by_relevance = False
            try:
                matches = super().search(config, None, None)
            finally:
                self.order_by_relevance = True
            ranked = getattr(self, "_ranked", None)
            if ranked is None:  # once per search: every page of the results shares it
                best, self._all_ranked = self._rank(query, config)
                ranked = self._ranked = self._allowed(unordered, best)
            start = start or 0
            if stop is None:  # every match (rare): order all of them by rank position
                return matches.order_by(_position_order(ranked, default=len(ranked)), "-pk")[start:]
            ids = ranked[start:stop]
            if len(ids) < stop - start and not self._all_ranked:  # the others by id
                offset = max(start - len(ranked), 0)
                others = matches.exclude(pk__in=ranked).values_list("pk", flat=True)
                ids += list(others[offset : offset + stop - start - len(ids)])
            if not ids:
                return unordered.none()
            return unordered.filter(pk__in=ids).order_by(_position_order(ids))

        def _rank(self, query, config):
            """(object pks of the best MAX_RANKED matches, best first; whether that is all)."""
            model = self.queryset.model
            search_query = self.build_search_query(query, config=config)
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            ranked = (
                SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score")
                .values_list("index_entry__object_id", flat=True)[:MAX_RANKED]
            )
            to_pk = model._meta.pk.to_python
            object_ids = list(ranked)
            best = list(dict.fromkeys(to_pk(object_id) for object_id in object_ids))
            return best, len(object_ids) < MAX_RANKED

        @staticmethod
        def _allowed(queryset, ranked):
            """The ranked pks that the queryset lets through (live, public, type, …), in order."""
            if not ranked:
                return []
            allowed = set(queryset.filter(pk__in=ranked).values_list("pk", flat=True))
            return [pk for pk in ranked if pk in allowed]

    def _position_order(ids, default=None):
        """An ORDER BY expression that puts rows in the order of `ids`."""
        return Case(
            *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
            default=Value(default),
            output_field=IntegerField(),
        )

    class DutchSQLiteSearchResults(SQLiteSearchResults):
        def _do_count(self):
            """Count the matches without ranking them."""
            compiler = self.query_compiler
            ordered, compiler.order_by_relevance = compiler.order_by_relevance, False
            try:
                return compiler.search(compiler.get_config(self.backend), None, None).count()
            finally:
                compiler.order_by_relevance = ordered

    class DutchSQLiteSearchQueryCompiler(RankInOnePassMixin, SQLiteSearchQueryCompiler):
        def build_tsrank(self, vector, query, config=None, boost=1.0):
            if isinstance(query, PlainText):
                return TitleWeightedBM25() * boost if boost != 1.0 else TitleWeightedBM25()
            return super().build_tsrank(vector, query, config=config, boost=boost)

        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            combined = _combine_words(query, lambda word, prefix: Lexeme(word, prefix=prefix))
            if combined is None:
                return None
            return SearchQueryExpression(combined, config=config)

    class DutchSQLiteAutocompleteQueryCompiler(RankInOnePassMixin, SQLiteAutocompleteQueryCompiler):
        pass

    class DutchSQLiteSearchBackend(DutchQueryMixin, base_class):
        query_compiler_class = DutchSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = DutchSQLiteAutocompleteQueryCompiler
        results_class = DutchSQLiteSearchResults

    return DutchSQLiteSearchBackend


@cache
def _other_backend(base_class):
    return type(f"Dutch{base_class.__name__}", (DutchQueryMixin, base_class), {})


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend_class = type(DatabaseSearchBackend(params))
    module = backend_class.__module__
    if module.endswith(".postgres.postgres"):
        return _postgres_backend(backend_class)(params)
    if module.endswith(".sqlite.sqlite"):
        return _sqlite_backend(backend_class)(params)
    return _other_backend(backend_class)(params)
