"""The theme a topic cue introduces: 'lutter contre la sédentarité', 'concerns about
overfishing'. The cue phrases live in ``data/cued_names.json`` (``topic_cues``)."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.text import DETERMINERS

GENITIVES = frozenset(["de", "du", "des", "d'", "d’", "of"])  # a complement that is part of a theme


def theme_after(doc: Doc, end: int) -> tuple[int, int] | None:
    """(start, end) of the lower-case noun and its adjectives after a cue ending at ``end``."""
    i = end
    while i < len(doc) and doc[i].lower_ in DETERMINERS:
        i += 1
    if i >= len(doc) or doc[i].pos_ != "NOUN" or not doc[i].is_lower:
        return None
    j = i + 1
    while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j += 1
    if j - 1 > i and j < len(doc) and doc[j].pos_ == "ADP" and doc[j].lower_ not in GENITIVES:
        j -= 1  # "le plomb présent dans l'eau": the adjective heads its own phrase
    return i, j
