"""One corpus's extractions merged for reading: what ``trendgraph extract`` prints.

Entities are merged by id (names and aliases kept, mentions added up) and relations by
(type, source, target), so a file of several documents reads as one small graph
without a store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kg.errors import InputError
from kg.model import Extraction


def summarize(extractions: Iterable[Extraction], *, documents: int,
              errors: Iterable[InputError] = ()) -> dict[str, Any]:
    """``{"documents", "entities", "relations", "errors"}``, strongest first."""
    entities: dict[str, dict[str, Any]] = {}
    relations: dict[tuple[str, str, str], dict[str, Any]] = {}
    for extraction in extractions:
        for entity in extraction.entities:
            row = entities.setdefault(entity.id, {"name": entity.name, "type": entity.type,
                                                  "aliases": [], "mentions": 0})
            row["aliases"] = list(dict.fromkeys([*row["aliases"], *entity.aliases]))
            row["mentions"] += len(entity.mentions)
        for relation in extraction.relations:
            row = relations.setdefault(
                (relation.type, relation.source, relation.target),
                {"source": relation.source, "target": relation.target, "type": relation.type,
                 "weight": 0, "evidence": []})
            row["weight"] += relation.weight
            row["evidence"] += [{"doc": e.doc, "sentence": e.sentence} for e in relation.evidence]
    for row in relations.values():
        row["source"] = entities[row["source"]]["name"]
        row["target"] = entities[row["target"]]["name"]
    return {
        "documents": documents,
        "entities": sorted(entities.values(), key=lambda e: (-e["mentions"], e["name"])),
        "relations": sorted(relations.values(), key=lambda r: -r["weight"]),
        "errors": [{"source": e.source, "reason": e.reason} for e in errors],
    }
