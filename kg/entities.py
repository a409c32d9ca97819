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
from kg.ontology import ENTITY_CLASS
from kg.queries import BIG, MENTIONS, document_kind, document_node, entity_node, entity_type
from kg.store import GraphStore
from kg.subgraph import documents

ENTITY = f"""
MATCH {entity_node('e', '$id')}
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type, e.aliases AS aliases,
       e.mentions AS mentions, e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.uri AS uri"""

# One page of a node's documents: a hub is named by a good part of the corpus, so the
# page is cut in the database and only its rows travel.
ENTITY_DOCUMENTS = f"""
MATCH {document_node('d')}-[m:{MENTIONS}]->{entity_node('e', '$id')}
WITH d, m ORDER BY coalesce(d.date, '') DESC, d.id SKIP $offset LIMIT $limit
RETURN d.id AS id, d.title AS title, d.date AS date, d.url AS url, d.platform AS platform,
       d.lang AS lang, d.author AS author, m.count AS count,
       {document_kind('d')} AS kind"""

ENTITY_DOCUMENT_COUNT = f"""
MATCH {document_node('d')}-[:{MENTIONS}]->{entity_node('e', '$id')}
RETURN count(d) AS documents"""

# A node's neighbours merged over relationship types and ranked in the database: a
# hub's tens of thousands of links are summed there, only the top ``$limit`` (per type
# when ``$per_type`` is set) reach Python.
_NEIGHBOUR_ROWS = f"""
MATCH {entity_node('e', '$id')}-[r]-{entity_node('o')}
WHERE o.id <> $id
WITH o, {entity_type('o')} AS type, collect(DISTINCT type(r)) AS rel_types,
     sum(coalesce(r.weight, 0)) AS weight, max(coalesce(r.doc_count, 0)) AS docs
WHERE size($types) = 0 OR type IN $types
WITH o, type, rel_types, weight, docs
ORDER BY weight DESC, docs DESC, toLower(coalesce(o.name, o.id)), o.id"""

_NEIGHBOUR_FIELDS = """{id: o.id, name: o.name, type: type, aliases: o.aliases,
       mentions: o.mentions, rel_types: rel_types, weight: weight, docs: docs}"""

TOP_NEIGHBOURS = f"""{_NEIGHBOUR_ROWS}
LIMIT $limit
RETURN {_NEIGHBOUR_FIELDS} AS link"""

TOP_NEIGHBOURS_PER_TYPE = f"""{_NEIGHBOUR_ROWS}
WITH type, collect({_NEIGHBOUR_FIELDS})[0..$per_type] AS top
UNWIND top AS link
RETURN link"""

LINK_EVIDENCE = f"""
MATCH {entity_node('a', '$source')}-[r]->{entity_node('b', '$target')}
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


def entity_details(store: GraphStore, entity_id: str, *, doc_limit: int = 50,
                   doc_offset: int = 0) -> EntityDetails:
    """Card data for one entity with one page of its documents, newest first.

    ``documents`` holds at most ``doc_limit`` documents from ``doc_offset`` on;
    ``document_count`` is all of them. UnknownEntityError when the id is not stored.
    """
    row = store.query(ENTITY, {"id": entity_id}, limit=1).first()
    if row is None:
        raise UnknownEntityError(entity_id, [])
    page = {"id": entity_id, "offset": max(doc_offset, 0), "limit": max(doc_limit, 0)}
    docs = store.query(ENTITY_DOCUMENTS, page, limit=max(doc_limit, 1), timeout=60.0)
    count = store.query(ENTITY_DOCUMENT_COUNT, {"id": entity_id}, limit=1, timeout=60.0)
    return EntityDetails(
        id=row["id"], name=row["name"] or row["id"], type=row["type"] or ENTITY_CLASS,
        aliases=tuple(row["aliases"] or ()), mentions=int(row["mentions"] or 0),
        first_seen=row["first_seen"] or "", last_seen=row["last_seen"] or "",
        uri=row["uri"] or "",
        documents=tuple(doc_ref(d) for d in docs.dicts()[:doc_limit]),
        document_count=int(count.scalar() or 0),
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


def neighbours(store: GraphStore, entity_id: str, *, limit: int | None = None,
               types: Iterable[str] = ()) -> list[Link]:
    """Entities linked to ``entity_id`` in either direction, strongest first.

    All relationship types to one neighbour are merged (weights summed). ``limit``
    keeps the strongest few, cut in the database; ``types`` keeps some classes only.
    """
    top = BIG if limit is None else max(limit, 0)
    params = {"id": entity_id, "limit": top, "types": sorted(set(types))}
    rows = store.query(TOP_NEIGHBOURS, params, limit=top or 1, timeout=60.0)
    return _ranked(row["link"] for row in rows.dicts())


def _ranked(rows: Iterable[dict[str, Any]]) -> list[Link]:
    links = [
        Link(id=r["id"], name=r["name"] or r["id"], type=r["type"] or ENTITY_CLASS,
             rel_types=tuple(sorted(r["rel_types"] or ())), weight=int(r["weight"] or 0),
             docs=int(r["docs"] or 0), mentions=int(r["mentions"] or 0),
             aliases=tuple(r["aliases"] or ()))
        for r in rows
    ]
    return sorted(links, key=lambda link: (-link.weight, -link.docs, link.name.lower(), link.id))


def linked_entities(
    store: GraphStore, entity_id: str, *, types: Iterable[str] | None = None, per_type: int = 5,
    around: Sequence[Link] | None = None,
) -> dict[str, list[Link]]:
    """Strongest neighbours per ontology class (weight = supporting sentences).

    The top ``per_type`` of each class are picked in the database, so a hub's card
    costs the same as anyone's in Python and on the wire. ``around``: the entity's
    ``neighbours`` when the caller has already read them (then cut here).
    """
    wanted = list(types or ())
    if around is None:
        params = {"id": entity_id, "types": sorted(set(wanted)), "per_type": max(per_type, 0)}
        rows = store.query(TOP_NEIGHBOURS_PER_TYPE, params, limit=BIG, timeout=60.0)
        around = _ranked(row["link"] for row in rows.dicts())
    grouped: dict[str, list[Link]] = defaultdict(list)
    for link in around:
        if (not wanted or link.type in wanted) and len(grouped[link.type]) < per_type:
            grouped[link.type].append(link)
    ordered = wanted or sorted(grouped)
    return {t: grouped[t] for t in ordered if grouped.get(t)}


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
