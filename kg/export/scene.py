"""The slide as data: every box, connector, legend entry and text, in inches.

The PPTX writer and the PNG/SVG writer both render this one scene, so the
picture is the slide and the slide is the picture; neither decides layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.export import geometry, theme
from kg.export.connectors import drawn_edges, glue
from kg.export.edge_labels import place_labels
from kg.export.layout import Layout, layout
from kg.export.radial import radial_layout
from kg.export.wording import describe
from kg.ontology import Ontology, load_ontology
from kg.subgraph import Edge, Subgraph

WIDTH, HEIGHT = 13.333, 7.5  # 16:9, PowerPoint's default widescreen size
GRAPH_LEFT, GRAPH_TOP, GRAPH_RIGHT, GRAPH_BOTTOM = 0.45, 1.5, 12.88, 6.62
LEGEND_TOP, FOOTER_TOP = 6.82, 7.16


@dataclass(frozen=True, slots=True)
class Frame:
    """Where the network goes on the slide (inches): a template may move every edge."""

    width: float = WIDTH
    height: float = HEIGHT
    left: float = GRAPH_LEFT
    top: float = GRAPH_TOP
    right: float = GRAPH_RIGHT
    bottom: float = GRAPH_BOTTOM
    legend_top: float = LEGEND_TOP
    footer_top: float = FOOTER_TOP
    title_top: float = 0.28
    subtitle_top: float = 0.95

    @property
    def area(self) -> tuple[float, float]:
        return self.right - self.left, self.bottom - self.top


DEFAULT_FRAME = Frame()
TITLE_PT, SUBTITLE_PT, LEGEND_PT, FOOTER_PT = 28, 14, 11, 9
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
    label_at: tuple[float, float] | None = None  # centre of the label box; None: no room


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
    frame: Frame = DEFAULT_FRAME

    @property
    def width(self) -> float:
        return self.frame.width

    @property
    def height(self) -> float:
        return self.frame.height


def default_title(subgraph: Subgraph) -> str:
    seeds = [n.name for n in subgraph.nodes if n.seed]
    if seeds:
        return " · ".join(seeds)
    return "trendgraph subgraph"


def default_subtitle(subgraph: Subgraph, date: str | None = None, title: str = "") -> str:
    """The selection in words (plain dates), and the day the export was made.

    Seed names already in the ``title`` are not repeated.
    """
    day = date or dt.date.today().isoformat()
    names = subgraph.names
    seeds = [names.get(s, s) for s in subgraph.selection.seeds]
    repeat = not (seeds and all(name in title for name in seeds))
    return f"{describe(subgraph.selection, names, seeds=repeat)} · {day}"


def build_scene(
    subgraph: Subgraph,
    *,
    title: str,
    subtitle: str,
    ontology: Ontology | None = None,
    edge_labels: bool = False,
    frame: Frame = DEFAULT_FRAME,
    font: str | None = None,
) -> Scene:
    """Every box and line of the network slide; ``font`` measures labels (default Arial)."""
    ontology = ontology or load_ontology()
    styles = {n.type: theme.type_style(ontology, n.type) for n in subgraph.nodes}
    fonts = _font_sizes(subgraph)
    sizes: dict[str, tuple[float, float]] = {}
    lines: dict[str, tuple[str, ...]] = {}
    for node in subgraph.nodes:
        lines[node.id] = theme.wrap(node.name)
        text = theme.text_size(lines[node.id], fonts[node.id], node.seed, family=font)
        sizes[node.id] = geometry.spec(styles[node.type].shape).box(*text)
    drawn, hidden = drawn_edges(subgraph)
    placed = _place(subgraph, drawn, sizes, frame)
    area = frame.area
    nodes = []
    for node in subgraph.nodes:
        style = styles[node.type]
        w, h = (v * placed.scale for v in sizes[node.id])
        ux, uy = placed.positions[node.id]
        cx, cy = frame.left + ux * area[0], frame.top + uy * area[1]
        nodes.append(NodeGlyph(
            id=node.id, name=node.name, type=node.type, lines=lines[node.id],
            left=cx - w / 2, top=cy - h / 2, width=w, height=h, shape=style.shape,
            fill=style.color, outline=theme.INK if node.seed else theme.darker(style.color),
            ink=style.text_color, font_pt=round(fonts[node.id] * placed.scale, 1),
            bold=node.seed, seed=node.seed,
        ))
    by_id = {n.id: n for n in nodes}
    edges = glue([e for e in drawn if e.source in by_id and e.target in by_id
                  and e.source != e.target], by_id, ontology)
    if edge_labels:
        edges = place_labels(edges, nodes, frame, font=font)
    return Scene(
        title=title, subtitle=subtitle, footer=_footer(subgraph, drawn, hidden),
        nodes=tuple(nodes), edges=tuple(edges), legend=_legend(styles, ontology, frame, font),
        edge_labels=edge_labels, frame=frame,
    )


def _place(subgraph: Subgraph, drawn: list[Edge], sizes: dict[str, tuple[float, float]],
           frame: Frame) -> Layout:
    """One seed: the seed-centred sector layout; several or none: the force layout."""
    seeds = [n.id for n in subgraph.nodes if n.seed]
    links = [(e.source, e.target, float(e.weight)) for e in drawn]
    ids = [n.id for n in subgraph.nodes]
    if len(seeds) == 1 and len(ids) > 1:
        return radial_layout(ids, links, sizes, {n.id: n.type for n in subgraph.nodes},
                             area=frame.area, seed=seeds[0])
    return layout(ids, links, sizes, area=frame.area, seeds=seeds)


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


def _legend(styles: dict[str, theme.TypeStyle], ontology: Ontology, frame: Frame,
            font: str | None) -> tuple[LegendEntry, ...]:
    order = {name: i for i, name in enumerate(ontology.classes)}
    entries, x = [], frame.left
    swatch = 0.22
    for style in sorted(styles.values(), key=lambda s: (order.get(s.type, 99), s.type)):
        entries.append(LegendEntry(
            type=style.type, label=style.label, left=x, top=frame.legend_top, swatch=swatch,
            shape=style.shape, fill=style.color, outline=theme.darker(style.color),
        ))
        x += swatch + 0.12 + theme.text_width(style.label, LEGEND_PT, family=font) + 0.35
    return tuple(entries)


def _footer(subgraph: Subgraph, drawn: list[Edge], hidden: int = 0) -> str:
    """Counts of what is drawn; the documents are those behind the drawn links."""
    parts = [f"{len(subgraph.nodes)} entities", f"{len(drawn)} links"]
    if subgraph.omitted_nodes:
        parts.append(f"{subgraph.omitted_nodes} more not shown")
    if hidden:
        parts.append(f"{hidden} links between neighbours not drawn (in the tables)")
    if subgraph.hidden_links:
        parts.append(f"{subgraph.hidden_links} platform links left out")
    docs = {d for e in drawn for d in e.docs}
    if docs:
        parts.append(f"{len(docs)} source documents")
    return " · ".join(parts) + " · trendgraph"
