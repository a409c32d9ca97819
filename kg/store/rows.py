"""Turn extractions into the parameter rows of batched ``UNWIND $rows`` writes.

Rows are pre-aggregated per batch (one row per node, one per relationship) so a
write never depends on how a backend orders MERGEs over duplicate keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.curation import archive
from kg.model import EVIDENCE_CAP, Extraction
from kg.ontology import Ontology

TEXT_CAP = 100_000  # characters of a document's text kept for the reader


@dataclass(slots=True)
class WriteRows:
    """Everything one batch writes, grouped by the label or type in the Cypher text."""

    documents: dict[str, list[dict]] = field(default_factory=dict)
    entities: dict[str, list[dict]] = field(default_factory=dict)
    mentions: list[dict] = field(default_factory=list)
    relations: dict[str, list[dict]] = field(default_factory=dict)
    texts: list[dict] = field(default_factory=list)

    @property
    def size(self) -> int:
        groups = [*self.documents.values(), *self.entities.values(), *self.relations.values()]
        return sum(len(rows) for rows in groups) + len(self.mentions)


def build_rows(
    extractions: Sequence[Extraction], ontology: Ontology,
    raws: Sequence[Extraction] | None = None,
) -> WriteRows:
    """One row per node and relationship; ``raws`` are what the extractor found, kept on
    each document (kg.curation rebuilds the graph from them), defaulting to ``extractions``."""
    rows = WriteRows()
    entities: dict[str, dict] = {}
    relations: dict[tuple[str, str, str], dict] = {}
    for extraction, raw in zip(extractions, raws or extractions, strict=True):
        doc = extraction.document
        kind = ontology.check_label(doc.kind)
        rows.documents.setdefault(kind, []).append(
            {
                "id": doc.id, "title": doc.title, "url": doc.url, "date": doc.date,
                "lang": extraction.lang or doc.lang, "platform": doc.platform,
                "author": doc.author, "source": doc.source, "extraction": archive.dumps(raw),
            }
        )
        if doc.text:
            rows.texts.append({"id": doc.id, "text": doc.text[:TEXT_CAP]})
        for entity in extraction.entities:
            ontology.check_label(entity.type)
            row = entities.setdefault(
                entity.id,
                {
                    "id": entity.id, "type": entity.type, "name": entity.name,
                    "uri": entity.uri, "aliases": [], "confidence": entity.confidence,
                },
            )
            row["aliases"] = list(dict.fromkeys([*row["aliases"], *entity.aliases]))
            row["confidence"] = max(row["confidence"], entity.confidence)
            rows.mentions.append(
                {"doc": doc.id, "entity": entity.id, "count": max(1, len(entity.mentions)),
                 "date": doc.date}
            )
        for relation in extraction.relations:
            ontology.check_rel_type(relation.type)
            key = (relation.type, relation.source, relation.target)
            row = relations.setdefault(
                key,
                {"source": relation.source, "target": relation.target, "docs": [],
                 "counts": [], "dates": [], "ev_docs": [], "ev_sentences": [],
                 "confidence": relation.confidence},
            )
            row["docs"].append(doc.id)
            row["counts"].append(relation.weight)
            row["dates"].append(doc.date)
            for ev in relation.evidence[:EVIDENCE_CAP]:
                row["ev_docs"].append(ev.doc)
                row["ev_sentences"].append(ev.sentence)
            row["confidence"] = max(row["confidence"], relation.confidence)
    by_type: dict[str, list[dict]] = defaultdict(list)
    for row in entities.values():
        by_type[row.pop("type")].append(row)
    rows.entities = dict(by_type)
    by_rel: dict[str, list[dict]] = defaultdict(list)
    for (rel_type, _, _), row in relations.items():
        by_rel[rel_type].append(row)
    rows.relations = dict(by_rel)
    return rows


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
