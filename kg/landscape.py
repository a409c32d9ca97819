"""The landscape: communities of trends and what surrounds them, and who bridges them.

One read of every entity and entity link, then networkx's Louvain (seeded, so
the same graph always gives the same clusters) on the links that do not go
through a hub: platforms and the largest audiences touch everything, so they
would glue every cluster into one. Bridges are ranked by how evenly their
links spread over several clusters (participation coefficient x strength), and
each says which clusters it touches.

Computing it reads every entity link (6-8 s of work at a million links), so it runs
once after a load, never on a page view: an ingest or a curation ends with
``current``, which computes and stores the result in the graph with the version it was computed
from (``GraphStore.save_figures``). Pages call ``current``: one node read while the
graph is unchanged; a graph changed by other means (a bulk import, a deleted link)
is computed once by the first reader and stored for the others.
"""

from __future__ import annotations

import json
from collections import defaultdict
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import StoreError
from kg.ontology import load_ontology
from kg.queries import BIG, ENTITY, entity_node, entity_type
from kg.store import GraphStore
from kg.subgraph import Edge, Evidence, Node, Subgraph

CLASS = load_ontology().names

SEED = 7
HUB_AUDIENCES = 3  # the largest audiences are hubs, like every platform
HUB_TYPES = (CLASS.Platform,)
MIN_CLUSTER = 3
NAME_TRENDS = 3
FIGURES = "landscape"
"""Name of the stored figures (``GraphStore.figures``) holding the landscape."""
FORMAT = 1
"""Version of the stored layout (``to_payload``): a stored landscape of another
layout is computed again."""

ENTITIES = f"""
MATCH {entity_node('e')}
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type,
       e.mentions AS mentions"""

LINKS = f"""
MATCH {entity_node('a')}-[r]->{entity_node('b')}
RETURN a.id AS source, b.id AS target, type(r) AS type, r.weight AS weight"""

MEMBERS = f"""
MATCH {entity_node('e')} WHERE e.id IN $ids
RETURN e.id AS id, e.name AS name, {entity_type('e')} AS type,
       e.aliases AS aliases, e.mentions AS mentions, e.first_seen AS first_seen,
       e.last_seen AS last_seen, e.uri AS uri"""

# Both ends bound first: a hub in a cluster is joined to the others, not scanned.
INDUCED = f"""
MATCH {entity_node('a')} WHERE a.id IN $ids
MATCH {entity_node('b')} WHERE b.id IN $ids
MATCH (a)-[r]->(b)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.weight AS weight,
       r.confidence AS confidence, r.evidence AS evidence, r.evidence_docs AS evidence_docs,
       r.first_seen AS first_seen, r.last_seen AS last_seen"""


@dataclass(frozen=True, slots=True)
class Member:
    """An entity in the landscape; ``strength`` = summed link weight inside its cluster."""

    id: str
    name: str
    type: str
    mentions: int
    strength: int = 0


@dataclass(frozen=True, slots=True)
class Cluster:
    id: int
    name: str
    trends: tuple[Member, ...]
    members: tuple[Member, ...]
    size: int
    weight: int

    def top(self, limit: int) -> tuple[Member, ...]:
        return self.members[:limit]


@dataclass(frozen=True, slots=True)
class Bridge:
    """An entity whose shortest paths join clusters; ``clusters`` it links, largest first."""

    id: str
    name: str
    type: str
    score: float
    clusters: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Landscape:
    clusters: tuple[Cluster, ...]
    bridges: tuple[Bridge, ...]
    hubs: tuple[Member, ...]
    between: tuple[tuple[int, int, int], ...]  # (cluster, cluster, summed link weight)
    entities: int
    links: int

    def cluster(self, cluster_id: int) -> Cluster | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)

    def cluster_of(self, entity_id: str) -> Cluster | None:
        return next((c for c in self.clusters if any(m.id == entity_id for m in c.members)),
                    None)


def hub_ids(entities: dict[str, Member]) -> set[str]:
    """Platforms and the ``HUB_AUDIENCES`` most mentioned audiences."""
    hubs = {i for i, m in entities.items() if m.type in HUB_TYPES}
    audiences = sorted((m for m in entities.values() if m.type == CLASS.Audience),
                       key=lambda m: (-m.mentions, m.name))
    return hubs | {m.id for m in audiences[:HUB_AUDIENCES]}


