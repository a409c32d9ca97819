"""The saved Cypher library: documented, read-only, and running on every backend."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import TrendgraphError
from kg.saved_queries import load_saved_queries, saved_query

QUERIES = load_saved_queries()

# Parameters that make each query answer something on tests/small_graph.py (the
# defaults target the sample corpus); every query must return at least one row.
SMALL_GRAPH_PARAMS = {
    "Brands next to Gen Z trends": {"audience": "génération Z"},  # an alias
    "Shortest connection between two entities": {"source": "Dior", "target": "KFC"},
    "Evidence for a link": {"source": "#mermaidcore", "target": "Queer Community"},
    "Entities co-mentioned with an entity": {"name": "Blockout2024", "top": 5},
}


def test_saved_queries_library_is_documented():
    assert len(QUERIES) >= 8
    for query in QUERIES:
        assert len(query.description) > 40, query.name
        for name in re.findall(r"\$(\w+)", query.cypher):
            assert name in query.params, f"{query.name}: ${name} has no default"


def test_saved_queries_only_use_ontology_types(ontology):
    for query in QUERIES:
        for rel_type in re.findall(r"[:|]([A-Z][A-Z_]+)\b", query.cypher):
            assert rel_type in ontology.relationship_types, (query.name, rel_type)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_saved_queries_run_on_every_backend(small_graph_store, query):
    params = {**query.params, **SMALL_GRAPH_PARAMS.get(query.name, {})}
    result = small_graph_store.query(query.cypher, params, timeout=30.0)
    assert result.rows, f"{query.name} returned nothing on {small_graph_store.traits.name}"


def test_saved_queries_answer_the_strategist_question(small_graph_store):
    audiences = small_graph_store.query(saved_query("Audiences of a trend").cypher,
                                        {"trend": "MermaidCore"})
    assert {row["audience"] for row in audiences.dicts()} == {"Gen Z", "queer community"}
    path = small_graph_store.query(saved_query("Shortest connection between two entities").cypher,
                                   {"source": "Dior", "target": "KFC"}).first()
    assert path["names"] == ["Dior", "Blockout2024", "Mister V", "KFC"] and path["hops"] == 3


def test_saved_queries_unknown_name_lists_the_library():
    with pytest.raises(TrendgraphError, match="Audiences of a trend"):
        saved_query("No such question")


def test_saved_queries_bad_file_names_the_entry(tmp_path: Path):
    bad = tmp_path / "queries.yaml"
    bad.write_text("- name: Broken\n  cypher: MATCH (n) RETURN n\n", encoding="utf-8")
    with pytest.raises(TrendgraphError, match="description"):
        load_saved_queries(bad)
