"""Exports never crash or write invalid files on control characters (issue 10).

A store written before ingest cleaned texts (or a Cypher-chosen value) can still
hold a NUL or a vertical tab; XLSX, GraphML and GEXF must be written and read back.
"""

from __future__ import annotations

import io
from dataclasses import replace
from xml.etree import ElementTree

import networkx as nx
import pytest
from test_export import DAY, mermaid_subgraph

from kg.export import export, export_bytes
from kg.subgraph import Evidence

DIRTY = "Mer\x00maid\x0bcore\x07 \ud800\ufffe"


@pytest.fixture
def dirty_subgraph():
    graph = mermaid_subgraph()
    nodes = [replace(graph.nodes[0], name=DIRTY, aliases=(DIRTY,)), *graph.nodes[1:]]
    first = graph.edges[0]
    edges = [replace(first, evidence=(Evidence(doc="doc:x", sentence=f"Quote {DIRTY}."),)),
             *graph.edges[1:]]
    return replace(graph, nodes=nodes, edges=edges)


def test_exports_xlsx_with_control_characters_opens(dirty_subgraph):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export_bytes(dirty_subgraph, "xlsx", date=DAY)))
    names = [row[1] for row in book["Nodes"].iter_rows(values_only=True)]
    assert "Mermaid\ncore " in names


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exports_graph_files_with_control_characters_are_valid_xml(dirty_subgraph, fmt, tmp_path):
    [path] = export(dirty_subgraph, fmt, tmp_path / f"g.{fmt}", date=DAY)
    ElementTree.parse(path)  # well-formed XML
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == len(dirty_subgraph.nodes)
