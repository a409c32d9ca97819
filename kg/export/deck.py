"""PowerPoint export: one editable 16:9 slide a strategist can restyle in place.

Nodes are native autoshapes and links are connectors glued to them, so moving a
node in PowerPoint drags its links along; the quotes behind every shown link go
in the speaker notes with their sources, so the slide can be defended.
"""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from kg.export import geometry, theme
from kg.export.request import ExportRequest, Part
from kg.export.scene import (
    EDGE_LABEL_PT,
    FOOTER_PT,
    FOOTER_TOP,
    LEGEND_PT,
    SUBTITLE_PT,
    TITLE_PT,
    EdgeGlyph,
    NodeGlyph,
    Scene,
    build_scene,
)
from kg.export.sources import quotes, top_edges

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # PowerPoint's 13.333 x 7.5 in widescreen
TITLE_ONLY = 5
TABLE_ROWS = 12


def render(request: ExportRequest) -> list[Part]:
    scene = build_scene(request.subgraph, title=request.title, subtitle=request.subtitle,
                        ontology=request.ontology, edge_labels=request.edge_labels)
    return [(".pptx", build_deck(scene, request))]


def build_deck(scene: Scene, request: ExportRequest) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    props = prs.core_properties
    props.title, props.subject, props.author = scene.title, scene.subtitle, "trendgraph"
    stamp = dt.datetime.fromisoformat(request.date) if request.date else dt.datetime.now()
    props.created = props.modified = stamp
    props.last_modified_by = "trendgraph"
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _heading(slide, scene.title, scene.subtitle)
    shapes = {node.id: _node(slide, node) for node in scene.nodes}
    names = {node.id: node.name for node in scene.nodes}
    for edge in scene.edges:
        _connector(slide, edge, shapes, names)
    # connectors were added after the nodes they glue to; draw them underneath
    tree = slide.shapes._spTree
    glued = [s.element for s in slide.shapes if s.element.tag == qn("p:cxnSp")]
    for offset, element in enumerate(glued):
        tree.remove(element)
        tree.insert(2 + offset, element)
    if scene.edge_labels:
        for edge in scene.edges:
            _edge_label(slide, edge)
    _legend(slide, scene)
    _text(slide, scene.footer, left=scene.width - 6.45, top=FOOTER_TOP, width=6.0, height=0.25,
          size=FOOTER_PT, color=theme.MUTED, align=PP_ALIGN.RIGHT, name="Footer")
    slide.notes_slide.notes_text_frame.text = notes(request)
    if request.links_table and request.subgraph.edges:
        _links_slide(prs, scene, request)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def notes(request: ExportRequest) -> str:
    """Speaker notes: every shown link with its quotes and where they come from."""
    names = request.subgraph.names
    by_edge: dict[tuple[str, str, str], list] = {}
    for quote in quotes(request.subgraph, request.docs):
        by_edge.setdefault(quote.edge.key, []).append(quote)
    lines = [f"{request.title} — {request.subtitle}", "",
             "Evidence for the links on this slide (strongest first):"]
    for edge in top_edges(request.subgraph):
        label = _relation_label(request, edge.type)
        lines.append("")
        lines.append(f"{names.get(edge.source, edge.source)} — {label} → "
                     f"{names.get(edge.target, edge.target)} (weight {edge.weight}, "
                     f"{edge.doc_count} document{'s' if edge.doc_count != 1 else ''})")
        for quote in by_edge.get(edge.key, []):
            lines.append(f"  • “{quote.sentence}” — {quote.citation()}")
        if not by_edge.get(edge.key):
            lines.append("  • (no quote stored)")
    return "\n".join(lines)


def _relation_label(request: ExportRequest, rel_type: str) -> str:
    try:
        return request.ontology.property_for_type(rel_type).label_en or rel_type
    except Exception:
        return rel_type


def _heading(slide: Slide, title: str, subtitle: str) -> None:
    holder = slide.shapes.title
    holder.left, holder.top = Inches(0.45), Inches(0.28)
    holder.width, holder.height = Inches(12.4), Inches(0.7)
    frame = holder.text_frame
    frame.text = title
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.word_wrap = True
    _style(frame.paragraphs[0], size=TITLE_PT, bold=True, color=theme.INK, align=PP_ALIGN.LEFT)
    _text(slide, subtitle, left=0.45, top=0.95, width=12.4, height=0.4, size=SUBTITLE_PT,
          color=theme.MUTED, name="Subtitle")


def _node(slide: Slide, node: NodeGlyph) -> Shape:
    preset = getattr(MSO_SHAPE, geometry.spec(node.shape).preset)
    shape = slide.shapes.add_shape(preset, Inches(node.left), Inches(node.top),
                                   Inches(node.width), Inches(node.height))
    shape.name = node.name
    _plain(shape)
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(node.fill)
    shape.line.color.rgb = _rgb(node.outline)
    shape.line.width = Pt(2.25 if node.seed else 1.0)
    frame = shape.text_frame
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(node.lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        _style(paragraph, size=node.font_pt, bold=node.bold, color=node.ink,
               align=PP_ALIGN.CENTER)
    return shape


def _connector(slide: Slide, edge: EdgeGlyph, shapes: dict[str, Shape],
               names: dict[str, str]) -> None:
    (bx, by), (ex, ey) = edge.begin, edge.end
    connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(bx), Inches(by),
                                           Inches(ex), Inches(ey))
    # glue both ends (python-pptx only knows box sites 0-3, so set the preset's site)
    connector.begin_connect(shapes[edge.source], 0)
    connector.end_connect(shapes[edge.target], 0)
    props = connector.element.nvCxnSpPr.cNvCxnSpPr
    props.stCxn.idx, props.endCxn.idx = edge.begin_site, edge.end_site
    connector.begin_x, connector.begin_y = Inches(bx), Inches(by)
    connector.end_x, connector.end_y = Inches(ex), Inches(ey)
    connector.name = f"{names[edge.source]} → {edge.label} → {names[edge.target]}"
    _plain(connector)
    connector.line.color.rgb = _rgb(edge.color)
    connector.line.width = Pt(edge.width_pt)
    if edge.directed:
        line = connector.line._get_or_add_ln()
        etree.SubElement(line, qn("a:tailEnd"), type="triangle", w="med", len="med")


