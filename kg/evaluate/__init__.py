"""Scoring extraction against hand-annotated gold folders (``trendgraph eval``).

A split is a folder of ``NAME.txt`` beside ``NAME.gold.json`` (``tests/gold/dev``,
``tests/gold/blind``). Each split is extracted, consolidated across its documents
as ingest consolidates a corpus, and scored: entities per type, merges (pairwise,
against ``same_as`` concepts), relations, and spaCy's NER alone as a baseline.

Misses and false positives are listed only on request (``details``) and never for a
blind split: a folder named ``blind`` yields numbers only, so nobody tunes on it.
Everything here is a pure function of the folders and the installed models; the
CLI only prints :func:`format_report` or the JSON of :func:`evaluate_splits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.errors import InputError, Reasons
from kg.evaluate.baseline import baseline_extractions
from kg.evaluate.gold import (
    GoldDocument,
    GoldEntity,
    GoldRelation,
    is_blind,
    name_key,
    ontology_type,
    parse_gold_text,
    read_gold,
)
from kg.evaluate.merges import merge_errors, merge_scores
from kg.evaluate.report import format_report
from kg.evaluate.scoring import CORE_TYPES, match_entities, score
from kg.model import Extraction

__all__ = [
    "CORE_TYPES", "GoldDocument", "GoldEntity", "GoldRelation", "baseline_extractions",
    "evaluate", "evaluate_splits", "format_report", "is_blind", "match_entities",
    "merge_scores", "name_key", "ontology_type", "parse_gold_text", "read_gold", "score",
    "split_folders",
]


def system_extractions(documents: Sequence[Any]) -> list[Extraction]:
    """trendgraph's extraction of a split, consolidated across its documents."""
    from kg.consolidate import consolidate
    from kg.extract import extract_many

    return consolidate(list(extract_many(documents)))


def evaluate(gold_dir: Path, *, baseline: bool = True, details: bool = False) -> dict[str, Any]:
    """Extract, consolidate and score one split; the baseline goes under ``"baseline"``.

    ``details`` adds the misses and false positives; it is refused for a blind split.
    """
    gold_dir = Path(gold_dir)
    if details and is_blind(gold_dir):
        raise InputError(str(gold_dir), Reasons.BLIND_SCORES_ONLY)
    gold = read_gold(gold_dir)
    documents = [g.document for g in gold]
    extractions = system_extractions(documents)
    report = score(gold, extractions, details=details)
    report["split"] = gold_dir.name
    report["blind"] = is_blind(gold_dir)
    report["merges"] = merge_scores(gold, extractions)
    if details:
        report["merge_errors"] = merge_errors(gold, extractions)
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


def split_folders(folders: Sequence[Path], *, splits: Sequence[str] = (),
                  root: Path = Path("tests/gold")) -> list[Path]:
    """The folders to score: those given, ``root/NAME`` per split, else every split of ``root``.

    With nothing given, ``root``'s subfolders that hold gold files are the splits
    (``dev``, ``blind``), or ``root`` itself when it holds them directly.
    """
    chosen = [Path(f) for f in folders] + [root / name for name in splits]
    if chosen:
        return chosen
    if any(root.glob("*.gold.json")):
        return [root]
    found = sorted(p for p in root.iterdir() if p.is_dir() and any(p.glob("*.gold.json"))) \
        if root.is_dir() else []
    if not found:
        raise InputError(str(root), Reasons.NO_GOLD_SPLIT)
    return found


def evaluate_splits(folders: Sequence[Path], *, baseline: bool = True,
                    details: bool = False) -> dict[str, Any]:
    """Score several splits side by side: ``{"splits": {name: report}}``.

    ``details`` lists misses for the dev splits only; asking for them while a blind
    split is scored too is refused rather than silently half-done.
    """
    blind = [str(f) for f in folders if is_blind(Path(f))]
    if details and blind:
        raise InputError(blind[0], Reasons.BLIND_NO_DETAILS)
    reports: dict[str, Any] = {}
    for folder in folders:
        name = Path(folder).name
        if name in reports:
            name = str(folder)
        reports[name] = evaluate(Path(folder), baseline=baseline, details=details)
    return {"splits": reports}
