"""How much each link means (strength, stated or not, background) and which nodes stay."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kg.linkstats import LinkProfile, is_background, is_cued
from kg.queries import ENTITY
from kg.subgraph.model import Edge, Evidence, Node, Subgraph


def edge_from_row(row: dict[str, Any], profile: LinkProfile, types: dict[str, str],
                  fallback: str) -> Edge:
    """An Edge from a query row, scored against the graph-wide profile (built once:
    a hub's view scores thousands of candidate links)."""
    docs = row.get("evidence_docs")  # none for a ring or list row (a hub's view has ~1,000)
    evidence = tuple(Evidence(doc=d, sentence=s) for d, s in zip(
        docs, row.get("evidence") or [], strict=False)) if docs else ()
    source, target, rel_type = row["source"], row["target"], row["type"]
    weight, confidence = int(row.get("weight") or 0), float(row.get("confidence") or 0.5)
    return Edge(
        source=source, target=target, type=rel_type, weight=weight, confidence=confidence,
        evidence=evidence, docs=tuple(row.get("docs") or ()),
        first_seen=row.get("first_seen") or "", last_seen=row.get("last_seen") or "",
        doc_count=int(row.get("doc_count") or 0),
        strength=profile.strength(weight, source, target),
        cued=is_cued(rel_type, confidence, fallback, row.get("cued")),
        background=is_background(rel_type, types.get(source) or profile.types.get(source, ""),
                                 types.get(target) or profile.types.get(target, ""), fallback),
    )


def node_from_row(row: dict[str, Any], *, seed: bool = False, profile: LinkProfile | None = None,
                  ring: int = 0, context: bool = False) -> Node:
    return Node(
        id=row["id"], name=row["name"] or row["id"], type=row["type"] or ENTITY,
        aliases=tuple(row.get("aliases") or ()), mentions=int(row.get("mentions") or 0),
        first_seen=row.get("first_seen") or "", last_seen=row.get("last_seen") or "",
        uri=row.get("uri") or "", seed=seed, context=context, ring=ring,
        hub=bool(profile and profile.is_hub(row["id"])),
    )


def cap(graph: Subgraph, max_nodes: int) -> Subgraph:
    """Keep seeds and the nodes with the strongest links; count what was left out."""
    connected = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    candidates = [
        n for n in graph.nodes if n.seed or n.id in connected or not graph.selection.seeds
    ]
    best: dict[str, tuple] = {}
    for edge in graph.edges:
        for end in (edge.source, edge.target):
            best[end] = min(best.get(end, edge.rank), edge.rank)
    ranked = sorted(candidates, key=lambda n: (not n.seed, n.context, best.get(n.id, (True,)),
                                               -n.mentions, n.name))
    kept = ranked[: max(max_nodes, 1)]
    return prune(graph, {n.id for n in kept}, omitted=len(candidates) - len(kept))


def draw_per_node(edges: list[Edge], always: set[tuple[str, str, str]], k: int) -> list[Edge]:
    """The links in ``always``, then the best others while both ends draw fewer than ``k``.

    Every node ends with at most ``k`` links, or only those of ``always`` (the links
    that connect the view) if they are more; ``k`` <= 0 draws every link.
    """
    if k <= 0:
        return list(edges)
    drawn = [e for e in edges if e.key in always]
    degree: dict[str, int] = {}
    for edge in drawn:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    for edge in sorted((e for e in edges if e.key not in always), key=lambda e: e.rank):
        if degree.get(edge.source, 0) < k and degree.get(edge.target, 0) < k:
            drawn.append(edge)
            for end in (edge.source, edge.target):
                degree[end] = degree.get(end, 0) + 1
    return drawn


def order(edges: list[Edge], nodes: list[Node]) -> list[Edge]:
    """Best links first: stated ones, body-backed ones, then those not leaning on a hub
    (a hub's link to a seed stays up; "Barbiecore spreads on Instagram" in
    Blockout2024's picture goes down), then strength."""
    by_id = {n.id: n for n in nodes}

    def leans_on_hub(edge: Edge) -> bool:
        ends = [by_id.get(edge.source), by_id.get(edge.target)]
        return any(a is not None and a.hub and not (b is not None and b.seed)
                   for a, b in (ends, ends[::-1]))

    return sorted(edges, key=lambda e: (e.rank[:2], leans_on_hub(e), e.rank[2:]))


def rank_edges(graph: Subgraph) -> list[Edge]:
    """A subgraph's links, best first (the order of every table, quote list and note)."""
    return order(list(graph.edges), graph.nodes)


def prune(graph: Subgraph, keep: set[str], *, omitted: int = 0) -> Subgraph:
    """Only the nodes in ``keep`` and the links between them, best links first."""
    edges = [e for e in graph.edges if e.source in keep and e.target in keep]
    nodes = [n for n in graph.nodes if n.id in keep]
    return replace(
        graph, nodes=nodes, edges=order(edges, nodes),
        omitted_nodes=graph.omitted_nodes + omitted,
        omitted_edges=graph.omitted_edges + len(graph.edges) - len(edges),
    )
