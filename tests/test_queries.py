"""The schema is written once: every node label and relationship type in the Cypher the
code ships (the strings of kg/ and app.py, and the saved queries) is one the ontology
declares, and the read side takes those names from kg/queries.py instead of spelling
them (issue 14)."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ontology import load_ontology
from kg.queries import MENTIONS, document_node, entity_node
from kg.saved_queries import load_saved_queries

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "kg").rglob("*.py"), ROOT / "app.py"])
ONTOLOGY = load_ontology()

CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|UNWIND|DELETE|RETURN)\b")
LABELS = re.compile(r"\(\s*\w*\s*((?::\s*[A-Za-z_]\w*)+)")
TYPES = re.compile(r"\[\s*\w*\s*:\s*([A-Za-z_]\w*(?:\s*\|\s*:?\s*[A-Za-z_]\w*)*)")


def schema_names(cypher: str) -> Iterator[tuple[str, str]]:
    """("label", name) and ("type", name) for every name spelled in a node or
    relationship pattern of ``cypher``; a spliced ``{name}`` spells none."""
    for chain in LABELS.findall(cypher):
        yield from (("label", name.strip()) for name in chain.split(":") if name.strip())
    for alternatives in TYPES.findall(cypher):
        yield from (("type", name.strip(" :")) for name in alternatives.split("|"))


def cypher_strings(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal that reads as Cypher; an f-string's spliced
    values read as ``{}``, docstrings are prose."""
    tree = ast.parse(source)
    prose = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    skipped = parts | prose
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in skipped):
            text = node.value
        else:
            continue
        if CYPHER.search(text):
            yield node.lineno, str(text)


def _spelled(path: Path) -> list[tuple[str, str, str]]:
    source = path.read_text(encoding="utf-8")
    return [(f"{path.relative_to(ROOT)}:{line}", kind, name)
            for line, text in cypher_strings(source) for kind, name in schema_names(text)]


@functools.cache
def spelled_in_sources() -> list[tuple[str, str, str]]:
    """Every name the shipped Cypher spells, scanned once, when a test first asks."""
    return [found for path in SOURCES for found in _spelled(path)]


def _undeclared(found: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    declared = {"label": ONTOLOGY.node_labels, "type": ONTOLOGY.relationship_types}
    return [(where, kind, name) for where, kind, name in found if name not in declared[kind]]


def test_queries_scan_reads_labels_and_types_of_a_statement() -> None:
    text = 'f"MATCH (d:Document:Article)-[m:MENTIONS|:RELATED_TO]->(e:{label}) RETURN d"'
    found = [(kind, name) for _, t in cypher_strings(text) for kind, name in schema_names(t)]
    assert sorted(found) == [("label", "Article"), ("label", "Document"),
                             ("type", "MENTIONS"), ("type", "RELATED_TO")]


def test_queries_scan_skips_docstrings_and_spliced_names() -> None:
    text = '"""MATCH (n:Nowhere) RETURN n"""\nQ = f"MATCH (e:{ENTITY}) RETURN e"'
    assert [n for _, t in cypher_strings(text) for n in schema_names(t)] == []


def test_queries_scan_flags_a_name_the_ontology_lacks() -> None:
    assert _undeclared([("x.py:1", "label", "Trend"), ("x.py:2", "type", "LIKES")]) == [
        ("x.py:2", "type", "LIKES")]


def test_queries_scan_reaches_the_statements_of_the_code() -> None:
    statements = [t for p in SOURCES for _, t in cypher_strings(p.read_text(encoding="utf-8"))]
    assert len(statements) > 60


def test_queries_cypher_in_the_code_names_only_ontology_labels_and_types() -> None:
    assert _undeclared(spelled_in_sources()) == []


def test_queries_cypher_in_the_code_spells_no_label_or_type() -> None:
    """Statements splice kg/queries.py's names (``entity_node``, ``MENTIONS`` ...) or a
    label the ontology checked, so renaming a class in the Turtle cannot miss a copy."""
    assert spelled_in_sources() == []


@pytest.mark.parametrize("query", load_saved_queries(), ids=lambda q: q.name)
def test_queries_saved_query_names_only_ontology_labels_and_types(query) -> None:
    found = [(query.name, kind, name) for kind, name in schema_names(query.cypher)]
    assert any(kind == "label" for _, kind, _ in found), "the scan finds its node labels"
    assert _undeclared(found) == []


def test_queries_names_come_from_the_ontology() -> None:
    assert ONTOLOGY.mentions_type == MENTIONS
    assert entity_node("e", "$id") == "(e:Entity {id: $id})"
    assert document_node("d") == "(d:Document)"
