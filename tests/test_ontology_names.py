"""The ontology is the only schema: every class name and relationship type that the
extractor's data files and the saved queries spell must be one ``ontology/*.ttl``
declares, so renaming a class there cannot leave a silent copy behind."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.ontology import load_ontology
from kg.saved_queries import load_saved_queries

DATA = Path(__file__).resolve().parent.parent / "kg" / "extract" / "data"
ONTOLOGY = load_ontology()


def _json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _keys(mapping: dict) -> list[str]:
    return [k for k in mapping if not k.startswith("_")]


def _classes_in_data() -> Iterator[tuple[str, str]]:
    """(where, class name) for every place a data file names an ontology class."""
    cues, types, labels = _json("cues.json"), _json("type_cues.json"), _json("ner_labels.json")
    for part in ("ner_agreement", "type_cues"):
        yield from ((f"cues.json {part}", k) for k in _keys(cues[part]))
    yield from (("cues.json enumerations.heads", k) for k in _keys(cues["enumerations"]["heads"]))
    for part in ("before", "after"):
        yield from ((f"type_cues.json {part}", k) for k in _keys(types[part]))
    yield from (("type_cues.json apposition.heads", k)
                for k in _keys(types["apposition"]["heads"]))
    for family in ("fr", "en"):
        yield from ((f"ner_labels.json {family}.{label}", entry["type"])
                    for label, entry in labels[family].items() if entry["type"])
    yield from ((f"ner_labels.json baseline.{k}", v) for k, v in labels["baseline"].items())
    relations = _json("relations.json")
    yield from (("relations.json linkable", name) for pair in relations["linkable"]
                for name in pair)
    for line in (DATA / "patterns.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            pattern = json.loads(line)
            yield f"patterns.jsonl {pattern['id']}", pattern["type"]


def _rel_types_in_data() -> Iterator[tuple[str, str]]:
    relations = _json("relations.json")
    for part in ("cues", "max_confidence"):
        yield from ((f"relations.json {part}", k) for k in _keys(relations[part]))


CLASSES = sorted(set(_classes_in_data()))
REL_TYPES = sorted(set(_rel_types_in_data()))


def test_ontology_names_the_scan_finds_the_names_the_data_uses() -> None:
    """Guards the scan itself: it reaches the files that name classes and types."""
    assert {"Trend", "Person", "CreativeWork"} <= {name for _, name in CLASSES}
    assert {"POPULAR_WITH", "RELATED_TO"} <= {name for _, name in REL_TYPES}


@pytest.mark.parametrize(("where", "name"), CLASSES)
def test_ontology_names_data_file_class_is_declared(where: str, name: str) -> None:
    assert name in ONTOLOGY.entity_types, f"{where}: {name!r} is no entity class of the ontology"


@pytest.mark.parametrize(("where", "name"), REL_TYPES)
def test_ontology_names_data_file_relationship_type_is_declared(where: str, name: str) -> None:
    assert name in ONTOLOGY.relationship_types, f"{where}: {name!r} is no ontology type"


def test_ontology_names_relation_cues_cover_every_entity_relationship_type() -> None:
    cued = {name for where, name in REL_TYPES if where.endswith("cues")}
    assert cued <= set(ONTOLOGY.entity_relationship_types)


@pytest.mark.parametrize("query", load_saved_queries(), ids=lambda q: q.name)
def test_ontology_names_saved_query_labels_are_declared(query) -> None:
    labels = re.findall(r"\(\w*:(\w+)", query.cypher)
    assert labels, "the scan finds the labels of its node patterns"
    unknown = sorted(set(labels) - ONTOLOGY.node_labels)
    assert unknown == [], f"{query.name}: labels outside the ontology"


ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "kg").rglob("*.py"))


@pytest.mark.parametrize("fragment", [r"labels\([^)]*\) WHERE", r"10_000_000"])
def test_ontology_names_read_side_fragments_are_written_once(fragment: str) -> None:
    """The node-type fragment and the whole-answer row cap live in kg/queries.py alone
    (the read-only guard's own range cap is a different limit that happens to match)."""
    found = [str(p.relative_to(ROOT)) for p in SOURCES
             if re.search(fragment, p.read_text(encoding="utf-8"))]
    assert found in (["kg/queries.py"], ["kg/queries.py", "kg/store/guard.py"])


def test_ontology_names_base_labels_of_the_queries_are_ontology_classes() -> None:
    from kg.queries import DOCUMENT, ENTITY

    assert {ENTITY, DOCUMENT} <= ONTOLOGY.node_labels
