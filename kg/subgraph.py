"""Select the part of the graph a strategist looks at, the same way everywhere.

The app's neighbourhood view, the CLI export and the app's export panel all go
through ``select`` (seeds + hops + filters + node cap) or ``from_query`` (a
read-only Cypher result), so a slide always shows what the screen showed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from kg.store import GraphStore
from kg.store.base import GraphNode, GraphRel
from kg.support import DocumentFilter, supporting_documents

NODE_FIELDS = """b.id AS id, b.name AS name, [l IN labels(b) WHERE l <> 'Entity'][0] AS type,
       b.aliases AS aliases, b.mentions AS mentions, b.first_seen AS first_seen,
       b.last_seen AS last_seen, b.uri AS uri"""

EDGE_FIELDS = """type(r) AS type, r.weight AS weight, r.confidence AS confidence,
       r.evidence AS evidence, r.evidence_docs AS evidence_docs, r.doc_count AS doc_count,
       r.first_seen AS first_seen, r.last_seen AS last_seen"""

# Rings are walked with scalars only (a hub's second ring can be 30k links): the
# neighbour's id, type and mentions rank it; its card, and the evidence and
# supporting documents of links, are fetched for what survives the node cap.
DOCS_PER_EDGE = 20
"""Supporting document ids fetched per kept link (``Edge.doc_count`` has the total)."""
RING_FIELDS = """type(r) AS type, r.weight AS weight, r.first_seen AS first_seen,
       r.last_seen AS last_seen, b.id AS neighbour,
       [l IN labels(b) WHERE l <> 'Entity'][0] AS neighbour_type,
       b.mentions AS neighbour_mentions"""

OUTGOING = f"""
MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND r.weight >= $min_weight
RETURN a.id AS source, b.id AS target, {RING_FIELDS}"""

INCOMING = f"""
MATCH (b:Entity)-[r]->(a:Entity) WHERE a.id IN $ids AND r.weight >= $min_weight
RETURN b.id AS source, a.id AS target, {RING_FIELDS}"""

NODES = f"""
MATCH (b:Entity) WHERE b.id IN $ids
RETURN {NODE_FIELDS}"""

INDUCED = f"""
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids AND r.weight >= $min_weight
RETURN a.id AS source, b.id AS target, {EDGE_FIELDS}"""

DOCUMENTS = """
MATCH (d:Document) WHERE d.id IN $ids
RETURN d.id AS id, d.title AS title, d.date AS date, d.url AS url, d.lang AS lang,
       d.platform AS platform, d.author AS author, d.source AS source,
       [l IN labels(d) WHERE l <> 'Document'][0] AS kind"""


@dataclass(frozen=True, slots=True)
class Selection:
    """What to show: seeds and hops, or nothing but filters when built from a query."""

    seeds: tuple[str, ...] = ()
    hops: int = 1
    node_types: frozenset[str] = frozenset()
    rel_types: frozenset[str] = frozenset()
    min_weight: int = 1
    since: str = ""
    until: str = ""
    langs: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    max_nodes: int = 40

    def describe(self, names: dict[str, str] | None = None) -> str:
        names = names or {}
        parts = [", ".join(names.get(s, s) for s in self.seeds) or "query result"]
        if self.seeds:
            parts.append(f"{self.hops} hop{'s' if self.hops > 1 else ''}")
        if self.node_types:
            parts.append("types " + "/".join(sorted(self.node_types)))
        if self.rel_types:
            parts.append("links " + "/".join(sorted(self.rel_types)))
        if self.min_weight > 1:
            parts.append(f"weight >= {self.min_weight}")
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        if self.langs:
            parts.append("lang " + "/".join(sorted(self.langs)))
        if self.platforms:
            parts.append("on " + "/".join(sorted(self.platforms)))
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    first_seen: str = ""
    last_seen: str = ""
    uri: str = ""
    seed: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    doc: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    type: str
    weight: int
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()
    docs: tuple[str, ...] = ()
    """Up to ``DOCS_PER_EDGE`` of the supporting documents (those passing the filters)."""
    first_seen: str = ""
    last_seen: str = ""
    doc_count: int = 0
    """How many documents support the link, over the whole store."""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.source, self.type, self.target


@dataclass(slots=True)
class Subgraph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    omitted_nodes: int = 0
    omitted_edges: int = 0
    selection: Selection = field(default_factory=Selection)

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    @property
    def names(self) -> dict[str, str]:
        return {n.id: n.name for n in self.nodes}

    def degree_weight(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for edge in self.edges:
            totals[edge.source] += edge.weight
            totals[edge.target] += edge.weight
        return dict(totals)


def _node(row: dict[str, Any], *, seed: bool = False) -> Node:
    return Node(
        id=row["id"], name=row["name"] or row["id"], type=row["type"] or "Entity",
        aliases=tuple(row.get("aliases") or ()), mentions=int(row.get("mentions") or 0),
        first_seen=row.get("first_seen") or "", last_seen=row.get("last_seen") or "",
        uri=row.get("uri") or "", seed=seed,
    )


def _edge(row: dict[str, Any]) -> Edge:
    evidence = tuple(
        Evidence(doc=d, sentence=s)
        for d, s in zip(row.get("evidence_docs") or [], row.get("evidence") or [], strict=False)
    )
    return Edge(
        source=row["source"], target=row["target"], type=row["type"],
        weight=int(row.get("weight") or 0), confidence=float(row.get("confidence") or 0.5),
        evidence=evidence, docs=tuple(row.get("docs") or ()),
        first_seen=row.get("first_seen") or "", last_seen=row.get("last_seen") or "",
        doc_count=int(row.get("doc_count") or 0),
    )


def documents(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Document metadata by id: title, date, url, lang, platform, author, kind."""
    if not ids:
        return {}
    wanted = list(dict.fromkeys(ids))
    result = store.query(DOCUMENTS, {"ids": wanted}, limit=len(wanted), timeout=60.0)
    return {row["id"]: row for row in result.dicts()}


