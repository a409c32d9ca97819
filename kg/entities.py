"""Entity cards, neighbours and the evidence behind links, read from any store.

Shared by the explorer, the trend and brand pages and the CLI, so a card shows
the same numbers wherever it appears.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kg.errors import UnknownEntityError
from kg.queries import BIG, document_kind, entity_type
from kg.store import GraphStore
from kg.subgraph import documents

ENTITY = f"""
MATCH (e:Entity {{id: $id}})
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type, e.aliases AS aliases,
       e.mentions AS mentions, e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.uri AS uri"""

ENTITY_DOCUMENTS = f"""
MATCH (d:Document)-[m:MENTIONS]->(e:Entity {{id: $id}})
RETURN d.id AS id, d.title AS title, d.date AS date, d.url AS url, d.platform AS platform,
       d.lang AS lang, d.author AS author, m.count AS count,
       {document_kind('d')} AS kind
ORDER BY date DESC"""

LINKS = f"""
MATCH (e:Entity {{id: $id}})-[r]-(o:Entity)
WHERE o.id <> $id
RETURN o.id AS id, o.name AS name, {entity_type('o')} AS type, o.aliases AS aliases,
       o.mentions AS mentions, type(r) AS rel_type, startNode(r) = e AS outgoing,
       r.weight AS weight, r.doc_count AS docs"""

LINK_EVIDENCE = """
MATCH (a:Entity {id: $source})-[r]->(b:Entity {id: $target})
WHERE type(r) = $type
RETURN r.evidence AS evidence, r.evidence_docs AS docs"""


@dataclass(frozen=True, slots=True)
class DocumentRef:
    id: str
    title: str
    date: str
    url: str
    platform: str
    lang: str
    kind: str
    author: str = ""
    count: int = 1


@dataclass(frozen=True, slots=True)
class EntityDetails:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int
    first_seen: str
    last_seen: str
    uri: str
    documents: tuple[DocumentRef, ...] = ()
    document_count: int = 0


def doc_ref(row: dict[str, Any]) -> DocumentRef:
    return DocumentRef(
        id=row["id"], title=row.get("title") or row["id"], date=row.get("date") or "",
        url=row.get("url") or "", platform=row.get("platform") or "",
        lang=row.get("lang") or "", kind=row.get("kind") or "", author=row.get("author") or "",
        count=int(row.get("count") or 1),
    )


def entity_details(store: GraphStore, entity_id: str, *, doc_limit: int = 50) -> EntityDetails:
    """Card data for one entity; UnknownEntityError when the id is not in the store."""
    row = store.query(ENTITY, {"id": entity_id}, limit=1).first()
    if row is None:
        raise UnknownEntityError(entity_id, [])
    docs = store.query(ENTITY_DOCUMENTS, {"id": entity_id}, limit=BIG, timeout=60.0)
    return EntityDetails(
        id=row["id"], name=row["name"] or row["id"], type=row["type"] or "Entity",
        aliases=tuple(row["aliases"] or ()), mentions=int(row["mentions"] or 0),
        first_seen=row["first_seen"] or "", last_seen=row["last_seen"] or "",
        uri=row["uri"] or "",
        documents=tuple(doc_ref(d) for d in docs.dicts()[:doc_limit]),
        document_count=len(docs),
    )


@dataclass(frozen=True, slots=True)
class Link:
    """A neighbour of an entity, all relationship types to it merged."""

    id: str
    name: str
    type: str
    rel_types: tuple[str, ...]
    weight: int
    docs: int
    mentions: int = 0
    aliases: tuple[str, ...] = ()


def neighbours(store: GraphStore, entity_id: str) -> list[Link]:
    """Every entity linked to ``entity_id`` in either direction, strongest first."""
    merged: dict[str, dict[str, Any]] = {}
    for row in store.query(LINKS, {"id": entity_id}, limit=BIG, timeout=60.0).dicts():
        item = merged.setdefault(row["id"], {
            "id": row["id"], "name": row["name"] or row["id"], "type": row["type"] or "Entity",
            "rel_types": [], "weight": 0, "docs": 0, "mentions": int(row["mentions"] or 0),
            "aliases": tuple(row["aliases"] or ()),
        })
        if row["rel_type"] not in item["rel_types"]:
            item["rel_types"].append(row["rel_type"])
        item["weight"] += int(row["weight"] or 0)
        item["docs"] = max(item["docs"], int(row["docs"] or 0))
    links = [Link(**{**item, "rel_types": tuple(item["rel_types"])}) for item in merged.values()]
    return sorted(links, key=lambda link: (-link.weight, -link.docs, link.name.lower()))


def linked_entities(
    store: GraphStore, entity_id: str, *, types: Iterable[str] | None = None, per_type: int = 5,
    around: Sequence[Link] | None = None,
) -> dict[str, list[Link]]:
    """Strongest neighbours per ontology class (weight = supporting sentences).

    ``around``: the entity's ``neighbours`` when the caller has already read them."""
    wanted = set(types or ())
    grouped: dict[str, list[Link]] = defaultdict(list)
    for link in neighbours(store, entity_id) if around is None else around:
        if (not wanted or link.type in wanted) and len(grouped[link.type]) < per_type:
            grouped[link.type].append(link)
    ordered = list(types) if types else sorted(grouped)
    return {t: grouped[t] for t in ordered if t in grouped}


@dataclass(frozen=True, slots=True)
class Quote:
    sentence: str
    doc: DocumentRef


def quotes(store: GraphStore, evidence: Iterable[tuple[str, str]]) -> list[Quote]:
    """(doc id, sentence) pairs with their documents' title, date, platform and link."""
    pairs = list(evidence)
    meta = documents(store, [doc for doc, _ in pairs])
    return [
        Quote(sentence, doc_ref(meta.get(doc) or {"id": doc})) for doc, sentence in pairs
    ]


def link_evidence(store: GraphStore, source: str, target: str, rel_type: str) -> list[Quote]:
    """The stored sentences behind one relationship, newest document first."""
    row = store.query(LINK_EVIDENCE, {"source": source, "target": target, "type": rel_type},
                      limit=1).first()
    if row is None:
        return []
    found = quotes(store, zip(row["docs"] or [], row["evidence"] or [], strict=False))
    return sorted(found, key=lambda q: q.doc.date, reverse=True)