def _entities(store: GraphStore) -> dict[str, Member]:
    rows = store.query(ENTITIES, limit=BIG, timeout=120.0).dicts()
    return {r["id"]: Member(r["id"], r["name"] or r["id"], r["type"] or ENTITY,
                            int(r["mentions"] or 0)) for r in rows}


def _graph(store: GraphStore, entities: dict[str, Member], hubs: set[str]) -> nx.Graph:
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for row in store.query(LINKS, limit=BIG, timeout=120.0).dicts():
        a, b = row["source"], row["target"]
        if a == b or a in hubs or b in hubs or a not in entities or b not in entities:
            continue
        weights[(a, b) if a < b else (b, a)] += int(row["weight"] or 1)
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(sorted({n for pair in weights for n in pair}))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    return graph


def landscape(store: GraphStore, *, seed: int = SEED, resolution: float = 1.0) -> Landscape:
    """Clusters named by their strongest trends, bridges between them, and the hubs left out."""
    entities = _entities(store)
    hubs = hub_ids(entities)
    graph = _graph(store, entities, hubs)
    parts = nx.community.louvain_communities(graph, weight="weight", resolution=resolution,
                                             seed=seed) if graph.number_of_edges() else []
    clusters = _clusters(graph, parts, entities)
    owner = {m.id: c.id for c in clusters for m in c.members}
    return Landscape(
        clusters=tuple(clusters),
        bridges=tuple(_bridges(graph, owner, entities)),
        hubs=tuple(sorted((entities[h] for h in hubs), key=_by_mentions)),
        between=tuple(_between(graph, owner)),
        entities=graph.number_of_nodes(),
        links=graph.number_of_edges(),
    )


def _by_mentions(member: Member) -> tuple[int, str, str]:
    """Most mentioned first, ties by name and id: ``hub_ids`` is a set, whose order
    follows Python's per-process string hashing, so ties came out in another order
    from one process to the next (and a stored landscape differed from a recomputed one)."""
    return -member.mentions, member.name, member.id


def _clusters(graph: nx.Graph, parts: list[set[str]],
              entities: dict[str, Member]) -> list[Cluster]:
    found = []
    for part in parts:
        inside = graph.subgraph(part)
        members = sorted(
            (Member(**{**_fields(entities[n]), "strength": int(inside.degree(n, weight="weight"))})
             for n in part),
            key=lambda m: (-m.strength, -m.mentions, m.name),
        )
        trends = tuple(m for m in members if m.type == CLASS.Trend)
        if len(members) < MIN_CLUSTER or not trends:
            continue
        weight = int(inside.size(weight="weight"))
        found.append((weight, trends, members))
    found.sort(key=lambda item: (-item[0], item[1][0].name))
    return [
        Cluster(id=n, name=" · ".join(t.name for t in trends[:NAME_TRENDS]), trends=trends,
                members=tuple(members), size=len(members), weight=weight)
        for n, (weight, trends, members) in enumerate(found)
    ]


def _fields(member: Member) -> dict[str, Any]:
    return {"id": member.id, "name": member.name, "type": member.type,
            "mentions": member.mentions}


def _bridges(graph: nx.Graph, owner: dict[str, int], entities: dict[str, Member],
             limit: int = 25) -> list[Bridge]:
    """Rank by participation x strength: link weight spread evenly over many clusters.

    The participation coefficient (Guimerà & Amaral, 2005) is 1 - sum over
    clusters of (weight into that cluster / all weight) squared: 0 for an entity
    whose links stay in one cluster, near 1 for one spread over many. Times the
    entity's strength, so a single stray link does not make a bridge. Linear in
    the links, unlike betweenness, so it stays cheap on large graphs.
    """
    bridges = []
    for node in graph.nodes:
        touched: dict[int, int] = defaultdict(int)
        for neighbour, data in graph[node].items():
            if neighbour in owner:
                touched[owner[neighbour]] += data["weight"]
        total = sum(touched.values())
        if len(touched) < 2 or not total:
            continue
        participation = 1.0 - sum((w / total) ** 2 for w in touched.values())
        member = entities[node]
        clusters = tuple(sorted(touched, key=lambda c: (-touched[c], c)))
        bridges.append(Bridge(node, member.name, member.type,
                              round(participation * total, 2), clusters))
    bridges.sort(key=lambda b: (-b.score, b.name))
    return bridges[:limit]


