"""A heading's name that the body shows to be something else is not a trend.

The heading rule (kg/extract/headings.py) reads a short name in an article's first line
as the trend it is about. When the body gives the same name another type on firmer
evidence, the title was naming that: a work its cue announces (« Kaizen », le
documentaire), a known town (Capri), a name the lexicon holds. The heading candidate,
the weakest of all (a title, no cue), then yields everywhere in the document.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract.candidates import info
from kg.extract.text import key

HEADING_RULE = "heading"
FIRM_NER = ("+cue", "+known")


def drop_contested_headings(candidates: list[Span]) -> list[Span]:
    """``candidates`` without the heading spans whose name the body types otherwise."""
    headings = [s for s in candidates if info(s).rule == HEADING_RULE]
    if not headings:
        return candidates
    other: dict[str, set[str]] = {}
    for span in candidates:
        meta = info(span)
        if meta.rule == HEADING_RULE or (meta.source == "ner" and not meta.rule.endswith(FIRM_NER)):
            continue
        for name in {span.text, meta.name}:
            if name:
                other.setdefault(key(name), set()).add(meta.type)
    contested = {id(s) for s in headings
                 if other.get(key(s.text), set()) - {info(s).type}
                 and info(s).type not in other.get(key(s.text), set())}
    return [s for s in candidates if id(s) not in contested]
