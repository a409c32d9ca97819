"""SHACL validation parses each SPARQL constraint once (kg/export/sparql_prepared.py)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.processor import SPARQLProcessor

from kg.export import sparql_prepared
from kg.export.sparql_prepared import prepared_sparql

QUERY = "SELECT ?o WHERE { $this <urn:p> ?o }"


def _graph() -> Graph:
    graph = Graph()
    graph.add((URIRef("urn:a"), URIRef("urn:p"), Literal("one")))
    graph.add((URIRef("urn:b"), URIRef("urn:p"), Literal("two")))
    return graph


def _answers(graph: Graph, node: str) -> list[str]:
    return [str(row[0]) for row in graph.query(QUERY, initBindings={"this": URIRef(node)})]


def test_prepared_sparql_answers_each_binding_as_a_fresh_parse_does() -> None:
    graph = _graph()
    plain = {node: _answers(graph, node) for node in ("urn:a", "urn:b", "urn:c")}
    sparql_prepared._translated.cache_clear()
    with prepared_sparql():
        prepared = {node: _answers(graph, node) for node in ("urn:a", "urn:b", "urn:c")}
        info = sparql_prepared._translated.cache_info()
    assert prepared == plain == {"urn:a": ["one"], "urn:b": ["two"], "urn:c": []}
    assert (info.misses, info.hits) == (1, 2)  # parsed once, reused for the other two


def test_prepared_sparql_puts_rdflib_back_after_the_outermost_block() -> None:
    original = SPARQLProcessor.query
    with prepared_sparql():
        with prepared_sparql():
            assert SPARQLProcessor.query is not original
        assert SPARQLProcessor.query is not original
    assert SPARQLProcessor.query is original
