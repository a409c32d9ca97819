"""Typed candidate spans passed between the pipeline components.

A candidate is a plain spaCy ``Span`` so it survives ``nlp.pipe`` with several
processes (span groups serialise; custom Python objects in ``user_data`` do not):
``label_`` is the ontology class, ``kb_id_`` the proposed canonical name, and
``id_`` packs ``source/rule/confidence``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Span

LEXICON_KEY = "tg_lexicon"
REJECTED_KEY = "tg_lexicon_rejected"
PATTERN_KEY = "tg_patterns"
NER_KEY = "tg_ner"
ENTITY_KEY = "tg_entities"

SOURCE_RANK = {"lexicon": 3, "pattern": 2, "propagated": 2, "ner": 1}


@dataclass(frozen=True, slots=True)
class CandidateInfo:
    type: str
    source: str
    rule: str
    confidence: float
    name: str


def make_candidate(
    doc: Doc,
    start: int,
    end: int,
    *,
    type_: str,
    source: str,
    rule: str,
    confidence: float,
    name: str = "",
) -> Span:
    """A typed span; ``name`` is the canonical name it proposes ('' = decide later)."""
    span_id = f"{source}/{rule}/{confidence:.2f}"
    return Span(doc, start, end, label=type_, kb_id=name or "", span_id=span_id)


def info(span: Span) -> CandidateInfo:
    """Decode what :func:`make_candidate` packed into the span."""
    return _decode(span.label_, span.id_, span.kb_id_)


@functools.lru_cache(maxsize=16384)
def _decode(label: str, packed: str, name: str) -> CandidateInfo:
    source, rule, confidence = (packed or "ner/unknown/0.5").rsplit("/", 2)
    return CandidateInfo(type=label, source=source, rule=rule, confidence=float(confidence),
                         name=name)


def with_info(span: Span, **changes: object) -> Span:
    """A copy of ``span`` with some of its packed fields replaced."""
    current = info(span)
    start = int(changes.pop("start", span.start))  # type: ignore[call-overload]
    end = int(changes.pop("end", span.end))  # type: ignore[call-overload]
    fields = {
        "type_": current.type,
        "source": current.source,
        "rule": current.rule,
        "confidence": current.confidence,
        "name": current.name,
    }
    fields.update({("type_" if k == "type" else k): v for k, v in changes.items()})
    return make_candidate(span.doc, start, end, **fields)  # type: ignore[arg-type]


def common_word_at_start(span: Span) -> bool:
    """'Mermaids gather in pods' in a text that also says 'professional mermaids'.

    One sense per document holds for a name, but a capital at the start of a sentence
    says nothing, and a document that writes the word in lower case elsewhere uses the
    common noun: such a mention is the word, even where the same text names the charity.
    """
    if len(span) != 1 or span.start != span.sent.start:
        return False
    lower = span.text.lower()
    return lower != span.text and any(t.text == lower for t in span.doc)
