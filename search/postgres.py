"""The Dutch search backend on PostgreSQL (search.backend picks it): Dutch queries,
title and body matched apart where that means the same, and bounded ranking.

See search.words for the Dutch query handling and search.ranking for the ranking.
"""

from functools import cache

from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.ranking import BoundedRankingMixin
from search.words import DutchQueryMixin, combine_words, typed_prefix


@cache
def postgres_backend(base_class):
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import BooleanField, ExpressionWrapper, F, Func, Q, TextField
    from django.db.models.functions import Cast

    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    class DutchPostgresMatching(PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if not isinstance(query, PlainText):
                return super().build_tsquery_content(query, config=config, invert=invert)

            def lexeme(word, prefix):
                return Lexeme(word, invert=invert, prefix=prefix)

            words = query.query_string.split()
            typed = typed_prefix(words)
            if typed is None:
                combined = combine_words(query, lexeme)
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
                combine_words(rest, lexeme, typing=False), search_type="raw", config=config
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
                and matches_in_one_vector(query)
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

    def matches_in_one_vector(query):
        """One word, or words joined by OR: a match in the title or the body alone is one."""
        return query.operator == "or" or len(query.query_string.split()) == 1

    class TSMatch(Func):
        """``vector @@ query`` as a boolean expression."""

        arg_joiner = " @@ "
        template = "(%(expressions)s)"
        output_field = BooleanField()
        conditional = True

    class PostgresRanking(BoundedRankingMixin):
        """PostgreSQL has no index that yields the best matches first (ranking is a ts_rank
        per matching row), so the matches are first looked up in the index table alone,
        without the join to the pages, stopping after MAX_RANKED + 1. When those are all,
        all are ranked; otherwise the first title matches found, then the others."""

        def search(self, config, start, stop, score_field=None, backend=None):
            if self.fields is not None:  # a search in model fields, not in the index table
                return super(BoundedRankingMixin, self).search(
                    config, start, stop, score_field=score_field, backend=backend
                )
            return super().search(config, start, stop, score_field=score_field, backend=backend)

        def matching_ids(self, config, limit, title_only=False):
            """Up to `limit` pks with a matching index entry (draft and private ones too).

            Kept per search: the count asks first, for more, and the ranking reuses them.
            """
            known = getattr(self, "_found", {}).get(title_only)
            if known is not None and known[0] >= limit:
                return [pk for pk, _entry in known[1][:limit]]
            search_query = self.build_tsquery(self.query, config=config)
            if search_query is None:
                return []
            columns = [column for column, _boost in self._entry_vectors(search_query)]
            if title_only:
                columns = columns[:1]
            if title_only or len(columns) == 1 or matches_in_one_vector(self.query):
                matches = Q()
                for column in columns:
                    matches |= Q(TSMatch(column, search_query))
            else:  # every word, in the title or the body: as modelsearch matches them
                combined = columns[0]
                for column in columns[1:]:
                    combined = combined._combine(column, "||", False)
                matches = Q(TSMatch(combined, search_query))
                # ...after each word on its own, in either column, which the indexes find
                # (the concatenation has no index).
                for word in self.query.query_string.split():
                    each = self.build_tsquery(PlainText(word), config=config)
                    if each is not None:
                        matches &= Q(TSMatch(columns[0], each)) | Q(TSMatch(columns[1], each))
            to_pk = self.queryset.model._meta.pk.to_python
            rows = self._entries().filter(matches).values_list("object_id", "pk")[:limit]
            found = [(to_pk(object_id), entry) for object_id, entry in rows]
            self._found = {**getattr(self, "_found", {}), title_only: (limit, found)}
            return [pk for pk, _entry in found]

        def _entries(self):
            model = self.queryset.model
            return model._meta.get_field("index_entries").related_model.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(model)
            )

        def _entry_vectors(self, search_query):
            """The index vectors and their boosts as columns of the index table itself."""

            def column(value):
                if isinstance(value, F):
                    return F(value.name.removeprefix("index_entries__"))
                return value

            return [
                (column(vector), column(boost))
                for vector, boost in self.get_index_vectors(search_query)
            ]

        def _rank(self, config):
            found = self.matching_ids(config, self.max_ranked() + 1)
            complete = len(found) <= self.max_ranked()
            if not complete and len(self.get_index_vectors(None)) > 1:
                titled = self.matching_ids(config, self.max_ranked(), title_only=True)
                found = titled + found
            pool = list(dict.fromkeys(found))[: self.max_ranked()]
            if not pool:
                return [], True
            # Ranked in the index table, the pool's entries read by primary key: a join from
            # the pages (the id cast to text) would hash every match of the word first.
            entry_of = {pk: entry for _limit, rows in self._found.values() for pk, entry in rows}
            search_query = self.build_tsquery(self.query, config=config)
            rank = self._build_rank_expression(self._entry_vectors(search_query), config)
            allowed = self.queryset.filter(pk__in=pool).annotate(
                _object_id_=Cast("pk", TextField())
            )
            scored = (
                self._entries()
                .filter(pk__in=[entry_of[pk] for pk in pool])
                .filter(object_id__in=allowed.values("_object_id_"))
                .annotate(_score_=rank)
                .values_list("object_id", "_score_")
            )
            to_pk = self.queryset.model._meta.pk.to_python
            best = sorted(((score, to_pk(pk)) for pk, score in scored), reverse=True)
            return [pk for _score, pk in best], complete

    class DutchPostgresSearchQueryCompiler(PostgresRanking, DutchPostgresMatching):
        pass

    class DutchPostgresAutocompleteQueryCompiler(
        PostgresRanking, PostgresAutocompleteQueryCompiler
    ):
        suggests = True

    class DutchPostgresSearchResults(PostgresSearchResults):
        def count_up_to(self, limit):
            """The count when it is at most `limit`, else limit + 1, from at most limit + 1
            index entries instead of every match."""
            compiler = self.query_compiler
            if compiler.fields is not None or not isinstance(compiler.query, PlainText):
                return min(self.count(), limit + 1)
            config = compiler.get_config(self.backend)
            found = compiler.matching_ids(config, limit + 1)
            if len(found) <= compiler.max_ranked():  # the ranking, which the page needs, counts
                ranked, complete = compiler.ranked(config)
                if complete:
                    return min(len(ranked), limit + 1)
            count = compiler.queryset.filter(pk__in=found).count()
            if len(found) <= limit or count > limit:
                return count
            return min(self.count(), limit + 1)  # drafts among them: count them all

    class DutchPostgresSearchBackend(DutchQueryMixin, base_class):
        query_compiler_class = DutchPostgresSearchQueryCompiler
        autocomplete_query_compiler_class = DutchPostgresAutocompleteQueryCompiler
        results_class = DutchPostgresSearchResults

        def __init__(self, params):
            super().__init__(params)
            self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG", self.autocomplete_config)

    return DutchPostgresSearchBackend