def _between(graph: nx.Graph, owner: dict[str, int]) -> list[tuple[int, int, int]]:
    totals: dict[tuple[int, int], int] = defaultdict(int)
    weight: int
    for a, b, weight in graph.edges(data="weight"):
        ca, cb = owner.get(a), owner.get(b)
        if ca is not None and cb is not None and ca != cb:
            totals[(min(ca, cb), max(ca, cb))] += weight
    return sorted(((a, b, w) for (a, b), w in totals.items()), key=lambda t: (-t[2], t))


def cluster_subgraph(store: GraphStore, cluster: Cluster, *, max_nodes: int = 40) -> Subgraph:
    """The cluster's strongest members and the links among them, ready to draw."""
    ids = [m.id for m in cluster.top(max_nodes)]
    rows = store.query(MEMBERS, {"ids": ids}, limit=len(ids) or 1).dicts()
    seeds = {t.id for t in cluster.trends[:NAME_TRENDS]}
    nodes = [Node(id=r["id"], name=r["name"] or r["id"], type=r["type"] or ENTITY,
                  aliases=tuple(r["aliases"] or ()), mentions=int(r["mentions"] or 0),
                  first_seen=r["first_seen"] or "", last_seen=r["last_seen"] or "",
                  uri=r["uri"] or "", seed=r["id"] in seeds) for r in rows]
    order = {i: n for n, i in enumerate(ids)}
    nodes.sort(key=lambda n: order[n.id])
    edges = [
        Edge(source=r["source"], target=r["target"], type=r["type"],
             weight=int(r["weight"] or 0), confidence=float(r["confidence"] or 0.5),
             evidence=_evidence(r), first_seen=r["first_seen"] or "",
             last_seen=r["last_seen"] or "")
        for r in store.query(INDUCED, {"ids": ids}, limit=BIG, timeout=60.0).dicts()
    ]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target))
    return Subgraph(nodes=nodes, edges=edges,
                    omitted_nodes=max(0, cluster.size - len(nodes)))


def _evidence(row: dict[str, Any]) -> tuple[Evidence, ...]:
    return tuple(Evidence(doc=d, sentence=s) for d, s in
                 zip(row.get("evidence_docs") or [], row.get("evidence") or [], strict=False))


def current(store: GraphStore) -> Landscape:
    """The landscape of the graph as it is now: the stored one while the graph has not
    changed since it was computed, else computed and stored (the pass after a load)."""
    version = store.version()
    stored = store.figures(FIGURES)
    if stored is not None and stored[0] == version:
        found = from_payload(stored[1])
        if found is not None:
            return found
    return _compute_and_keep(store, version)


def _compute_and_keep(store: GraphStore, version: str) -> Landscape:
    found = landscape(store)
    with suppress(StoreError):  # a read-only account: every reader computes, as before
        store.save_figures(FIGURES, version, to_payload(found))
    return found


def to_payload(found: Landscape) -> str:
    """Compact JSON of a landscape (members as rows; a cluster's trends are its members
    of type Trend, in order, so they are not stored twice)."""
    def row(m: Member) -> list[Any]:
        return [m.id, m.name, m.type, m.mentions, m.strength]
    return json.dumps({
        "format": FORMAT, "entities": found.entities, "links": found.links,
        "clusters": [[c.id, c.name, [row(m) for m in c.members], c.size, c.weight]
                     for c in found.clusters],
        "bridges": [[b.id, b.name, b.type, b.score, list(b.clusters)] for b in found.bridges],
        "hubs": [row(m) for m in found.hubs],
        "between": [list(t) for t in found.between],
    }, ensure_ascii=False, separators=(",", ":"))


def from_payload(text: str) -> Landscape | None:
    """The landscape ``to_payload`` wrote; None for another layout."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        return None
    clusters = []
    for cid, name, rows, size, weight in data["clusters"]:
        members = tuple(Member(*r) for r in rows)
        clusters.append(Cluster(cid, name, tuple(m for m in members if m.type == CLASS.Trend),
                                members, size, weight))
    return Landscape(
        clusters=tuple(clusters),
        bridges=tuple(Bridge(i, n, t, s, tuple(c)) for i, n, t, s, c in data["bridges"]),
        hubs=tuple(Member(*r) for r in data["hubs"]),
        between=tuple((a, b, w) for a, b, w in data["between"]),
        entities=data["entities"], links=data["links"])
