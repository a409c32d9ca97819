"""What is never an entity: single letters, numbers, generic words, broken spans.

Statistical NER on blog posts returns headings glued to the next sentence
("Blockout2024\\n\\nAudience"), role words glued to names ("YouTubeur Mister V") and
plain words ("Monde", "VS"). These helpers repair a span when it can be repaired
and reject it otherwise; the word lists are in ``data/noise.json`` and
``data/titles.json``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from kg.extract.resources import name_particles, noise_words, stop_words, title_words
from kg.extract.text import DETERMINERS, QUOTES_CLOSE, QUOTES_OPEN
from kg.model import fold
from kg.ontology import load_ontology

CLASS = load_ontology().names

NAME_PARTICLES = name_particles(joiners=True)


@functools.lru_cache(maxsize=16384)
def is_noise_name(name: str, lang: str, *, type_: str = "") -> bool:
    """A name that cannot be an entity whatever the context."""
    folded = fold(name)
    compact = folded.replace(" ", "")
    if len(compact) < 2 or compact.isdigit() or not re.search(r"[a-z]", compact):
        return True
    if len(compact) == 2 and type_ not in (CLASS.Brand, CLASS.Platform, CLASS.Organization):
        return True
    if folded in noise_words(lang):
        return True
    words = folded.split()
    return all(w in stop_words(lang) for w in words)


def split_at_breaks(span: Span) -> Span | None:
    """The part of a span on one line; a span glued across a blank line is a heading + text.

    The piece kept is the one holding a proper noun (the name), else the first.
    """
    doc = span.doc
    if _one_line(span):
        return doc[span.start:span.end]
    pieces: list[tuple[int, int]] = []
    start = span.start
    for token in span:
        if token.is_space:
            if token.i > start:
                pieces.append((start, token.i))
            start = token.i + 1
        elif "\n" in token.whitespace_:
            pieces.append((start, token.i + 1))
            start = token.i + 1
    if start < span.end:
        pieces.append((start, span.end))
    pieces = [(a, b) for a, b in pieces if b > a]
    if not pieces:
        return None
    if len(pieces) == 1:
        return doc[pieces[0][0]:pieces[0][1]]
    with_name = [(a, b) for a, b in pieces if any(t.pos_ == "PROPN" for t in doc[a:b])]
    a, b = (with_name or pieces)[0]
    return doc[a:b]


def _one_line(span: Span) -> bool:
    """No space token and no line break inside: :func:`split_at_breaks` keeps it whole.

    Read from the text (no token walked): a space token shows as a space at an edge or
    two spaces in a row, any other whitespace is not printable (a token whose text is not
    printable for another reason, an emoji joiner, takes the token walk).
    """
    text = span.text
    return bool(text) and text.isprintable() and "  " not in text and (
        text[0] != " " and text[-1] != " ")


def trim(span: Span, lang: str, *, type_: str) -> Span | None:
    """Cut role words, determiners, quotes and punctuation off the edges of a proper-name span."""
    cut = split_at_breaks(span)
    if cut is None:
        return None
    span = cut
    doc = span.doc
    start, end = span.start, span.end
    titles = title_words(lang)
    strip_front = titles if type_ == CLASS.Person else frozenset()
    while start < end and (
        doc[start].is_punct or doc[start].text in QUOTES_OPEN or doc[start].is_space
        or doc[start].lower_ in strip_front
        or (type_ != CLASS.CreativeWork and _article(doc[start]))
    ):
        start += 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in (")",)) or doc[end - 1].is_space
        or doc[end - 1].text in QUOTES_CLOSE or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
    if end <= start:
        return None
    # French tokenises "Levi's" as "Levi'" + "s": put the s back
    if doc[end - 1].text.endswith(("'", "’")) and end < len(doc) and doc[end].text == "s":
        end += 1
    return doc[start:end]


def _article(token: Token) -> bool:
    """A determiner to cut: lowercase, or capitalised only where a sentence starts.

    A capitalised article inside a sentence belongs to the name ("The North Face").
    """
    if token.lower_ not in DETERMINERS:
        return False
    return token.text.islower() or bool(token.is_sent_start)


def has_title_before(span: Span, lang: str) -> bool:
    """Is the name introduced by a role word right before it ('la créatrice Haley Kalil')?"""
    if span.start == 0:
        return False
    return span.doc[span.start - 1].lower_ in title_words(lang)


def looks_like_person(span: Span, lang: str, *, is_native: Callable[[str], bool],
                      known_parts: frozenset[str] = frozenset()) -> bool:
    """A person's name is capitalised, has no function word, and a lone word is not a common word.

    ``known_parts`` are the words of full names elsewhere in the document: "Kalil"
    alone is a person when "Haley Kalil" is named too.
    """
    words = [t for t in span if not t.is_punct and (t.is_alpha or "-" in t.text or "." in t.text)]
    if not words:
        return False
    if len(words) >= 2 and len({t.lower_ for t in words}) == 1:
        return False  # "Miu Miu": a doubled word is a label, not a first and last name
    stops = stop_words(lang)
    for token in words:
        if token.lower_ in NAME_PARTICLES:
            continue
        if not token.text[:1].isupper() or token.lower_ in stops:
            return False
    if len(words) == 1:
        token = words[0]
        if token.text.rstrip(".").lower() in known_parts:
            return True
        if token.is_sent_start and token.pos_ != "PROPN":
            return False
        if token.pos_ in ("VERB", "AUX", "ADJ", "ADV", "PRON", "DET", "ADP") or token.is_upper:
            return False
        if is_native(token.text):
            return False  # "Satire", "Pearl": a common word, not a name on its own
    return True


def is_proper(span: Span) -> bool:
    """Proper names start with a capital, a digit or '#'.

    Lowercase brands ('adidas') come from the lexicon, not from NER.
    """
    first = span.text[:1]
    return first.isupper() or first.isdigit() or first in "#@"
