"""Hubs as badges: platforms and the largest audiences summarised above the canvas.

They link to nearly everything, so drawn as nodes they turn any view into a
hairball. By default they are left off the canvas and listed as badges with
how many drawn entities they touch; picking badges keeps only what links to
them, and a toggle draws them again.
"""

from __future__ import annotations

import streamlit as st

from kg.app import state
from kg.subgraph import Node, Subgraph


def render_badges(uri: str, graph: Subgraph) -> Subgraph:
    """The subgraph to draw: ``graph`` without its hubs unless the user asks for them."""
    hub_ids = state.hub_ids(uri)
    present = [n for n in graph.nodes if n.id in hub_ids and not n.seed]
    if not present:
        return graph
    show = st.toggle("Draw platforms and the largest audiences as nodes", key="hubs",
                     bind="query-params",
                     help="They link to almost everything; as badges they keep the view readable.")
    if show:
        return graph
    touching = _touching(graph, {n.id for n in present})
    names = {n.id: f"{n.name} · {len(touching[n.id])}" for n in present}
    chosen = st.pills("Also linked to (number of entities in the view)", list(names),
                      format_func=names.__getitem__, selection_mode="multi", key="hubf",
                      bind="query-params",
                      help="Pick badges to keep only the entities linked to them.") or []
    hidden = {n.id for n in present}
    keep = [n for n in graph.nodes if n.id not in hidden and _passes(n, chosen, touching)]
    ids = {n.id for n in keep}
    edges = [e for e in graph.edges if e.source in ids and e.target in ids]
    return Subgraph(nodes=keep, edges=edges, omitted_nodes=graph.omitted_nodes,
                    selection=graph.selection)


def _touching(graph: Subgraph, hubs: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {h: set() for h in hubs}
    for edge in graph.edges:
        if edge.source in hubs:
            found[edge.source].add(edge.target)
        if edge.target in hubs:
            found[edge.target].add(edge.source)
    return found


def _passes(node: Node, chosen: list[str], touching: dict[str, set[str]]) -> bool:
    return node.seed or all(node.id in touching.get(h, set()) for h in chosen)
