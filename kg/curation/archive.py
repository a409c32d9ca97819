"""The raw extraction of a document, kept beside it in the store as JSON.

Curation never edits what the extractor found: the store keeps each document's
raw extraction, and the graph is (re)built from those and the rules. That is what
makes an undo exact and a rule apply to documents ingested long before it.
Fields are written by name and read back leniently, so extractions written by an
older or newer trendgraph (a field added with a default) still load.
"""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from typing import Any

from kg.errors import CurationError, Errors
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation

VERSION = 1


def dumps(extraction: Extraction) -> str:
    """Compact JSON of everything but the document (which the store already holds)."""
    doc_id = extraction.document.id
    entities = [{**_plain(e), "mentions": [_plain(m) for m in e.mentions]}
                for e in extraction.entities]
    relations = [
        # Evidence of a document's extraction comes from that document: store the id once.
        {**_plain(r), "evidence": [{k: v for k, v in _plain(ev).items()
                                    if not (k == "doc" and v == doc_id)} for ev in r.evidence]}
        for r in extraction.relations
    ]
    data = {"v": VERSION, "lang": extraction.lang, "entities": entities, "relations": relations}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def loads(text: str, document: Document) -> Extraction:
    """The extraction ``dumps`` wrote for ``document``; CurationError naming it if unreadable."""
    try:
        data = json.loads(text)
        entities = [
            _build(Entity, {**e, "mentions": [_build(Mention, m) for m in e.get("mentions", [])]})
            for e in data["entities"]
        ]
        relations = [
            _build(Relation, {**r, "evidence": [_build(Evidence, {"doc": document.id, **ev})
                                                for ev in r.get("evidence", [])]})
            for r in data["relations"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise CurationError(Errors.ARCHIVE_UNREADABLE.format(
            doc_id=document.id, source=document.source or "no source", reason=exc)) from exc
    return Extraction(document=document, entities=entities, relations=relations,
                      lang=str(data.get("lang") or ""))


def _plain(item: Any) -> dict[str, Any]:
    """The constructor fields of a dataclass (caches and derived fields left out)."""
    return {name: getattr(item, name) for name in _init_fields(item.__class__)}


@cache
def _init_fields(kind: Any) -> tuple[str, ...]:
    """``dataclasses.fields`` on every entity, mention and relation was a tenth of a
    Neo4j load's client CPU (bench/load.py): each class's names are read once."""
    return tuple(f.name for f in fields(kind) if f.init)


def _build(kind: type, values: dict[str, Any]) -> Any:
    known = set(_init_fields(kind))
    return kind(**{k: v for k, v in values.items() if k in known})