def _plain(shape) -> None:
    """Drop the theme style reference: its shadow shows in LibreOffice even when overridden."""
    style = shape.element.find(qn("p:style"))
    if style is not None:
        shape.element.remove(style)
    if shape.element.tag == qn("p:sp"):
        shape.shadow.inherit = False


def _edge_label(slide: Slide, edge: EdgeGlyph) -> None:
    x = (edge.begin[0] + edge.end[0]) / 2
    y = (edge.begin[1] + edge.end[1]) / 2
    width = theme.text_width(edge.label, EDGE_LABEL_PT) + 0.1
    box = _text(slide, edge.label, left=x - width / 2, top=y - 0.09, width=width, height=0.18,
                size=EDGE_LABEL_PT, color=theme.MUTED, align=PP_ALIGN.CENTER,
                name=f"label: {edge.label}")
    box.fill.solid()
    box.fill.fore_color.rgb = _rgb("#FFFFFF")


def _legend(slide: Slide, scene: Scene) -> None:
    group = slide.shapes.add_group_shape()
    group.name = "Legend"
    for entry in scene.legend:
        preset = getattr(MSO_SHAPE, geometry.spec(entry.shape).preset)
        swatch = group.shapes.add_shape(preset, Inches(entry.left), Inches(entry.top),
                                        Inches(entry.swatch), Inches(entry.swatch))
        swatch.name = f"legend: {entry.type}"
        _plain(swatch)
        swatch.fill.solid()
        swatch.fill.fore_color.rgb = _rgb(entry.fill)
        swatch.line.color.rgb = _rgb(entry.outline)
        swatch.line.width = Pt(0.75)
        label = group.shapes.add_textbox(
            Inches(entry.left + entry.swatch + 0.08), Inches(entry.top - 0.04),
            Inches(theme.text_width(entry.label, LEGEND_PT) + 0.2), Inches(0.3))
        label.name = f"legend label: {entry.label}"
        frame = label.text_frame
        frame.margin_left = frame.margin_right = 0
        # wrap on and no autofit: LibreOffice centres text in auto-growing boxes
        frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
        _fill_text(frame, entry.label, size=LEGEND_PT, color=theme.INK)


def _links_slide(prs: Presentation, scene: Scene, request: ExportRequest) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _heading(slide, f"Top links — {scene.title}", scene.subtitle)
    edges = top_edges(request.subgraph, TABLE_ROWS)
    names = request.subgraph.names
    header = ("Source", "Link", "Target", "Weight", "Docs", "Example quote")
    widths = (2.0, 1.5, 2.0, 0.8, 0.7, 5.4)
    rows = len(edges) + 1
    table = slide.shapes.add_table(rows, len(header), Inches(0.45), Inches(1.5),
                                   Inches(sum(widths)), Inches(0.36 * rows)).table
    for col, width in enumerate(widths):
        table.columns[col].width = Inches(width)
    for col, text in enumerate(header):
        _cell(table.cell(0, col), text, fill=theme.INK, size=11, color="#FFFFFF", bold=True)
    for row, edge in enumerate(edges, start=1):
        quote = edge.evidence[0].sentence if edge.evidence else ""
        if len(quote) > 150:
            quote = quote[:147].rstrip() + "…"
        values = (names.get(edge.source, edge.source), _relation_label(request, edge.type),
                  names.get(edge.target, edge.target), str(edge.weight), str(edge.doc_count),
                  f"“{quote}”" if quote else "")
        for col, text in enumerate(values):
            _cell(table.cell(row, col), text, fill="#F3F4F6" if row % 2 else "#FFFFFF",
                  size=10, color=theme.INK)
    slide.notes_slide.notes_text_frame.text = notes(request)


def _cell(cell, text: str, *, fill: str, size: float, color: str, bold: bool = False) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    _fill_text(cell.text_frame, text, size=size, color=color, bold=bold)


def _text(slide: Slide, text: str, *, left: float, top: float, width: float, height: float,
          size: float, color: str, align: PP_ALIGN = PP_ALIGN.LEFT, name: str = ""):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    if name:
        box.name = name
    frame = box.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.word_wrap = True
    _fill_text(frame, text, size=size, color=color, align=align)
    return box


def _fill_text(frame, text: str, *, size: float, color: str, bold: bool = False,
               align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    frame.text = text
    _style(frame.paragraphs[0], size=size, bold=bold, color=color, align=align)


def _style(paragraph, *, size: float, bold: bool, color: str, align: PP_ALIGN) -> None:
    paragraph.alignment = align
    for run in paragraph.runs:
        run.font.name = theme.FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(color)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())
