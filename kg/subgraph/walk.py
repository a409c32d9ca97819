"""Seeds plus rings of neighbours: what the app's neighbourhood view and every export show.

The walk never passes through a hub (a platform, the broadest audiences) beyond the
first ring unless asked, and leaves background links (platform-platform,
audience-platform co-occurrences) out unless asked, counting them. Two hops also
reach, through a story (a document whose title names a seed, or names the subject
of a story a seed is in), the brands, people and organisations no sentence links
to it (kg.subgraph.stories). A type filter keeps the path: a Brand two links away
through a Person keeps that Person, flagged as ``context``. Nodes are kept closest
ring first, then by their best link (stated links first, then strength), up to the
cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.linkstats import BACKGROUND_PAIRS, LinkProfile, link_profile
from kg.queries import ENTITY
from kg.store import GraphStore
from kg.subgraph.collector import collector_held
from kg.subgraph.listed import drawn_from_lists, reads_lists, ring_rows, with_evidence
from kg.subgraph.model import Edge, Node, Selection, Subgraph
from kg.subgraph.queries import DRAWN, NODES
from kg.subgraph.ranking import draw_per_node, edge_from_row, node_from_row, prune
from kg.subgraph.sources import (
    document_filter,
    filter_by_documents,
    mark_headlines,
)
from kg.subgraph.stories import filter_stories, story_links

NO_LINK = (True, True, 0.0)


@dataclass(slots=True)
class _Walk:
    nodes: dict[str, Node]
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    parent: dict[str, tuple[str, tuple]] = field(default_factory=dict)
    hidden: set[tuple[str, str, str]] = field(default_factory=set)
    stories: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # documents' titles read so far


def select(store: GraphStore, selection: Selection) -> Subgraph:
    """Seeds plus up to ``hops`` rings of neighbours, filtered, capped to the strongest
    (its reads in one read transaction, where the store has them; no cyclic garbage
    collection meanwhile: kg.subgraph.collector)."""
    with collector_held(), store.reading():
        return _select(store, selection)


def _select(store: GraphStore, selection: Selection) -> Subgraph:
    profile = link_profile(store)
    fallback = store.ontology.fallback_type
    seeds = store.query(NODES, {"ids": list(selection.seeds)}, limit=len(selection.seeds) or 1)
    order = {seed: n for n, seed in enumerate(selection.seeds)}  # the first seed stays first
    walk = _Walk({row["id"]: node_from_row(row, seed=True, profile=profile)
                  for row in sorted(seeds.dicts(), key=lambda r: order[r["id"]])})
    _expand(store, selection, walk, profile, fallback)
    if selection.stories and selection.hops >= 2:
        _add_stories(store, selection, walk, profile)
    keep, omitted = _choose(walk, selection)
    cards = [i for i in keep if not walk.nodes[i].seed]
    nodes = {i: n for i, n in walk.nodes.items() if n.seed}
    for row in store.query(NODES, {"ids": cards}, limit=len(cards) or 1).dicts():
        found = walk.nodes[row["id"]]
        nodes[row["id"]] = node_from_row(row, profile=profile, ring=found.ring,
                                         context=keep[row["id"]])
    edges, undated, capped = _links(store, selection, walk, nodes, profile)
    stories = [e for e in walk.stories.values() if e.source in nodes and e.target in nodes]
    edges += filter_stories(store, stories, selection)
    graph = Subgraph(list(nodes.values()), mark_headlines(store, edges, walk.titles),
                     selection=selection, hidden_links=len(walk.hidden),
                     undated_left_out=undated, omitted_edges=capped)
    return replace(prune(graph, _connected(graph)), omitted_nodes=omitted)


def _links(store: GraphStore, selection: Selection, walk: _Walk, nodes: dict[str, Node],
           profile: LinkProfile) -> tuple[list[Edge], int, int]:
    """The links drawn between the shown nodes, with their evidence; the undated documents
    a date range left out; how many links the per-node cap left out.

    The database ships each node's strongest links and those the walk came by (kept
    so the view stays connected; ``Edge.rank`` ends with the link's key), with their
    evidence; ``Selection.links_per_node`` is then enforced on both ends of each link.
    """
    fallback = store.ontology.fallback_type
    k = selection.links_per_node if selection.links_per_node > 0 else 1_000_000
    tree = {rank[-3:] for node, (_, rank) in walk.parent.items() if node in nodes}
    found = drawn_from_lists(store, sorted(nodes), tree, k) if reads_lists(selection, k) \
        else None
    if found is None:
        params = {**_ring_params(selection, fallback), "ids": sorted(nodes), "k": k,
                  "walked": sorted("|".join(key) for key in tree)}
        found = store.query(DRAWN, params, limit=1, timeout=60.0).first() or {}
    types = {i: n.type for i, n in nodes.items()}
    edges = [edge for row in found.get("drawn") or []
             if _follows(edge := edge_from_row(row, profile, types, fallback), selection,
                         walk.hidden)]
    capped = int(found.get("links") or 0) - len(edges)
    walk.hidden.update((source, kind, target) for keys in found.get("background") or []
                       for source, kind, target in (key.split("|") for key in keys))
    filtered = document_filter(selection).active
    undated = 0
    if filtered:
        edges, undated = filter_by_documents(store, edges, selection)
    drawn = draw_per_node(edges, tree, k)
    if found.get("bare"):  # read off the lists: the evidence of the links drawn only
        drawn = with_evidence(store, drawn, found.get("at"), walk.titles)
    if not filtered:  # the documents a link names are those of its evidence
        drawn, _ = filter_by_documents(store, drawn, selection)
    return drawn, undated, max(capped, 0) + len(edges) - len(drawn)


def _follows(edge: Edge, selection: Selection, hidden: set) -> bool:
    if edge.background and not selection.background_links:
        hidden.add(edge.key)
        return False
    return not selection.rel_types or edge.type in selection.rel_types


def _ring_params(selection: Selection, fallback: str) -> dict:
    """What the database filters before picking each node's strongest links."""
    dated = not selection.include_undated
    pairs = sorted({f"{a}|{b}" for pair in BACKGROUND_PAIRS for a, b in (pair, pair[::-1])})
    return {"min_weight": selection.min_weight, "rel_types": sorted(selection.rel_types),
            "since": selection.since if dated else "",
            "until": selection.until_bound if dated else "",
            "background": selection.background_links, "fallback": fallback,
            "background_pairs": pairs, "k": max(selection.per_node, 1)}


