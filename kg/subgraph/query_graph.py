"""A subgraph from what a read-only Cypher query returns (the console and `--cypher`)."""

from __future__ import annotations

from typing import Any

from kg.linkstats import link_profile
from kg.queries import ENTITY
from kg.store import GraphStore
from kg.store.base import GraphNode, GraphRel
from kg.subgraph.model import Selection, Subgraph
from kg.subgraph.queries import NODES
from kg.subgraph.ranking import cap, edge_from_row, node_from_row
from kg.subgraph.sources import filter_by_documents, mark_headlines


def from_query(
    store: GraphStore, cypher_text: str, params: dict[str, Any] | None = None,
    *, max_nodes: int = 40, limit: int = 5000,
) -> Subgraph:
    """The entities and entity links a read-only query returns, as a subgraph.

    Nothing the query asked for is hidden (background links included); links are
    scored and ordered like every other selection.
    """
    result = store.query(cypher_text, params, limit=limit)
    graph_nodes: dict[str, GraphNode] = {}
    graph_rels: list[GraphRel] = []

    def collect(value: Any) -> None:
        if isinstance(value, GraphNode):
            graph_nodes[value.id] = value
        elif isinstance(value, GraphRel):
            graph_rels.append(value)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for row in result.rows:
        collect(row)
    by_internal = {
        internal: node.properties["id"]
        for internal, node in graph_nodes.items()
        if ENTITY in node.labels and "id" in node.properties
    }
    profile = link_profile(store)
    rows = store.query(NODES, {"ids": list(by_internal.values())}, limit=len(by_internal) or 1)
    nodes = [node_from_row(row, profile=profile) for row in rows.dicts()]
    types = {n.id: n.type for n in nodes}
    fallback = store.ontology.fallback_type
    edges = {}
    for rel in graph_rels:
        if rel.start in by_internal and rel.end in by_internal:
            edge = edge_from_row({**rel.properties, "source": by_internal[rel.start],
                                  "target": by_internal[rel.end], "type": rel.type},
                                 profile, types, fallback)
            edges[edge.key] = edge
    supported, _ = filter_by_documents(store, list(edges.values()), Selection())
    graph = Subgraph(nodes, mark_headlines(store, supported),
                     selection=Selection(max_nodes=max_nodes))
    return cap(graph, max_nodes)
