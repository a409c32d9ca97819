"""The selection a strategist asks for, and the subgraph every view and export draws.

Plain frozen data so the app can cache it, exports can take it as it is, and a
slide shows what the screen showed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

PER_NODE = 50
"""Links each node of a ring reads by default: more than the default node cap (40)."""
LINKS_PER_NODE = 8
"""Links each node of a view draws at most, strongest first, besides those that connect
the view: a hub's two-hop view among 80 nodes holds over a thousand links otherwise."""
END_OF_DAY = "T99"  # sorts after any 'THH:MM' of a day (dates are compared as text)


@dataclass(frozen=True, slots=True)
class Selection:
    """What to show: seeds and hops, or nothing but filters when built from a query.

    ``through_hubs`` lets rings beyond the first walk through hubs (platforms, the
    broadest audiences); ``background_links`` shows platform-platform and
    audience-platform co-occurrences; ``include_undated`` keeps links supported by
    undated documents when a date range is set (they are counted either way);
    ``stories`` lets two hops go through a document about a seed (SAME_STORY links).
    ``per_node`` is how many links each node of a ring reads, strongest first (picked
    in the database: a hub's two-hop view never reads all its links).
    ``links_per_node`` is how many links each shown node draws at most, strongest
    first, besides the links by which the walk reached a node (those always stay, so
    the view stays connected); 0 draws every link between the shown nodes.
    ``since`` and ``until`` are plain days, both inclusive (``until_bound`` compares).
    """

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
    through_hubs: bool = False
    background_links: bool = False
    include_undated: bool = False
    stories: bool = True
    per_node: int = PER_NODE
    links_per_node: int = LINKS_PER_NODE

    @property
    def dated(self) -> bool:
        return bool(self.since or self.until)

    @property
    def until_bound(self) -> str:
        """``until`` as an upper bound for ISO dates and timestamps compared as text:
        the whole last day is in ('2025-11-28' -> '2025-11-28T99', after any 'THH:MM')."""
        return f"{self.until[:10]}{END_OF_DAY}" if self.until else ""


@dataclass(frozen=True, slots=True)
class Node:
    """An entity in the picture.

    ``context`` marks a node kept only because it lies on the path to one the type
    filter asked for (draw it faded); ``hub`` marks a platform or very broad entity
    (draw it as a badge, never walk through it by default); ``ring`` is its distance
    from the nearest seed (0 for seeds).
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    first_seen: str = ""
    last_seen: str = ""
    uri: str = ""
    seed: bool = False
    context: bool = False
    hub: bool = False
    ring: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """A supporting sentence; ``headline`` when it is its document's title."""

    doc: str
    sentence: str
    headline: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    """A link with its proof and how much it means.

    ``strength`` discounts the supporting sentences by how linked both ends are
    (kg.linkstats); ``cued`` marks a typed link a cue phrase states; ``background``
    a platform-platform or audience-platform co-occurrence. Evidence lists body
    sentences before headlines.
    """

    source: str
    target: str
    type: str
    weight: int
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()
    docs: tuple[str, ...] = ()
    """Some of the supporting documents (those passing the filters; kg.support caps them)."""
    first_seen: str = ""
    last_seen: str = ""
    strength: float = 0.0
    doc_count: int = 0
    """How many documents support the link, over the whole store."""
    cued: bool = False
    background: bool = False

    @property
    def id(self) -> str:
        """The link's id in the app's canvas and in network exports."""
        return f"{self.source}|{self.type}|{self.target}"

    @property
    def key(self) -> tuple[str, str, str]:
        return self.source, self.type, self.target

    @property
    def headline_only(self) -> bool:
        """Every stored sentence is a title: the link is claimed, not told."""
        return bool(self.evidence) and all(ev.headline for ev in self.evidence)

    @property
    def rank(self) -> tuple:
        """Sort key, best first: stated links, then body-backed ones, then strength."""
        return (not self.cued, self.headline_only, -self.strength, -self.weight,
                self.source, self.type, self.target)


@dataclass(slots=True)
class Subgraph:
    """Nodes and links, best links first; what was left out is counted, never silent.

    ``hidden_links`` counts background links left out (``Selection.background_links``
    shows them); ``undated_left_out`` the undated documents a date range left out.
    """

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    omitted_nodes: int = 0
    omitted_edges: int = 0
    selection: Selection = field(default_factory=Selection)
    hidden_links: int = 0
    undated_left_out: int = 0

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
