"""Typed candidate spans passed between the pipeline components.

A candidate is a plain spaCy ``Span`` so it survives ``nlp.pipe`` with several
processes (span groups serialise; custom Python objects in ``user_data`` do not):
``label_`` is the ontology class, ``kb_id_`` the proposed canonical name, and
``id_`` packs ``source/rule/confidence``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.strings import StringStore
from spacy.tokens import Doc, Span

LEXICON_KEY = "tg_lexicon"
REJECTED_KEY = "tg_lexicon_rejected"
PATTERN_KEY = "tg_patterns"
NER_KEY = "tg_ner"
ENTITY_KEY = "tg_entities"
TEXT_KEY = "tg_text"

SOURCE_RANK = {"lexicon": 3, "pattern": 2, "propagated": 2, "ner": 1}


def doc_text(doc: Doc) -> str:
    """The document's text, joined once: spaCy rebuilds ``doc.text`` from its tokens on
    every access (~12 µs for a short post), and half the components read it."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


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
    return Span(doc, start, end, label=type_, kb_id=name or "",
                span_id=_packed(source, rule, confidence))


@functools.lru_cache(maxsize=4096)
def _packed(source: str, rule: str, confidence: float) -> str:
    """``source/rule/confidence`` as a span id: a few dozen distinct values, formatted once."""
    return f"{source}/{rule}/{confidence:.2f}"


DECODED: dict[tuple[int, int, int], CandidateInfo] = {}
DECODED_MAX = 16384


def info(span: Span) -> CandidateInfo:
    """Decode what :func:`make_candidate` packed into the span.

    Keyed by the fields' string-store hashes, which are cheaper to read than the
    strings: the components ask ~70 times per document. A hash is the same string in
    any store, so the store is only read on a miss.
    """
    known = DECODED.get((span.label, span.id, span.kb_id))
    if known is None:
        known = _decode(span.label, span.id, span.kb_id, span.doc.vocab.strings)
    return known


def _decode(label: int, packed: int, name: int, strings: StringStore) -> CandidateInfo:
    """The fields behind three hashes, kept for the next spans that carry them."""
    packed_text = strings[packed] or "ner/unknown/0.5"
    source, rule, confidence = packed_text.rsplit("/", 2)
    decoded = CandidateInfo(type=strings[label], source=source, rule=rule,
                            confidence=float(confidence), name=strings[name])
    if len(DECODED) >= DECODED_MAX:
        DECODED.clear()  # a long run meets many names: start over rather than grow
    DECODED[(label, packed, name)] = decoded
    return decoded


def with_info(span: Span, *, start: int | None = None, end: int | None = None,
              type: str | None = None, source: str | None = None, rule: str | None = None,
              confidence: float | None = None, name: str | None = None) -> Span:
    """A copy of ``span`` with some of its packed fields replaced (None keeps the field)."""
    current = info(span)
    return make_candidate(
        span.doc, span.start if start is None else start, span.end if end is None else end,
        type_=current.type if type is None else type,
        source=current.source if source is None else source,
        rule=current.rule if rule is None else rule,
        confidence=current.confidence if confidence is None else confidence,
        name=current.name if name is None else name,
    )


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
