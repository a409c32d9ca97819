"""Scoring one split: entities per type, relations on unordered pairs, in-document misses.

An extracted entity matches a gold entity when one of its names (canonical or alias)
equals one of the gold names after normalisation (case, accents, '#', spacing,
CamelCase) and its type is the gold type or one of ``also_ok``. Precision counts only
the five exhaustively annotated types; recall counts every gold entity. Relations
are scored on unordered pairs of matched entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.evaluate.gold import GoldDocument, GoldEntity, name_key, ontology_type
from kg.model import Entity, Extraction
from kg.ontology import load_ontology

CLASS = load_ontology().names
CORE_TYPES = (CLASS.Trend, CLASS.Audience, CLASS.Brand, CLASS.Person, CLASS.Platform)


# ---------------------------------------------------------------- scoring


@dataclass(slots=True)
class _Counts:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def scores(self, *, with_precision: bool = True) -> dict[str, Any]:
        precision = self.correct / self.predicted if self.predicted else float(not self.gold)
        recall = self.found / self.gold if self.gold else 1.0
        if not with_precision:
            return {"precision": None, "recall": round(recall, 4), "f1": None,
                    "gold": self.gold, "found": self.found}
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "gold": self.gold, "found": self.found, "predicted": self.predicted,
                "correct": self.correct}


@dataclass(slots=True)
class _Tally:
    by_type: dict[str, _Counts] = field(default_factory=dict)
    misses: list[dict[str, str]] = field(default_factory=list)
    false_positives: list[dict[str, str]] = field(default_factory=list)
    rel: _Counts = field(default_factory=_Counts)
    rel_typed: int = 0
    rel_misses: list[dict[str, str]] = field(default_factory=list)
    rel_false_positives: list[dict[str, Any]] = field(default_factory=list)
    unlisted: _Counts = field(default_factory=_Counts)

    def counts(self, type_: str) -> _Counts:
        return self.by_type.setdefault(type_, _Counts())


def entity_keys(entity: Entity) -> frozenset[str]:
    return frozenset(name_key(n) for n in (entity.name, *entity.aliases) if name_key(n))


def match_entities(predicted: Sequence[Entity], gold: Sequence[GoldEntity]) -> list[set[int]]:
    """For each predicted entity, the indices of the gold entities it matches."""
    gold_keys = [g.keys for g in gold]
    out = []
    for entity in predicted:
        keys = entity_keys(entity)
        out.append({
            i for i, g in enumerate(gold) if keys & gold_keys[i] and g.accepts(entity.type)
        })
    return out


def score_document(
    tally: _Tally, doc: GoldDocument, extraction: Extraction, *,
    unlisted_keys: frozenset[str] | None = None, rel_types: dict[str, str] | None = None,
) -> None:
    """Add one document's entity and relation counts to ``tally``."""
    predicted = extraction.entities
    matches = match_entities(predicted, doc.entities)
    for entity, matched in zip(predicted, matches, strict=True):
        if entity.type not in CORE_TYPES:
            continue
        counts = tally.counts(entity.type)
        counts.predicted += 1
        if matched:
            counts.correct += 1
        else:
            fp = {"doc": doc.name, "name": entity.name, "type": entity.type}
            same_name = [g for g in doc.entities if entity_keys(entity) & g.keys]
            if same_name:
                fp["gold_type"] = same_name[0].type
            tally.false_positives.append(fp)
    found = set().union(*matches) if matches else set()
    for index, gold in enumerate(doc.entities):
        counts = tally.counts(gold.type)
        counts.gold += 1
        if index in found:
            counts.found += 1
        else:
            tally.misses.append({"doc": doc.name, "name": gold.name, "type": gold.type})
        trend = gold.type == CLASS.Trend
        if unlisted_keys is not None and trend and not (gold.keys & unlisted_keys):
            tally.unlisted.gold += 1
            tally.unlisted.found += index in found
    _score_relations(tally, doc, extraction, matches, rel_types or {})


