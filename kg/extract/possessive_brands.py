"""Brands named with a possessive: "the London tie maker Drake's has become…".

Many shops and labels carry a founder's name with 's (Drake's, Levi's, Sainsbury's). When
a description of a business ends right before such a name and the 's is not a possessive
(a verb or punctuation follows, not the thing owned), the name is the brand, even where
the lexicon or the model knows a person of that name. The description words are
``possessive_brand_heads`` in ``data/cues.json``.
"""

from __future__ import annotations

import functools

from spacy.tokens import Span

from kg.extract.candidates import info, make_candidate
from kg.extract.resources import cues
from kg.ontology import load_ontology

CLASS = load_ontology().names
APOSTROPHE_S = frozenset(["'s", "’s"])
NOT_OWNED = frozenset(["AUX", "VERB", "PUNCT", "CCONJ", "ADP", "SCONJ"])


@functools.cache
def _heads() -> frozenset[str]:
    return frozenset(w.lower() for w in cues()["possessive_brand_heads"])


def possessive_brands(spans: list[Span]) -> list[Span]:
    """``spans`` with each described person name + 's turned into a brand."""
    return [_as_brand(s) or s for s in spans]


def _as_brand(span: Span) -> Span | None:
    doc = span.doc
    if info(span).type != CLASS.Person or span.start == 0 or span.end + 1 >= len(doc):
        return None
    if doc[span.start - 1].lower_ not in _heads() or doc[span.end].lower_ not in APOSTROPHE_S:
        return None
    if doc[span.end + 1].pos_ not in NOT_OWNED:
        return None  # "the label Drake's ties": the ties are Drake's, a possessive
    end = span.end + 1
    return make_candidate(doc, span.start, end, type_=CLASS.Brand, source=info(span).source,
                          rule="possessive-brand", confidence=0.8, name=doc[span.start:end].text)
