"""PNG and SVG export: the slide's scene drawn with matplotlib.

Same layout, colours, shapes and legend as the PPTX, for decks that want a
picture and for documents and chats. No pyplot: a private Figure per call keeps
this safe inside Streamlit's threads.
"""

from __future__ import annotations

import io
from dataclasses import replace

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Polygon

from kg.export import edge_labels, geometry, theme
from kg.export.request import ExportRequest, Part
from kg.export.scene import (
    FOOTER_PT,
    LEGEND_PT,
    SUBTITLE_PT,
    TITLE_PT,
    NodeGlyph,
    Scene,
    build_scene,
)

FIG_W, FIG_H = 12.8, 7.2
DPI = 200  # 2560 x 1440 pixels
PIXELS = (round(FIG_W * DPI), round(FIG_H * DPI))


def render_png(request: ExportRequest) -> list[Part]:
    return [(".png", draw(_scene(request), "png"))]


def render_svg(request: ExportRequest) -> list[Part]:
    return [(".svg", draw(_scene(request), "svg"))]


def _scene(request: ExportRequest) -> Scene:
    """The slide's scene, with characters the picture fonts lack (emoji) shown as markers."""
    graph = request.subgraph
    graph = replace(graph, nodes=[replace(n, name=theme.drawable(n.name)) for n in graph.nodes])
    return build_scene(graph, title=theme.drawable(request.title),
                       subtitle=theme.drawable(request.subtitle), ontology=request.ontology,
                       edge_labels=request.edge_labels)


def draw(scene: Scene, fmt: str) -> bytes:
    """Render the scene as PNG (PIXELS, 200 dpi) or SVG (text kept as text)."""
    with rc_context({"svg.fonttype": "none", "font.family": theme.mpl_family(),
                     "svg.hashsalt": "trendgraph"}):
        figure = Figure(figsize=(FIG_W, FIG_H), dpi=DPI, facecolor="white")
        canvas = FigureCanvasAgg(figure) if fmt == "png" else FigureCanvasSVG(figure)
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, scene.width)
        ax.set_ylim(scene.height, 0)
        ax.set_axis_off()
        pt = FIG_W / scene.width  # slide points -> figure points
        _text(ax, 0.55, 0.36, scene.title, TITLE_PT * pt, color=theme.INK, weight="bold")
        _text(ax, 0.45, 0.95, scene.subtitle, SUBTITLE_PT * pt, color=theme.MUTED)
        for edge in scene.edges:
            ax.add_patch(FancyArrowPatch(
                edge.begin, edge.end, arrowstyle="-|>" if edge.directed else "-",
                mutation_scale=9 + edge.width_pt * 2, lw=edge.width_pt * pt, color=edge.color,
                shrinkA=0, shrinkB=0, zorder=1, joinstyle="miter",
            ))
        for node in scene.nodes:
            _node(ax, node, pt)
        if scene.edge_labels:
            for edge in scene.edges:
                if edge.label_at is None:
                    continue
                ax.text(*edge.label_at, edge.label, fontsize=edge_labels.LABEL_PT * pt,
                        color=theme.MUTED, ha="center", va="center", zorder=3,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
        for entry in scene.legend:
            _shape(ax, entry.shape, entry.left, entry.top, entry.swatch, entry.swatch,
                   fill=entry.fill, outline=entry.outline, lw=0.75 * pt)
            _text(ax, entry.left + entry.swatch + 0.08, entry.top + entry.swatch / 2,
                  entry.label, LEGEND_PT * pt, color=theme.INK, va="center")
        ax.text(scene.width - 0.45, scene.frame.footer_top, scene.footer, fontsize=FOOTER_PT * pt,
                color=theme.MUTED, ha="right", va="top")
        buffer = io.BytesIO()
        metadata = {"Software": None} if fmt == "png" else {"Date": None}
        canvas.print_figure(buffer, format=fmt, dpi=DPI, facecolor="white",
                            metadata=metadata)
    return buffer.getvalue()


def _node(ax, node: NodeGlyph, pt: float) -> None:
    _shape(ax, node.shape, node.left, node.top, node.width, node.height, fill=node.fill,
           outline=node.outline, lw=(2.25 if node.seed else 1.0) * pt)
    cx, cy = geometry.text_center(node.shape, node.width, node.height)
    ax.text(node.left + cx, node.top + cy, "\n".join(node.lines), fontsize=node.font_pt * pt,
            color=node.ink, weight="bold" if node.bold else "normal", ha="center",
            va="center", linespacing=theme.LINE_SPACING, zorder=3)


def _shape(ax, shape: str, left: float, top: float, w: float, h: float, *, fill: str,
           outline: str, lw: float) -> None:
    patch: Patch
    if geometry.spec(shape).preset == "ROUNDED_RECTANGLE":
        patch = FancyBboxPatch((left, top), w, h,
                               boxstyle=f"round,pad=0,rounding_size={min(w, h) * 0.1667}")
    else:
        patch = Polygon([(left + x, top + y) for x, y in geometry.outline(shape, w, h)],
                        closed=True)
    patch.set(facecolor=fill, edgecolor=outline, linewidth=lw, zorder=2, joinstyle="round")
    ax.add_patch(patch)


def _text(ax, x: float, y: float, text: str, size: float, *, color: str,
          weight: str = "normal", va: str = "top") -> None:
    ax.text(x, y, text, fontsize=size, color=color, weight=weight, ha="left", va=va)
