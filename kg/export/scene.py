"""The slide as data: every box, connector, legend entry and text, in inches.

The PPTX writer and the PNG/SVG writer both render this one scene, so the
picture is the slide and the slide is the picture; neither decides layout.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from kg.export import geometry, theme
from kg.export.layout import layout
from kg.ontology import Ontology, load_ontology
from kg.subgraph import Subgraph

WIDTH, HEIGHT = 13.333, 7.5  # 16:9, PowerPoint's default widescreen size
GRAPH_LEFT, GRAPH_TOP, GRAPH_RIGHT, GRAPH_BOTTOM = 0.45, 1.5, 12.88, 6.62
LEGEND_TOP, FOOTER_TOP = 6.82, 7.16
TITLE_PT, SUBTITLE_PT, LEGEND_PT, FOOTER_PT, EDGE_LABEL_PT = 28, 14, 11, 9, 8
SEED_PT, NODE_PT_MIN, NODE_PT_MAX = 13.0, 10.0, 12.0


@dataclass(frozen=True, slots=True)
class NodeGlyph:
    id: str
    name: str
    type: str
    lines: tuple[str, ...]
    left: float
    top: float
    width: float
    height: float
    shape: str
    fill: str
    outline: str
    ink: str
    font_pt: float
    bold: bool
    seed: bool

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.left, self.top, self.width, self.height

    @property
    def center(self) -> tuple[float, float]:
        return self.left + self.width / 2, self.top + self.height / 2


@dataclass(frozen=True, slots=True)
class EdgeGlyph:
    source: str
    target: str
    type: str
    label: str
    begin: tuple[float, float]
    end: tuple[float, float]
    begin_site: int
    end_site: int
    width_pt: float
    color: str
    directed: bool
    weight: int


@dataclass(frozen=True, slots=True)
class LegendEntry:
    type: str
    label: str
    left: float
    top: float
    swatch: float
    shape: str
    fill: str
    outline: str


@dataclass(frozen=True, slots=True)
class Scene:
    title: str
    subtitle: str
    footer: str
    nodes: tuple[NodeGlyph, ...]
    edges: tuple[EdgeGlyph, ...]
    legend: tuple[LegendEntry, ...]
    edge_labels: bool
    width: float = WIDTH
    height: float = HEIGHT


def default_title(subgraph: Subgraph) -> str:
    seeds = [n.name for n in subgraph.nodes if n.seed]
    if seeds:
        return " · ".join(seeds)
    return "trendgraph subgraph"


def default_subtitle(subgraph: Subgraph, date: str | None = None) -> str:
    """The selection in words, and the day the export was made."""
    day = date or dt.date.today().isoformat()
    return f"{subgraph.selection.describe(subgraph.names)} · {day}"


def build_scene(
    subgraph: Subgraph,
    *,
    title: str,
    subtitle: str,
    ontology: Ontology | None = None,
    edge_labels: bool = False,
) -> Scene:
    ontology = ontology or load_ontology()
    styles = {n.type: theme.type_style(ontology, n.type) for n in subgraph.nodes}
    fonts = _font_sizes(subgraph)
    sizes: dict[str, tuple[float, float]] = {}
    lines: dict[str, tuple[str, ...]] = {}
    for node in subgraph.nodes:
        lines[node.id] = theme.wrap(node.name)
        text = theme.text_size(lines[node.id], fonts[node.id], node.seed)
        sizes[node.id] = geometry.spec(styles[node.type].shape).box(*text)
    area = (GRAPH_RIGHT - GRAPH_LEFT, GRAPH_BOTTOM - GRAPH_TOP)
    placed = layout(
        [n.id for n in subgraph.nodes],
        [(e.source, e.target, float(e.weight)) for e in subgraph.edges],
        sizes, area=area, seeds=[n.id for n in subgraph.nodes if n.seed],
    )
    nodes = []
    for node in subgraph.nodes:
        style = styles[node.type]
        w, h = (v * placed.scale for v in sizes[node.id])
        ux, uy = placed.positions[node.id]
        cx, cy = GRAPH_LEFT + ux * area[0], GRAPH_TOP + uy * area[1]
        nodes.append(NodeGlyph(
            id=node.id, name=node.name, type=node.type, lines=lines[node.id],
            left=cx - w / 2, top=cy - h / 2, width=w, height=h, shape=style.shape,
            fill=style.color, outline=theme.INK if node.seed else theme.darker(style.color),
            ink=style.text_color, font_pt=round(fonts[node.id] * placed.scale, 1),
            bold=node.seed, seed=node.seed,
        ))
    by_id = {n.id: n for n in nodes}
    heaviest = max((e.weight for e in subgraph.edges), default=1)
    edges = tuple(_edge(e, by_id, ontology, heaviest) for e in subgraph.edges
                  if e.source in by_id and e.target in by_id and e.source != e.target)
    return Scene(
        title=title, subtitle=subtitle, footer=_footer(subgraph),
        nodes=tuple(nodes), edges=edges, legend=_legend(styles, ontology),
        edge_labels=edge_labels,
    )


def _font_sizes(subgraph: Subgraph) -> dict[str, float]:
    """Seeds largest; others between 10 and 12 pt by how often they are mentioned."""
    mentions = sorted({n.mentions for n in subgraph.nodes})
    top = len(mentions) - 1 or 1
    sizes = {}
    for node in subgraph.nodes:
        if node.seed:
            sizes[node.id] = SEED_PT
        else:
            rank = mentions.index(node.mentions) / top
            sizes[node.id] = round(NODE_PT_MIN + (NODE_PT_MAX - NODE_PT_MIN) * rank)
    return sizes


def _edge(edge, nodes: dict[str, NodeGlyph], ontology: Ontology, heaviest: int) -> EdgeGlyph:
    a, b = nodes[edge.source], nodes[edge.target]
    pairs = [
        (math.dist(pa, pb), i, pa, j, pb)
        for i, pa in enumerate(_sites(a)) for j, pb in enumerate(_sites(b))
    ]
    _, i, begin, j, end = min(pairs, key=lambda p: (round(p[0], 4), p[1], p[3]))
    try:
        prop = ontology.property_for_type(edge.type)
        label, directed = prop.label_en or edge.type, not prop.symmetric
    except Exception:  # a type outside the ontology still draws, unlabelled by it
        label, directed = edge.type.replace("_", " ").lower(), True
    # weak links recede (thin, light), strong ones stand out: a 100-link slide stays legible
    strength = math.log1p(max(edge.weight, 1) - 1) / math.log1p(max(heaviest, 2) - 1)
    width = 0.75 + 2.5 * strength
    return EdgeGlyph(
        source=edge.source, target=edge.target, type=edge.type, label=label,
        begin=begin, end=end, begin_site=i, end_site=j, width_pt=round(width, 2),
        color=theme.blend(theme.EDGE_LIGHT, theme.EDGE, strength), directed=directed,
        weight=edge.weight,
    )


def _sites(node: NodeGlyph) -> list[tuple[float, float]]:
    return [(node.left + x, node.top + y)
            for x, y in geometry.sites(node.shape, node.width, node.height)]


def _legend(styles: dict[str, theme.TypeStyle], ontology: Ontology) -> tuple[LegendEntry, ...]:
    order = {name: i for i, name in enumerate(ontology.classes)}
    entries, x = [], GRAPH_LEFT
    swatch = 0.22
    for style in sorted(styles.values(), key=lambda s: (order.get(s.type, 99), s.type)):
        entries.append(LegendEntry(
            type=style.type, label=style.label, left=x, top=LEGEND_TOP, swatch=swatch,
            shape=style.shape, fill=style.color, outline=theme.darker(style.color),
        ))
        x += swatch + 0.12 + theme.text_width(style.label, LEGEND_PT) + 0.35
    return tuple(entries)


def _footer(subgraph: Subgraph) -> str:
    parts = [f"{len(subgraph.nodes)} entities", f"{len(subgraph.edges)} links"]
    if subgraph.omitted_nodes:
        parts.append(f"{subgraph.omitted_nodes} more not shown")
    docs = {d for e in subgraph.edges for d in e.docs}
    if docs:
        parts.append(f"{len(docs)} source documents")
    return " · ".join(parts) + " · trendgraph"
