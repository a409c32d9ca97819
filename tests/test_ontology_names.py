"""The ontology is the only schema: every class name and relationship type that the
extractor's data files and the saved queries spell must be one ``ontology/*.ttl``
declares, so renaming a class there cannot leave a silent copy behind."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.ontology import load_ontology

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


def _name_lists(tree: ast.Module, names: frozenset[str]) -> Iterator[str]:
    """Module constants that spell two or more ontology names (a tuple, list, set or the
    keys of a dict of class names), found wherever they are assigned at module level."""
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        strings = [n.value for n in ast.walk(node.value)
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        spelled = [s for s in strings if s in names]
        if len(spelled) >= 2 and len(spelled) * 2 >= len(strings):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            yield from (t.id for t in targets if isinstance(t, ast.Name))


def _spelled_by_hand() -> set[str]:
    names = frozenset(ONTOLOGY.classes) | ONTOLOGY.relationship_types
    return {f"{p.relative_to(ROOT)}:{name}" for p in SOURCES
            for name in _name_lists(ast.parse(p.read_text(encoding="utf-8")), names)}


def test_ontology_names_the_name_list_scan_finds_a_hand_written_list() -> None:
    tree = ast.parse('SECTIONS = {"Audience": "Audiences", "Person": "People"}\nX = ("a", "b")')
    assert list(_name_lists(tree, frozenset(ONTOLOGY.classes))) == ["SECTIONS"]


def test_ontology_names_no_constant_spells_class_names() -> None:
    """A module's choice of classes (a page's sections, the classes a rule applies to) names
    them checked (``load_ontology().names.Trend``) or derives them from the ontology
    (tg:plural, tg:properName, ``ordered``), never as free strings (issue 14)."""
    assert _spelled_by_hand() == set()


def test_ontology_names_every_extractable_class_has_a_plural_label() -> None:
    assert all(ONTOLOGY.classes[t].plural_en for t in ONTOLOGY.entity_types)
    assert ONTOLOGY.class_plural("Person") == "People"


def test_ontology_names_proper_name_classes_come_from_the_ontology() -> None:
    assert {"Person", "Brand", "Place"} <= ONTOLOGY.proper_types
    assert not {"Trend", "Audience", "Topic"} & ONTOLOGY.proper_types


def _compared(tree: ast.Module, names: frozenset[str]) -> Iterator[int]:
    """Lines that compare a value with a class name spelled as a string (``t == "Trend"``,
    ``t in ("Brand", "Place")``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                yield from (n.lineno for n in ast.walk(side)
                            if isinstance(n, ast.Constant) and n.value in names)


SHIPPED = sorted([*SOURCES, *(ROOT / "ingest").rglob("*.py"), ROOT / "app.py"])


def _compared_by_hand() -> dict[str, list[int]]:
    names = frozenset(ONTOLOGY.classes)
    found = {str(p.relative_to(ROOT)): sorted(set(_compared(ast.parse(p.read_text(
        encoding="utf-8")), names))) for p in SHIPPED}
    return {path: lines for path, lines in found.items() if lines}


def test_ontology_names_the_comparison_scan_finds_a_spelled_class() -> None:
    tree = ast.parse('if t == "Trend" or t in ("Brand", "x"):\n    pass\nif t == CLASS.Trend: pass')
    assert list(_compared(tree, frozenset(ONTOLOGY.classes))) == [1, 1]


def test_ontology_names_no_module_compares_with_a_spelled_class() -> None:
    """Code compares types with checked names (``CLASS.Trend``) or the ontology's sets
    (``common_types``, ``proper_types``), so a class renamed in the Turtle fails at import
    instead of silently matching nothing (issue 14)."""
    assert _compared_by_hand() == {}


def test_ontology_names_a_checked_class_name_is_the_name() -> None:
    assert ONTOLOGY.names.Trend == "Trend"
    assert ONTOLOGY.names.CreativeWork in ONTOLOGY.entity_types


def test_ontology_names_an_undeclared_class_name_fails_naming_it() -> None:
    from kg.errors import OntologyError

    with pytest.raises(OntologyError, match="'Trnd', which the ontology does not declare"):
        _ = ONTOLOGY.names.Trnd


def test_ontology_names_common_types_are_the_extractable_classes_without_proper_names() -> None:
    assert ONTOLOGY.common_types == {"Trend", "Audience", "Topic"}


def test_ontology_names_a_chosen_order_still_lists_every_other_class() -> None:
    order = ONTOLOGY.ordered(["Trend", "Person"])
    assert order[:2] == ("Trend", "Person")
    assert sorted(order) == sorted(ONTOLOGY.entity_types)


def _spelled_classes(tree: ast.Module, names: frozenset[str]) -> Iterator[int]:
    """Lines of every string (docstrings aside) that is exactly a class name."""
    prose = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    yield from (n.lineno for n in ast.walk(tree) if isinstance(n, ast.Constant)
                and n.value in names and id(n) not in prose)


def test_ontology_names_the_spelling_scan_skips_docstrings() -> None:
    tree = ast.parse('"""Trend"""\ndef f():\n    """Person"""\n    return make(type_="Brand")')
    assert list(_spelled_classes(tree, frozenset(ONTOLOGY.classes))) == [4]


def _is_core(path: Path) -> bool:
    """Modules whose strings are code, not words shown to a user: all of kg/ but the app,
    the CLI and the exports (a column headed "Trend" is English text, not the class), and
    kg/ontology.py, where the two root class names are declared once."""
    parts = path.relative_to(ROOT / "kg").parts
    return (parts[0] not in {"app", "export"} and not parts[0].startswith("cli")
            and parts != ("ontology.py",))


CORE = [p for p in SOURCES if _is_core(p)]


def test_ontology_names_the_core_scan_reaches_the_extractor_and_the_stores() -> None:
    core = {str(p.relative_to(ROOT)) for p in CORE}
    assert {"kg/model.py", "kg/extract/ner_types.py", "kg/store/cypher.py"} <= core
    assert not core & {"kg/cli.py", "kg/app/trend.py", "kg/ontology.py"}


def test_ontology_names_the_core_spells_no_class_name() -> None:
    """Every type the extractor, the stores and the analyses assign or test is a checked
    name (``CLASS.Person``), so a class renamed in the Turtle fails at import (issue 14)."""
    names = frozenset(ONTOLOGY.classes)
    found = {str(p.relative_to(ROOT)): sorted(set(_spelled_classes(ast.parse(
        p.read_text(encoding="utf-8")), names))) for p in CORE}
    assert {path: lines for path, lines in found.items() if lines} == {}
