"""The theme a topic cue introduces: 'lutter contre la sédentarité', 'concerns about
overfishing'. The cue phrases live in ``data/cued_names.json`` (``topic_cues``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.candidates import LEXICON_KEY
from kg.extract.resources import function_words
from kg.extract.text import DETERMINERS

GENITIVES = function_words("genitives")  # a complement that is part of a theme
RELATIONAL = function_words("relational_heads")  # 'la place des pères' is no theme


def theme_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """(start, end) of the lower-case noun and its adjectives after a cue ending at ``end``;
    a bare noun keeps its complement ('le blanchissement des coraux') or must be a lexicon
    concept: alone, 'Blanchissement' or 'Responsabilité' names no theme a reader would
    recognise, and an unlisted French noun would reach the English app untranslated."""
    i = end
    while i < len(doc) and doc[i].lower_ in DETERMINERS:
        i += 1
    start = i
    while i + 1 < len(doc) and i - start < 2 and _lower(doc[i], "ADJ") and (
            _lower(doc[i + 1], "ADJ") or _lower(doc[i + 1], "NOUN")):
        i += 1  # "mental health": English puts the adjective first
    if i >= len(doc) or not _lower(doc[i], "NOUN") or doc[i].lower_ in RELATIONAL:
        return None
    while i + 1 < len(doc) and i - start < 2 and _lower(doc[i + 1], "NOUN"):
        i += 1  # "job security", "climate grief": an English compound
    j = _adjectives(doc, i + 1)
    if j - 1 > i and j < len(doc) and doc[j].pos_ == "ADP" and doc[j].lower_ not in GENITIVES:
        j -= 1  # "le plomb présent dans l'eau": the adjective heads its own phrase
    if j == start + 1 and (complement := _complement(doc, j)) is not None:
        j = complement
    if j == start + 1 and not _listed(doc, start, j):
        return None  # 'la question du plomb': a bare noun is a theme only when listed
    return start, j


def _lower(token: Token, pos: str) -> bool:
    return token.pos_ == pos and token.is_lower


def _listed(doc: Doc, start: int, end: int) -> bool:
    """A lexicon concept covers the span, which also gives the theme its English name."""
    return any(s.start <= start and end <= s.end for s in doc.spans.get(LEXICON_KEY, []))


def _adjectives(doc: Doc, j: int) -> int:
    while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j += 1
    return j


def _complement(doc: Doc, j: int) -> int | None:
    """End of 'des coraux', 'des récifs coralliens', 'of plastic' after a bare noun."""
    if j >= len(doc) or doc[j].lower_ not in GENITIVES:
        return None
    k = j + 1
    if k < len(doc) and doc[k].lower_ in DETERMINERS:
        k += 1
    if k >= len(doc) or doc[k].pos_ != "NOUN" or not doc[k].is_lower:
        return None
    return _adjectives(doc, k + 1)
