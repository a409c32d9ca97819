"""A processed spaCy Doc turned into trendgraph's plain ``Extraction``."""

from __future__ import annotations

import bisect
import functools

from spacy.tokens import Doc

from kg.extract.candidates import ENTITY_KEY, doc_text, info
from kg.extract.relations import Sentence, relate
from kg.extract.resolve import Found, resolve
from kg.model import Document, Extraction
from kg.ontology import load_ontology


def analysed_text(document: Document) -> str:
    """The text that is analysed: the title goes first when the body does not contain it.

    Mention and evidence offsets point into this string.
    """
    title = (document.title or "").strip()
    if title and title not in document.text:
        return f"{title}\n\n{document.text}"
    return document.text


def is_headline(text: str, start: int, end: int, title: str) -> bool:
    """A title, or a line of its own without a closing full stop (a heading)."""
    sentence = text[start:end].strip()
    if not sentence:
        return False
    if title and sentence == title:
        return True
    line_start = start == 0 or text[start - 1] == "\n"
    line_end = end >= len(text) or text[end:end + 1] in ("\n", "") or text[end - 1] == "\n"
    return line_start and line_end and sentence[-1] not in ".!?…»\"”)" and len(sentence) < 160


@functools.cache
def _allowed() -> frozenset[str]:
    """The classes an extraction may hold (the ontology's extractable ones)."""
    return frozenset(load_ontology().entity_types)


def to_extraction(document: Document, doc: Doc, *, lang: str) -> Extraction:
    """Entities (one per type and canonical name) and evidenced relations of one document."""
    ontology = load_ontology()
    allowed = _allowed()
    title = (document.title or "").strip()
    text = doc_text(doc)
    sents = list(doc.sents)
    sentences = [Sentence(text[s.start_char:s.end_char].strip(), s.start_char, s.end_char,
                          headline=is_headline(text, s.start_char, s.end_char, title))
                 for s in sents]
    starts = [s.start for s in sents]
    found = []
    for span in doc.spans.get(ENTITY_KEY, []):
        meta = info(span)
        if meta.type not in allowed:
            continue
        end = span.end_char
        surface = text[span.start_char:end]  # span.text, without joining its tokens again
        if surface.endswith(".") and len(surface) > 2 and not (meta.name or "").endswith("."):
            surface, end = surface[:-1], end - 1  # "Mister V." at a sentence end
        found.append(Found(
            type=meta.type,
            name=meta.name or surface,
            surface=surface,
            start=span.start_char,
            end=end,
            sentence=max(bisect.bisect_right(starts, span.start) - 1, 0),
            source=meta.source,
            confidence=meta.confidence,
            rule=meta.rule,
        ))
    entities = resolve(found, text=text)
    relations = relate(entities, sentences, doc_id=document.id, ontology=ontology, text=text)
    return Extraction(document=document, entities=entities, relations=relations, lang=lang)