def _score_relations(tally: _Tally, doc: GoldDocument, extraction: Extraction,
                     matches: list[set[int]], rel_types: dict[str, str]) -> None:
    by_name: dict[str, int] = {}
    for index, gold in enumerate(doc.entities):
        for k in gold.keys:
            by_name.setdefault(k, index)
    gold_pairs: dict[frozenset[int], str] = {}
    for gold_relation in doc.relations:
        a = by_name.get(name_key(gold_relation.source))
        b = by_name.get(name_key(gold_relation.target))
        if a is not None and b is not None and a != b:
            gold_pairs.setdefault(frozenset((a, b)), gold_relation.kind)
    index_of = {e.id: i for i, e in enumerate(extraction.entities)}
    found_pairs: set[frozenset[int]] = set()
    seen: set[frozenset[str]] = set()
    for relation in extraction.relations:
        pair_ids = frozenset((relation.source, relation.target))
        if pair_ids in seen or relation.source not in index_of or relation.target not in index_of:
            continue
        seen.add(pair_ids)
        ga, gb = matches[index_of[relation.source]], matches[index_of[relation.target]]
        if not ga or not gb:
            continue  # an end is not in the gold: counted as an entity error, not twice
        tally.rel.predicted += 1
        hits = [frozenset((a, b)) for a in ga for b in gb
                if a != b and frozenset((a, b)) in gold_pairs]
        if hits:
            tally.rel.correct += 1
            found_pairs.update(hits)
            if rel_types.get(gold_pairs[hits[0]].lower()) == relation.type:
                tally.rel_typed += 1
        else:
            names = {e.id: e.name for e in extraction.entities}
            tally.rel_false_positives.append({
                "doc": doc.name, "source": names[relation.source],
                "target": names[relation.target], "type": relation.type,
                "confidence": relation.confidence,
                "evidence": relation.evidence[0].sentence if relation.evidence else "",
            })
    tally.rel.gold += len(gold_pairs)
    tally.rel.found += len(found_pairs)
    for pair, kind in gold_pairs.items():
        if pair not in found_pairs:
            first, second = sorted(doc.entities[i].name for i in pair)
            tally.rel_misses.append({"doc": doc.name, "source": first, "target": second,
                                     "kind": kind})


def summarise(tally: _Tally, documents: int, *, details: bool = False) -> dict[str, Any]:
    """The report dictionary of one system; misses and false positives only with ``details``."""
    total, core = _Counts(), _Counts()
    by_type = {}
    for type_, counts in sorted(tally.by_type.items()):
        exhaustive = ontology_type(type_) in CORE_TYPES
        by_type[type_] = counts.scores(with_precision=exhaustive)
        for target in (total, core) if exhaustive else (total,):
            target.gold += counts.gold
            target.found += counts.found
            if exhaustive:
                target.predicted += counts.predicted
                target.correct += counts.correct
    relations = tally.rel.scores()
    relations["typed_correctly"] = tally.rel_typed
    relations["typed_share"] = round(tally.rel_typed / tally.rel.correct, 4) if tally.rel.correct \
        else None
    report: dict[str, Any] = {
        "documents": documents,
        "entities": {"overall": total.scores(), "core_types": core.scores(), "by_type": by_type},
        "relations": relations,
    }
    if details:
        report["misses"] = tally.misses
        report["false_positives"] = tally.false_positives
        report["relation_misses"] = tally.rel_misses
        report["relation_false_positives"] = tally.rel_false_positives
    if tally.unlisted.gold:
        report["unlisted_trend_recall"] = round(tally.unlisted.found / tally.unlisted.gold, 4)
        report["unlisted_trends"] = {"gold": tally.unlisted.gold, "found": tally.unlisted.found}
    return report


def lexicon_keys() -> frozenset[str]:
    """Normalised spellings of every Trend the lexicon knows."""
    from kg.extract.lexicon_entries import label_variants

    return frozenset(
        name_key(v) for c in load_ontology().concepts if c.type == CLASS.Trend
        for label in c.labels for v in label_variants(label)
    )


def relation_kinds() -> dict[str, str]:
    """Gold relation kinds ('popular with') -> relationship types (POPULAR_WITH)."""
    out = {}
    for prop in load_ontology().properties.values():
        for label in (prop.label_en, prop.name, prop.rel_type):
            if label:
                out[label.lower()] = prop.rel_type
                out[label.lower().replace("_", " ")] = prop.rel_type
    return out


def score(gold: Sequence[GoldDocument], extractions: Sequence[Extraction], *,
          details: bool = False) -> dict[str, Any]:
    """Score extractions (same order as ``gold``) against the gold documents."""
    tally = _Tally()
    unlisted = lexicon_keys()
    kinds = relation_kinds()
    for doc, extraction in zip(gold, extractions, strict=True):
        score_document(tally, doc, extraction, unlisted_keys=unlisted, rel_types=kinds)
    return summarise(tally, len(gold), details=details)
