"""One document as a strategist reads it: its full text, with the entities it mentions marked.

The store keeps each document's text (up to ``kg.store.rows.TEXT_CAP``
characters) and which entities it mentions; the marks are found again here by
name and alias, longest first, whole words only, case- and accent-insensitive.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.entities import DocumentRef
from kg.errors import Errors, TrendgraphError
from kg.queries import ENTITY, MENTIONS, document_kind, document_node, entity_node, entity_type
from kg.store import GraphStore

DOCUMENT = f"""
MATCH {document_node('d', '$id')}
RETURN d.id AS id, d.title AS title, d.date AS date, d.url AS url, d.platform AS platform,
       d.lang AS lang, d.author AS author, d.text AS text,
       {document_kind('d')} AS kind"""

MENTIONED = f"""
MATCH {document_node('d', '$id')}-[m:{MENTIONS}]->{entity_node('e')}
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type,
       e.aliases AS aliases, m.count AS count
ORDER BY count DESC, name"""


class UnknownDocumentError(TrendgraphError):
    """No document with this id is stored."""


@dataclass(frozen=True, slots=True)
class Mentioned:
    id: str
    name: str
    type: str
    count: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text; ``entity`` is the id of the entity it names, or ""."""

    text: str
    entity: str = ""


@dataclass(frozen=True, slots=True)
class DocumentText:
    doc: DocumentRef
    text: str
    entities: tuple[Mentioned, ...]
    segments: tuple[Segment, ...]


def read_document(store: GraphStore, doc_id: str) -> DocumentText:
    """The document's text split into plain and entity segments; raises if the id is unknown."""
    row = store.query(DOCUMENT, {"id": doc_id}, limit=1).first()
    if row is None:
        raise UnknownDocumentError(Errors.DOCUMENT_UNKNOWN.format(doc_id=doc_id))
    doc = DocumentRef(id=row["id"], title=row["title"] or row["id"], date=row["date"] or "",
                      url=row["url"] or "", platform=row["platform"] or "",
                      lang=row["lang"] or "", kind=row["kind"] or "", author=row["author"] or "")
    entities = tuple(
        Mentioned(id=r["id"], name=r["name"] or r["id"], type=r["type"] or ENTITY,
                  count=int(r["count"] or 1), aliases=tuple(r["aliases"] or ()))
        for r in store.query(MENTIONED, {"id": doc_id}, limit=10_000).dicts()
    )
    text = row["text"] or ""
    return DocumentText(doc, text, entities, tuple(segments(text, entities)))


def _plain(text: str) -> str:
    """Accents dropped one character at a time, so offsets stay valid in the original."""
    return "".join(_base(c) for c in text)


def _base(char: str) -> str:
    kept = [c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)]
    return kept[0] if len(kept) == 1 else char


def segments(text: str, entities: tuple[Mentioned, ...]) -> list[Segment]:
    """Split ``text`` into plain runs and runs naming one of ``entities``."""
    forms = sorted({(form.lstrip("#"), e.id) for e in entities
                    for form in (e.name, *e.aliases) if len(form.lstrip("#")) >= 2},
                   key=lambda f: -len(f[0]))
    haystack = _plain(text).lower()
    taken: list[tuple[int, int, str]] = []
    for form, entity in forms:
        pattern = re.compile(r"(?<!\w)#?" + re.escape(_plain(form).lower()) + r"(?!\w)")
        for match in pattern.finditer(haystack):
            start, end = match.span()
            if all(end <= a or start >= b for a, b, _ in taken):
                taken.append((start, end, entity))
    taken.sort()
    found, cursor = [], 0
    for start, end, entity in taken:
        if start > cursor:
            found.append(Segment(text[cursor:start]))
        found.append(Segment(text[start:end], entity))
        cursor = end
    if cursor < len(text):
        found.append(Segment(text[cursor:]))
    return found
