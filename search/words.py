"""Dutch search words: what a query's words become in the database's full-text query.

Shared by both database backends (search.backend for SQLite, search.postgres): one
plural ending dropped, the word being typed matched as a prefix, and `DutchQueryMixin`,
which sends every query through `search.text.dutch_query` first.
"""

from modelsearch.backends.base import EmptySearchResults

from search.text import dutch_query

#: Dutch plural/genitive endings dropped on SQLite, longest first.
PLURAL_ENDINGS = ("'s", "en", "s")
#: A stem shorter than this is matched exactly (a prefix "wet*" would also find "wethouder").
MIN_PREFIX_STEM = 5
#: ...except the query's last word, which may be still being typed: from this many letters
#: it is a prefix ("coöp" finds "coöperatie", "Bred" finds Breda).
MIN_TYPED_PREFIX = 3


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


def combine_words(query, make_lexeme, typing=True):
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
