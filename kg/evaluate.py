"""Scoring extraction against a hand-annotated gold folder (``trendgraph eval``).

Each ``NAME.txt`` (optional ``URL:``/``LANG:``/``DATE:``/``TITLE:`` header lines, a blank
line, the body) sits beside ``NAME.gold.json`` (format in DESIGN.md). An extracted
entity matches a gold entity when one of its names (canonical or alias) equals one
of the gold names after normalisation (case, accents, '#', spacing, CamelCase) and
its type is the gold type or one of ``also_ok``. Precision counts only the five
exhaustively annotated types; recall counts every gold entity. Relations are
scored on unordered pairs of matched entities. The same report holds a baseline:
spaCy's NER alone with a plain label mapping, so every gain is visible.

Everything here is a pure function of the folder and the installed models; the
CLI only prints :func:`format_report` or the JSON of :func:`evaluate`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.text import read_article
from kg.errors import InputError
from kg.model import Document, Entity, Extraction, Mention, fold

CORE_TYPES = ("Trend", "Audience", "Brand", "Person", "Platform")
GOLD_TYPES = {"Work": "CreativeWork"}


# ---------------------------------------------------------------- gold files


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    also_ok: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in (self.name, *self.aliases) if name_key(n))

    def accepts(self, type_: str) -> bool:
        accepted = {ontology_type(self.type)} | {ontology_type(t) for t in self.also_ok}
        return type_ in accepted


@dataclass(frozen=True, slots=True)
class GoldRelation:
    source: str
    target: str
    kind: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    document: Document
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]


def name_key(text: str) -> str:
    """Normalised form for matching: case, accents, '#', spacing and CamelCase ignored."""
    return fold(text).replace(" ", "")


def ontology_type(gold_type: str) -> str:
    """Gold files say "Work" where the ontology says "CreativeWork"."""
    return GOLD_TYPES.get(gold_type, gold_type)


def parse_gold_text(text: str, *, source: str) -> Document:
    """A gold ``.txt`` is read exactly as ``trendgraph ingest`` reads an article."""
    return read_article(text, source)


def read_gold(gold_dir: Path) -> list[GoldDocument]:
    """Every ``NAME.txt`` with its ``NAME.gold.json``, sorted by name."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), "not a folder; pass the folder that holds NAME.txt files")
    out = []
    for txt in sorted(gold_dir.glob("*.txt")):
        gold_path = txt.with_name(txt.stem + ".gold.json")
        if not gold_path.is_file():
            raise InputError(str(txt), f"no gold file {gold_path.name} beside it")
        try:
            data = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(str(gold_path), f"cannot read the gold JSON: {exc}") from exc
        entities = tuple(
            GoldEntity(e["name"], e["type"], tuple(e.get("aliases", [])),
                       tuple(e.get("also_ok", [])))
            for e in data.get("entities", [])
        )
        relations = tuple(
            GoldRelation(r["source"], r["target"], r.get("kind", ""), r.get("evidence", ""))
            for r in data.get("relations", [])
        )
        document = parse_gold_text(txt.read_text(encoding="utf-8"), source=str(txt))
        out.append(GoldDocument(txt.stem, document, entities, relations))
    if not out:
        raise InputError(str(gold_dir), "no NAME.txt files with NAME.gold.json beside them")
    return out


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
        if unlisted_keys is not None and gold.type == "Trend" and not (gold.keys & unlisted_keys):
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
    for relation in doc.relations:
        a, b = by_name.get(name_key(relation.source)), by_name.get(name_key(relation.target))
        if a is not None and b is not None and a != b:
            gold_pairs.setdefault(frozenset((a, b)), relation.kind)
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
    tally.rel.gold += len(gold_pairs)
    tally.rel.found += len(found_pairs)
    for pair, kind in gold_pairs.items():
        if pair not in found_pairs:
            a, b = sorted(doc.entities[i].name for i in pair)
            tally.rel_misses.append({"doc": doc.name, "source": a, "target": b, "kind": kind})


def summarise(tally: _Tally, documents: int) -> dict[str, Any]:
    """The report dictionary of one system."""
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
    report: dict[str, Any] = {
        "documents": documents,
        "entities": {"overall": total.scores(), "core_types": core.scores(), "by_type": by_type},
        "relations": relations,
        "misses": tally.misses,
        "false_positives": tally.false_positives,
        "relation_misses": tally.rel_misses,
    }
    if tally.unlisted.gold:
        report["unlisted_trend_recall"] = round(tally.unlisted.found / tally.unlisted.gold, 4)
        report["unlisted_trends"] = {"gold": tally.unlisted.gold, "found": tally.unlisted.found}
    return report


def lexicon_keys() -> frozenset[str]:
    """Normalised spellings of every Trend the lexicon knows."""
    from kg.extract.lexicon_ruler import label_variants
    from kg.ontology import load_ontology

    return frozenset(
        name_key(v) for c in load_ontology().concepts if c.type == "Trend"
        for label in c.labels for v in label_variants(label)
    )


def relation_kinds() -> dict[str, str]:
    """Gold relation kinds ('popular with') -> relationship types (POPULAR_WITH)."""
    from kg.ontology import load_ontology

    out = {}
    for prop in load_ontology().properties.values():
        for label in (prop.label_en, prop.name, prop.rel_type):
            if label:
                out[label.lower()] = prop.rel_type
                out[label.lower().replace("_", " ")] = prop.rel_type
    return out


def score(gold: Sequence[GoldDocument], extractions: Sequence[Extraction]) -> dict[str, Any]:
    """Score extractions (same order as ``gold``) against the gold documents."""
    tally = _Tally()
    unlisted = lexicon_keys()
    kinds = relation_kinds()
    for doc, extraction in zip(gold, extractions, strict=True):
        score_document(tally, doc, extraction, unlisted_keys=unlisted, rel_types=kinds)
    return summarise(tally, len(gold))


