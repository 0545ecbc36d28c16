"""What a visitor typed, turned into a safe Dutch search query.

Every search (the search page, the suggestions, the API and the Wagtail admin)
goes through `dutch_query` via the search backend in `search.backend`, so all
of them treat diacritics, punctuation and municipality names the same way.
"""

import re
import unicodedata
from functools import cache

from modelsearch.query import Or, PlainText

from coops.aliases import MUNICIPALITY_ALIASES

#: Characters of a query that are looked at; the rest is ignored, never an error.
MAX_QUERY_LENGTH = 200
#: Words of a query that are searched for.
MAX_TERMS = 10
#: Longest word kept (no Dutch word is longer; a 2,000-character "word" is noise).
MAX_TERM_LENGTH = 40

WORD_RE = re.compile(r"[^\W_]+")


def clean(text):
    """The query as shown back to the visitor: no control characters, one space, bounded."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def fold(text):
    """Lower case without diacritics: "Coöperatie" → "cooperatie"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def terms(text):
    """The folded words of a query, at most MAX_TERMS."""
    words = WORD_RE.findall(fold(clean(text)))
    return [word[:MAX_TERM_LENGTH] for word in words][:MAX_TERMS]


@cache
def _folded_aliases():
    """[(alias words, official-name words)], longest alias first."""
    aliases = []
    for alias, official in MUNICIPALITY_ALIASES.items():
        alias_words = tuple(WORD_RE.findall(fold(alias)))
        # "'s-Hertogenbosch" → ("hertogenbosch",): the "s" alone would match too much.
        official_words = tuple(word for word in WORD_RE.findall(fold(official)) if len(word) > 1)
        if alias_words and official_words and alias_words != official_words:
            aliases.append((alias_words, official_words))
    return sorted(aliases, key=lambda item: -len(item[0]))


def expand_aliases(words):
    """The words with each common municipality name replaced by its official one.

    ["conferentie", "den", "bosch"] → ["conferentie", "hertogenbosch"].
    Returns the words unchanged when they contain no alias.
    """
    words = list(words)
    for alias_words, official_words in _folded_aliases():
        size = len(alias_words)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == alias_words:
                words[start : start + size] = official_words
                break
    return words


def dutch_query(text, operator=None):
    """A modelsearch query for what a visitor typed, or None when nothing searchable is left.

    Punctuation, quotes, operators and control characters never reach the
    database: only words do. A query that names a municipality by its common
    name also finds pages that use the official name ("Den Bosch" finds
    "'s-Hertogenbosch"). `operator` is "and" (default) or "or"; anything else
    raises ValueError, as modelsearch does.
    """
    operator = (operator or "and").lower()
    words = terms(text)
    if not words:
        if operator not in PlainText.OPERATORS:
            raise ValueError("`operator` must be either 'or' or 'and'.")
        return None
    queries = [PlainText(" ".join(words), operator=operator)]
    expanded = expand_aliases(words)
    if expanded != words:
        queries.append(PlainText(" ".join(expanded), operator=operator))
    return queries[0] if len(queries) == 1 else Or(queries)
