"""Which links a slide draws, and where each connector is glued on its two shapes.

Around one seed, a link between two of its neighbours across the circle, or
through a hub ("Instagram related to TikTok"), says little about the seed and
crosses its own links, so it is not drawn (the footer counts it, the tables
keep it). Each connector is glued to the
pair of connection sites that are closest, except that an arrowhead avoids a
site where another arrowhead already lands, so links into a node with many
incoming links spread over its sides instead of piling up on one point.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from kg.errors import OntologyError
from kg.export import geometry, theme
from kg.export.radial import rings
from kg.ontology import Ontology
from kg.subgraph import Edge, Subgraph

ARROW_PENALTY = 0.45  # inches a second arrowhead on the same site "costs"
SHARED_PENALTY = 0.05  # inches per connector already glued to a site


def drawn_edges(subgraph: Subgraph) -> tuple[list[Edge], int]:
    """The links to draw around one seed, and how many were left out of the picture.

    Drawn: the seed's own links, links from one ring to the next, and links between
    two nodes of the same ring and type (they sit side by side in one sector).
    Left out: links across the circle (they would cross the seed's own links) and,
    between two of the seed's neighbours, links through a hub (``Node.hub``: a
    platform or a broad audience) unless the selection asked for platform links.
    Several seeds or none: every link is drawn.
    """
    seeds = [n.id for n in subgraph.nodes if n.seed]
    if len(seeds) != 1:
        return list(subgraph.edges), 0
    nodes = {n.id: n for n in subgraph.nodes}
    ring = rings(list(nodes), [(e.source, e.target, 1.0) for e in subgraph.edges], seeds[0])
    keep_hubs = subgraph.selection.background_links
    kept, hidden = [], 0
    for edge in subgraph.edges:
        a, b = nodes.get(edge.source), nodes.get(edge.target)
        if a is None or b is None:
            continue
        hub = (a.hub or b.hub) and not keep_hubs
        same_sector = ring[a.id] == ring[b.id] and a.type == b.type and not hub
        if abs(ring[a.id] - ring[b.id]) == 1 or same_sector:
            kept.append(edge)
        else:
            hidden += 1
    return kept, hidden


def glue(edges: Sequence[Edge], nodes: dict, ontology: Ontology) -> list:
    """One EdgeGlyph per link, heaviest first choosing its sites."""
    from kg.export.scene import EdgeGlyph

    heaviest = max((e.weight for e in edges), default=1)
    arrows: dict[tuple[str, int], int] = defaultdict(int)
    used: dict[tuple[str, int], int] = defaultdict(int)
    glyphs = {}
    for k in sorted(range(len(edges)), key=lambda k: (-edges[k].weight, k)):
        edge = edges[k]
        a, b = nodes[edge.source], nodes[edge.target]
        directed = _directed(ontology, edge.type)

        def cost(pair, a=a, b=b, directed=directed) -> tuple[float, int, int]:
            i, pa, j, pb = pair
            extra = SHARED_PENALTY * (used[(a.id, i)] + used[(b.id, j)])
            if directed:
                extra += ARROW_PENALTY * arrows[(b.id, j)]
            return round(math.dist(pa, pb) + extra, 4), i, j

        pairs = [(i, pa, j, pb) for i, pa in enumerate(sites(a)) for j, pb in enumerate(sites(b))]
        i, begin, j, end = min(pairs, key=cost)
        used[(a.id, i)] += 1
        used[(b.id, j)] += 1
        if directed:
            arrows[(b.id, j)] += 1
        strength = math.log1p(max(edge.weight, 1) - 1) / math.log1p(max(heaviest, 2) - 1)
        # weak links recede (thin, light), strong ones stand out
        glyphs[k] = EdgeGlyph(
            source=edge.source, target=edge.target, type=edge.type,
            label=ontology.rel_label(edge.type), begin=begin, end=end, begin_site=i,
            end_site=j, width_pt=round(0.75 + 2.5 * strength, 2),
            color=theme.blend(theme.EDGE_LIGHT, theme.EDGE, strength), directed=directed,
            weight=edge.weight,
        )
    return [glyphs[k] for k in range(len(edges))]


def _directed(ontology: Ontology, rel_type: str) -> bool:
    try:
        return not ontology.property_for_type(rel_type).symmetric
    except OntologyError:  # a type outside the ontology: drawn with its direction
        return True


def sites(node) -> list[tuple[float, float]]:
    return [(node.left + x, node.top + y)
            for x, y in geometry.sites(node.shape, node.width, node.height)]
