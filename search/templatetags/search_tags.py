"""Search results with the visitor's words marked (`{{ text|highlight:query }}`)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text import WORD_RE, expand_aliases, fold, terms
from search.words import MIN_TYPED_PREFIX, light_stem

register = template.Library()


@register.filter
def highlight(text, query):
    """`text`, escaped, with the words the search matched in <mark>.

    Matched as the search matches: without accents, a plural ending dropped and as a
    prefix ("coöp" marks "Coöperatie"), a common municipality name marks the official one.
    """
    text = str(text or "")
    words = terms(query)
    words += expand_aliases(words)
    prefixes = {light_stem(word) for word in words if len(word) >= MIN_TYPED_PREFIX}
    exact = {word for word in words if len(word) < MIN_TYPED_PREFIX}
    parts, end = [], 0
    for match in WORD_RE.finditer(text):
        folded = fold(match.group())
        if folded in exact or any(folded.startswith(prefix) for prefix in prefixes):
            parts += [escape(text[end : match.start()]), f"<mark>{escape(match.group())}</mark>"]
            end = match.end()
    parts.append(escape(text[end:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above