def _doc_filter(selection: Selection) -> bool:
    return bool(selection.since or selection.until or selection.langs or selection.platforms)


def _edge_passes(edge: Edge, nodes: dict[str, Node], selection: Selection) -> bool:
    if selection.rel_types and edge.type not in selection.rel_types:
        return False
    if selection.node_types:
        for end in (edge.source, edge.target):
            node = nodes.get(end)
            if node is not None and not node.seed and node.type not in selection.node_types:
                return False
    return True


def select(store: GraphStore, selection: Selection) -> Subgraph:
    """Seeds plus up to ``hops`` rings of neighbours, filtered, capped to the strongest."""
    seed_rows = store.query(NODES, {"ids": list(selection.seeds)}, limit=len(selection.seeds))
    nodes: dict[str, Node] = {row["id"]: _node(row, seed=True) for row in seed_rows.dicts()}
    edges: dict[tuple[str, str, str], Edge] = {}
    frontier = set(nodes)
    for _ in range(max(1, min(selection.hops, 3))):
        if not frontier:
            break
        params = {"ids": sorted(frontier), "min_weight": selection.min_weight}
        found: set[str] = set()
        for text in (OUTGOING, INCOMING):
            for row in store.query(text, params, limit=1_000_000, timeout=60.0).dicts():
                edge = _edge(row)
                neighbour = row["neighbour"]
                if neighbour not in nodes:
                    nodes[neighbour] = Node(
                        id=neighbour, name=neighbour, type=row["neighbour_type"] or "Entity",
                        mentions=int(row["neighbour_mentions"] or 0),
                    )
                    found.add(neighbour)
                edges[edge.key] = edge
        frontier = found
    ring = [e for e in edges.values() if _edge_passes(e, nodes, selection)
            and _period_overlaps(e, selection)]
    graph = cap(Subgraph(list(nodes.values()), ring, selection=selection), selection.max_nodes)
    kept = {n.id: n for n in graph.nodes if n.seed}
    cards = [n.id for n in graph.nodes if not n.seed]
    for row in store.query(NODES, {"ids": cards}, limit=len(cards) or 1).dicts():
        kept[row["id"]] = _node(row)
    params = {"ids": sorted(kept), "min_weight": selection.min_weight}
    induced = store.query(INDUCED, params, limit=1_000_000, timeout=60.0).dicts()
    full = _filtered(store, kept, map(_edge, induced), selection)
    final = cap(full, selection.max_nodes)
    return replace(final, edges=_with_documents(store, final.edges, selection),
                   omitted_nodes=graph.omitted_nodes)