def _expand(store: GraphStore, selection: Selection, walk: _Walk, profile: LinkProfile,
            fallback: str) -> None:
    """Ring after ring, each node's ``selection.per_node`` strongest links (cut in the DB)."""
    frontier = set(walk.nodes)
    base = _ring_params(selection, fallback)
    for ring in range(1, max(1, min(selection.hops, 3)) + 1):
        if not frontier:
            break
        found: set[str] = set()
        for row in ring_rows(store, {**base, "ids": sorted(frontier)}, selection, profile):
            neighbour, here = row["neighbour"], row["here"]
            types = {neighbour: row["neighbour_type"] or ENTITY, here: walk.nodes[here].type}
            edge = edge_from_row(row, profile, types, fallback)
            if not _follows(edge, selection, walk.hidden) or not _period_overlaps(
                    edge, selection):
                continue
            walk.edges[edge.key] = edge
            if neighbour not in walk.nodes:
                walk.nodes[neighbour] = Node(
                    id=neighbour, name=neighbour, type=types[neighbour],
                    mentions=int(row["neighbour_mentions"] or 0),
                    hub=profile.is_hub(neighbour), ring=ring)
                found.add(neighbour)
            best = walk.parent.get(neighbour)
            if walk.nodes[neighbour].ring == ring and (best is None or edge.rank < best[1]):
                walk.parent[neighbour] = (here, edge.rank)
        frontier = {n for n in found if selection.through_hubs or not walk.nodes[n].hub}


def _add_stories(store: GraphStore, selection: Selection, walk: _Walk,
                 profile: LinkProfile) -> None:
    """Entities two hops away through a story about (or naming) a seed that is not a hub."""
    seeds = [i for i, n in walk.nodes.items() if n.seed and not n.hub]
    linked = {frozenset((e.source, e.target)) for e in walk.edges.values()}
    for link in story_links(store, seeds):
        edge = link.edge
        if frozenset((edge.source, edge.target)) in linked or not _follows(
                edge, selection, walk.hidden):
            continue
        if link.other not in walk.nodes:
            walk.nodes[link.other] = Node(id=link.other, name=link.other, type=link.other_type,
                                          mentions=link.other_mentions,
                                          hub=profile.is_hub(link.other), ring=2)
        walk.stories[edge.key] = edge
        best = walk.parent.get(link.other)
        if walk.nodes[link.other].ring == 2 and (best is None or edge.rank < best[1]):
            walk.parent[link.other] = (link.seed, edge.rank)


def _choose(walk: _Walk, selection: Selection) -> tuple[dict[str, bool], int]:
    """Node ids to keep (value: kept only as context on a path) and members left out."""

    def member(node: Node) -> bool:
        return node.seed or not selection.node_types or node.type in selection.node_types

    keep = {i: False for i, n in walk.nodes.items() if n.seed}
    members = sorted((n for n in walk.nodes.values() if not n.seed and member(n)),
                     key=lambda n: (n.ring, walk.parent.get(n.id, ("", NO_LINK))[1],
                                    -n.mentions, n.name))
    kept = 0
    for node in members:
        if len(keep) >= max(selection.max_nodes, 1):
            break
        keep[node.id] = False
        kept += 1
        step = walk.parent.get(node.id)
        while step is not None and step[0] not in keep:
            keep[step[0]] = not member(walk.nodes[step[0]])
            step = walk.parent.get(step[0])
    return keep, len(members) - kept


def _connected(graph: Subgraph) -> set[str]:
    """Seeds, linked members, and context nodes still on a path (two links or more)."""
    degree: dict[str, int] = {}
    for edge in graph.edges:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    return {n.id for n in graph.nodes
            if n.seed or degree.get(n.id, 0) >= (2 if n.context else 1)}


def _period_overlaps(edge: Edge, selection: Selection) -> bool:
    """Cheap pre-filter on a link's first/last dates; documents are checked later.

    Dates only describe dated documents, so with undated ones included nothing is
    pre-filtered (an undated document may support the link).
    """
    if selection.include_undated:
        return True
    if selection.since and edge.last_seen and edge.last_seen < selection.since:
        return False
    return not (selection.until and edge.first_seen and edge.first_seen > selection.until_bound)
