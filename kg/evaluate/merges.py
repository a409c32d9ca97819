"""Are the documents' entities gathered into the right nodes? Pairwise merge scores.

Items are the (document, gold entity) pairs the extractor found. Their gold concept
groups items with the same canonical name across the split's documents, or linked by
``same_as``; their system concept is the node id of the entity that matched them
after corpus consolidation. Over all pairs of items:

- precision: of the pairs the system put in one node, the share that are one concept
  (a wrong merge lowers it; a wrong merge is worse than a missed one);
- recall: of the pairs that are one concept, the share the system put in one node.

Most pairs are trivial (the same name in two documents), so the same two scores are
also given over the pairs whose gold names differ (``across_names``): those measure
merges of spellings, hashtags and translations.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from kg.evaluate.gold import GoldDocument, name_key
from kg.evaluate.scoring import match_entities
from kg.extract.groups import Groups
from kg.model import Extraction


def gold_concepts(gold: Sequence[GoldDocument]) -> Groups[str]:
    """Same canonical name, or ``same_as``, across the split: one concept (per type)."""
    concepts = Groups[str]()
    for doc in gold:
        for entity in doc.entities:
            own = f"{entity.type}:{name_key(entity.name)}"
            concepts.find(own)
            for other in entity.same_as:
                concepts.union(own, f"{entity.type}:{name_key(other)}")
    return concepts


def _items(gold: Sequence[GoldDocument], extractions: Sequence[Extraction],
           ) -> list[tuple[str, str, str]]:
    """(gold concept, system node id, gold name key) of every matched gold entity."""
    concepts = gold_concepts(gold)
    items = []
    for doc, extraction in zip(gold, extractions, strict=True):
        matches = match_entities(extraction.entities, doc.entities)
        for entity, matched in zip(extraction.entities, matches, strict=True):
            for index in matched:
                g = doc.entities[index]
                concept = concepts.find(f"{g.type}:{name_key(g.name)}")
                items.append((concept, entity.id, name_key(g.name)))
    return items


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 4) if total else None


def merge_scores(gold: Sequence[GoldDocument],
                 extractions: Sequence[Extraction]) -> dict[str, Any]:
    """Pairwise precision and recall of merges, over all pairs and across names."""
    items = _items(gold, extractions)
    counts = {"all": [0, 0, 0], "across_names": [0, 0, 0]}  # same node, same concept, both
    for (ca, sa, na), (cb, sb, nb) in combinations(items, 2):
        same_gold, same_system = ca == cb, sa == sb
        if not (same_gold or same_system):
            continue
        for scope in ("all", "across_names") if na != nb else ("all",):
            row = counts[scope]
            row[0] += same_system
            row[1] += same_gold
            row[2] += same_gold and same_system
    out: dict[str, Any] = {"items": len(items)}
    for scope, (system, gold_pairs, both) in counts.items():
        out[scope] = {
            "precision": _ratio(both, system), "recall": _ratio(both, gold_pairs),
            "system_pairs": system, "gold_pairs": gold_pairs, "correct_pairs": both,
        }
    return out


def merge_errors(gold: Sequence[GoldDocument],
                 extractions: Sequence[Extraction]) -> dict[str, list[list[str]]]:
    """Wrong merges and missed merges across names, for ``--details`` on a dev split."""
    items = _items(gold, extractions)
    wrong, missed = set(), set()
    for (ca, sa, na), (cb, sb, nb) in combinations(items, 2):
        if na == nb:
            continue
        if sa == sb and ca != cb:
            wrong.add(tuple(sorted((na, nb))))
        elif ca == cb and sa != sb:
            missed.add(tuple(sorted((sa, sb))))
    return {"wrong": sorted(map(list, wrong)), "missed": sorted(map(list, missed))}