def _period_overlaps(edge: Edge, selection: Selection) -> bool:
    """Cheap pre-filter on a link's first/last dates; documents are checked later."""
    if selection.since and edge.last_seen and edge.last_seen < selection.since:
        return False
    return not (selection.until and edge.first_seen and edge.first_seen > selection.until)


def _filtered(
    store: GraphStore, nodes: dict[str, Node], edges: Iterable[Edge], selection: Selection
) -> Subgraph:
    edge_list = [e for e in edges if _edge_passes(e, nodes, selection)]
    if _doc_filter(selection):
        held = supporting_documents(store, (e.key for e in edge_list), per_link=1,
                                    where=_document_filter(selection))
        edge_list = [e for e in edge_list if e.key in held]
    return Subgraph(list(nodes.values()), edge_list, selection=selection)


def _document_filter(selection: Selection) -> DocumentFilter:
    return DocumentFilter(since=selection.since, until=selection.until, langs=selection.langs,
                          platforms=selection.platforms)


def _with_documents(store: GraphStore, edges: list[Edge], selection: Selection) -> list[Edge]:
    """The kept links with (a capped list of) the documents behind them."""
    found = supporting_documents(store, (e.key for e in edges), per_link=DOCS_PER_EDGE,
                                 where=_document_filter(selection))
    return [replace(e, docs=tuple(found.get(e.key, ()))) for e in edges]


def cap(graph: Subgraph, max_nodes: int) -> Subgraph:
    """Keep seeds and the nodes with the heaviest links; count what was left out."""
    connected = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    candidates = [
        n for n in graph.nodes if n.seed or n.id in connected or not graph.selection.seeds
    ]
    weights = graph.degree_weight()
    ranked = sorted(candidates, key=lambda n: (not n.seed, -weights.get(n.id, 0), -n.mentions,
                                               n.name))
    kept = ranked[: max(max_nodes, 1)]
    keep = {n.id for n in kept}
    edges = [e for e in graph.edges if e.source in keep and e.target in keep]
    return replace(
        graph,
        nodes=kept,
        edges=sorted(edges, key=lambda e: (-e.weight, e.source, e.target)),
        omitted_nodes=len(candidates) - len(kept),
        omitted_edges=len(graph.edges) - len(edges),
    )


def from_query(
    store: GraphStore, cypher_text: str, params: dict[str, Any] | None = None,
    *, max_nodes: int = 40, limit: int = 5000,
) -> Subgraph:
    """The entities and entity links a read-only query returns, as a subgraph."""
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
        if "Entity" in node.labels and "id" in node.properties
    }
    rows = store.query(NODES, {"ids": list(by_internal.values())}, limit=len(by_internal) or 1)
    nodes = [_node(row) for row in rows.dicts()]
    edges = {}
    for rel in graph_rels:
        if rel.start in by_internal and rel.end in by_internal:
            props = dict(rel.properties)
            edge = _edge({**props, "source": by_internal[rel.start],
                          "target": by_internal[rel.end], "type": rel.type})
            edges[edge.key] = edge
    graph = cap(Subgraph(nodes, list(edges.values()), selection=Selection(max_nodes=max_nodes)),
                max_nodes)
    return replace(graph, edges=_with_documents(store, graph.edges, graph.selection))