# ---------------------------------------------------------------- systems


def baseline_extractions(documents: Sequence[Document]) -> list[Extraction]:
    """spaCy NER alone: PER/PERSON->Person, ORG->Brand, LOC/GPE->Place, MISC->Trend.

    Same models and tokenisation as trendgraph, no lexicon, patterns, filters or
    resolution beyond identical strings; relations by plain sentence co-occurrence.
    """
    from kg.extract.extraction import analysed_text
    from kg.extract.language import document_language
    from kg.extract.pipeline import model_name
    from kg.extract.relations import Sentence, relate
    from kg.extract.resources import load_json
    from kg.ontology import load_ontology

    mapping = load_json("ner_labels.json")["baseline"]
    ontology = load_ontology()
    out = []
    for document in documents:
        text = analysed_text(document)
        lang = document_language(document.lang, text)
        doc = _base(model_name(lang))(text)
        sentences = list(doc.sents)
        sent_index = {s.start: i for i, s in enumerate(sentences)}
        entities: dict[tuple[str, str], Entity] = {}
        for ent in doc.ents:
            type_ = mapping.get(ent.label_)
            if type_ is None:
                continue
            name = ent.text.strip()
            entity = entities.setdefault((type_, name), Entity(type=type_, name=name, source="ner"))
            entity.mentions.append(Mention(ent.text, ent.start_char, ent.end_char,
                                           sent_index.get(ent.sent.start, 0)))
        ents = list(entities.values())
        sents = [Sentence(s.text.strip(), s.start_char, s.end_char) for s in sentences]
        relations = relate(ents, sents, doc_id=document.id, ontology=ontology)
        out.append(Extraction(document=document, entities=ents, relations=relations, lang=lang))
    return out


_BASES: dict[str, Any] = {}


def _base(name: str) -> Any:
    if name not in _BASES:
        from kg.extract.pipeline import load_base

        _BASES[name] = load_base(name)
    return _BASES[name]


def evaluate(gold_dir: Path, *, baseline: bool = True) -> dict[str, Any]:
    """Extract every gold document and score it; the baseline goes under ``"baseline"``."""
    from kg.extract import extract_many

    gold = read_gold(Path(gold_dir))
    documents = [g.document for g in gold]
    report = score(gold, list(extract_many(documents)))
    if baseline:
        base = score(gold, baseline_extractions(documents))
        report["baseline"] = {
            "entities": base["entities"],
            "relations": base["relations"],
            "unlisted_trend_recall": base.get("unlisted_trend_recall"),
        }
        ours, theirs = report["entities"]["overall"]["f1"], base["entities"]["overall"]["f1"]
        report["gain_over_baseline"] = {"f1": round(ours - theirs, 4)}
    return report


# ---------------------------------------------------------------- rendering


def format_report(report: dict[str, Any], *, limit: int = 40) -> str:
    """A readable text report (rich tables) of :func:`evaluate`'s result."""
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=110, color_system=None, force_terminal=False)
    entities = report["entities"]
    base = report.get("baseline", {}).get("entities", {})
    table = Table(title=f"Entities — {report['documents']} documents")
    columns = ("type", "precision", "recall", "F1", "gold", "found", "predicted", "baseline F1")
    for column in columns:
        table.add_column(column, justify="left" if column == "type" else "right")
    rows: Iterable[tuple[str, dict[str, Any]]] = [
        *entities["by_type"].items(),
        ("core types", entities["core_types"]),
        ("overall", entities["overall"]),
    ]
    for label, scores in rows:
        if label == "overall":
            base_scores = base.get("overall", {})
        elif label == "core types":
            base_scores = base.get("core_types", {})
        else:
            base_scores = base.get("by_type", {}).get(label, {})
        table.add_row(label, _pct(scores.get("precision")), _pct(scores.get("recall")),
                      _pct(scores.get("f1")), str(scores.get("gold", "")),
                      str(scores.get("found", "")),
                      str(scores.get("predicted", "")), _pct(base_scores.get("f1")))
    console.print(table)
    relations = report["relations"]
    console.print(
        "Relations (unordered pairs of matched entities): "
        f"precision {_pct(relations['precision'])}, "
        f"recall {_pct(relations['recall'])}, F1 {_pct(relations['f1'])}; "
        f"{relations['typed_correctly']}/{relations['correct']} found pairs typed as the gold kind."
    )
    if "unlisted_trend_recall" in report:
        console.print(f"Trend recall on gold trends absent from the lexicon: "
                      f"{_pct(report['unlisted_trend_recall'])} "
                      f"({report['unlisted_trends']['found']}/{report['unlisted_trends']['gold']})")
    if "gain_over_baseline" in report:
        console.print(f"Overall F1 gain over the NER-only baseline: "
                      f"{report['gain_over_baseline']['f1']:+.3f}")
    for title, key in (("Misses", "misses"), ("False positives", "false_positives")):
        items = report.get(key, [])
        console.print(f"\n{title} ({len(items)}):")
        for item in items[:limit]:
            extra = f" (gold says {item['gold_type']})" if "gold_type" in item else ""
            console.print(f"  {item['doc']}: {item['name']} [{item['type']}]{extra}")
        if len(items) > limit:
            console.print(f"  … and {len(items) - limit} more (use --json for all)")
    return buffer.getvalue()


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


if __name__ == "__main__":  # python -m kg.evaluate GOLD_DIR [--json]
    import sys

    result = evaluate(Path(sys.argv[1]))
    if "--json" in sys.argv:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_report(result))
