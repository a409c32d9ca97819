"""Turn extractions into the parameter rows of batched ``UNWIND $rows`` writes.

Rows are pre-aggregated per batch: one row per document (created, with its
mentions), one per entity (merged, carrying the batch's mention count and
dates) and one per link (merged, carrying counters and the batch's best
evidence). Nothing written to a link grows with the number of documents behind
it, so the cost of writing a document stays flat as the store grows.

Rows are sorted by node id, so parallel writers take node locks in the same
order and do not deadlock each other.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Collection, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from kg.curation import archive
from kg.model import EVIDENCE_CAP, Entity, Extraction
from kg.ontology import Ontology

ALIAS_CAP = 64
"""Aliases kept per entity: surface forms are few, but a hub must not grow without bound."""
NAME_CAP = 300  # characters of an entity name or alias (a 5,000-letter hashtag, once)
SENTENCE_CAP = 2_000  # characters of an evidence sentence
TEXT_CAP = 100_000  # characters of a document's text kept for the reader


@dataclass(slots=True)
class WriteRows:
    """Everything one batch writes, grouped by the label or type in the Cypher text."""

    documents: dict[str, list[dict]] = field(default_factory=dict)
    entities: dict[str, list[dict]] = field(default_factory=dict)
    relations: dict[str, list[dict]] = field(default_factory=dict)
    skipped: int = 0
    """Documents of the batch left out because the store already holds them."""
    rewrite: bool = False
    """The documents are stored already (kg.curation): only their contributions are written."""

    @property
    def document_count(self) -> int:
        return sum(len(rows) for rows in self.documents.values())

    @property
    def entity_count(self) -> int:
        return sum(len(rows) for rows in self.entities.values())

    @property
    def mention_count(self) -> int:
        return sum(len(row["entities"]) for rows in self.documents.values() for row in rows)

    @property
    def link_ends(self) -> set[str]:
        """Ids of the entities at either end of a link of the batch."""
        return {row[end] for rows in self.relations.values() for row in rows
                for end in ("source", "target")}

    @property
    def relation_count(self) -> int:
        return sum(len(rows) for rows in self.relations.values())

    @property
    def size(self) -> int:
        return self.document_count + self.entity_count + self.mention_count + self.relation_count


def link_key(rel_type: str, source: str, target: str) -> int:
    """A signed 64-bit key of one link, stored on the documents that support it.

    ``(:Document {links})`` holds these keys, so the documents behind a link are
    found through the mentions of its two ends without a list on the link itself.
    """
    digest = hashlib.blake2b(f"{rel_type}|{source}|{target}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def evidence_rank(confidence: float, date: str, doc: str, start: int, sentence: str) -> str:
    """Sort key of one evidence sentence: most confident, then newest, first.

    A total order, so the sample a link keeps is the best of all its evidence
    whatever order documents arrive in (two ingests of halves equal one of the union).
    """
    newest_first = date.translate(_INVERT) if date else "~"
    text = hashlib.blake2b(str(sentence).encode(), digest_size=4).hexdigest()
    return f"{1000 - round(confidence * 1000):04d}|{newest_first}|{doc}|{start:09d}|{text}"


_INVERT = str.maketrans("0123456789", "9876543210")


def build_rows(
    extractions: Sequence[Extraction], ontology: Ontology, *, skip: Collection[str] = (),
    raws: Sequence[Extraction] | None = None, focus: Collection[str] | None = None,
    rewrite: bool = False,
) -> WriteRows:
    """Rows for the documents of ``extractions`` not in ``skip`` (each document once).

    ``raws`` are what the extractor found, kept on each new document (kg.curation
    rebuilds the graph from them), defaulting to ``extractions``. With ``focus``,
    only the entities of those ids and the links touching them are written (the
    other ends exist already); with ``rewrite``, the documents themselves exist.
    """
    rows = WriteRows(rewrite=rewrite)
    documents: dict[str, tuple[str, dict]] = {}
    entities: dict[str, dict] = {}
    relations: dict[tuple[str, str, str], dict] = {}
    for extraction, raw in zip(extractions, raws or extractions, strict=True):
        doc = extraction.document
        if doc.id in skip or doc.id in documents:
            rows.skipped += 1
            continue
        kept = [e for e in extraction.entities if focus is None or e.id in focus]
        row = _document_row(extraction, kept)
        if not rewrite:
            row["extraction"] = archive.dumps(raw)
        documents[doc.id] = (ontology.check_label(doc.kind), row)
        for entity in kept:
            _add_entity(entities, entity, doc.date, ontology)
        for relation in extraction.relations:
            if focus is None or relation.source in focus or relation.target in focus:
                ontology.check_rel_type(relation.type)
                _add_relation(relations, relation, doc.id, doc.date)
    for label, row in documents.values():
        rows.documents.setdefault(label, []).append(row)
    for group in rows.documents.values():
        group.sort(key=lambda row: row["id"])
    by_label: dict[str, list[dict]] = defaultdict(list)
    for entity_id in sorted(entities):
        row = entities[entity_id]
        by_label[row.pop("type")].append(row)
    rows.entities = dict(sorted(by_label.items()))
    by_type: dict[str, list[dict]] = defaultdict(list)
    for key in sorted(relations, key=lambda k: (k[1], k[2], k[0])):
        by_type[key[0]].append(_finish_relation(relations[key]))
    rows.relations = dict(sorted(by_type.items()))
    return rows


def _document_row(extraction: Extraction, entities: Sequence[Entity]) -> dict:
    """The document, its mentions of ``entities``, and the keys of all the links it supports."""
    doc = extraction.document
    counts: dict[str, int] = {}
    for entity in entities:
        counts[entity.id] = counts.get(entity.id, 0) + max(1, len(entity.mentions))
    links = {link_key(r.type, r.source, r.target) for r in extraction.relations}
    return {
        "id": doc.id, "title": doc.title, "url": doc.url, "date": doc.date,
        "lang": extraction.lang or doc.lang, "platform": doc.platform,
        "author": doc.author, "source": doc.source, "text": doc.text[:TEXT_CAP] or None,
        "text_hash": doc.text_hash or None,
        "entities": list(counts), "counts": list(counts.values()), "links": sorted(links),
    }


def _add_entity(entities: dict[str, dict], entity, date: str, ontology: Ontology) -> None:
    ontology.check_label(entity.type)
    entity_id = entity.id
    row = entities.get(entity_id)
    if row is None:
        row = entities[entity_id] = {
            "id": entity_id, "type": entity.type, "name": entity.name[:NAME_CAP],
            "uri": entity.uri,
            "aliases": [], "confidence": entity.confidence, "mentions": 0,
            "first": "", "last": "",
        }
    for alias in entity.aliases:
        alias = alias[:NAME_CAP]
        if alias not in row["aliases"] and len(row["aliases"]) < ALIAS_CAP:
            row["aliases"].append(alias)
    row["confidence"] = max(row["confidence"], entity.confidence)
    row["mentions"] += max(1, len(entity.mentions))
    _widen(row, date)


def _add_relation(relations: dict, relation, doc_id: str, date: str) -> None:
    key = (relation.type, relation.source, relation.target)
    row = relations.get(key)
    if row is None:
        row = relations[key] = {
            "source": relation.source, "target": relation.target, "weight": 0, "docs": 0,
            "confidence": relation.confidence, "first": "", "last": "", "evidence": [],
        }
    row["weight"] += relation.weight
    row["docs"] += 1
    row["confidence"] = max(row["confidence"], relation.confidence)
    _widen(row, date)
    for ev in relation.evidence[:EVIDENCE_CAP]:
        rank = evidence_rank(relation.confidence, date, ev.doc, ev.start, ev.sentence)
        sentence = ev.sentence[:SENTENCE_CAP] if isinstance(ev.sentence, str) else ev.sentence
        row["evidence"].append((rank, ev.doc, sentence))


def _finish_relation(row: dict) -> dict:
    best = sorted(row.pop("evidence"), key=lambda item: item[0])[:EVIDENCE_CAP]
    row["ev_keys"] = [rank for rank, _, _ in best]
    row["ev_docs"] = [doc for _, doc, _ in best]
    row["ev_sentences"] = [sentence for _, _, sentence in best]
    return row


def _widen(row: dict, date: str) -> None:
    if date:
        row["first"] = min(row["first"], date) if row["first"] else date
        row["last"] = max(row["last"], date)


def ontology_rows(ontology: Ontology) -> tuple[list[dict], list[dict]]:
    """Class and property rows for loading the schema itself into a graph."""
    classes = [
        {"uri": c.uri, "name": c.name, "label": c.label_en, "label_fr": c.label_fr,
         "parent": ontology.classes[c.parent].uri if c.parent else None}
        for c in ontology.classes.values()
    ]
    properties = [
        {"uri": p.uri, "name": p.name, "type": p.rel_type, "label": p.label_en,
         "label_fr": p.label_fr, "symmetric": p.symmetric,
         "domain": ontology.classes[p.domain].uri, "range": ontology.classes[p.range].uri}
        for p in ontology.properties.values()
    ]
    return classes, properties


def ahead[T, R](prepare: Callable[[T], R], batches: Sequence[T], *,
                threaded: bool) -> Generator[R]:
    """``prepare`` of each batch in order; ``threaded``: the next batch's is computed in a
    thread while the caller writes the current one.

    A write waits on the database most of its time, without the GIL, so the rows of the
    next batch (curation, ``build_rows``, the raw extraction's JSON) are built meanwhile
    instead of after the commit: a third of a Neo4j load's CPU is this process's.
    """
    if not threaded or len(batches) < 2:
        yield from map(prepare, batches)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="trendgraph-rows") as pool:
        future = pool.submit(prepare, batches[0])
        for index in range(len(batches)):
            done = future.result()
            if index + 1 < len(batches):
                future = pool.submit(prepare, batches[index + 1])
            yield done
