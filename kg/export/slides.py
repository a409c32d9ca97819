"""Drawing on a PowerPoint slide: text boxes, headings, and the network of a scene.

Nodes are native autoshapes and links are connectors glued to their connection
sites, so moving a node in PowerPoint drags its links along. Text is styled
through a ``Look``: explicit fonts and colours on the blank deck, the template's
theme fonts and colours when a client template is used.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Inches, Pt

from kg.errors import Errors, ExportError
from kg.export import edge_labels, geometry, theme
from kg.export.scene import FOOTER_PT, LEGEND_PT, SUBTITLE_PT, TITLE_PT, EdgeGlyph, NodeGlyph, Scene
from kg.export.template import Look


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def plain(shape) -> None:
    """Drop the theme style reference: its shadow shows in LibreOffice even when overridden."""
    found = shape.element.find(qn("p:style"))
    if found is not None:
        shape.element.remove(found)
    if shape.element.tag == qn("p:sp"):
        shape.shadow.inherit = False


def style(paragraph, *, size: float, look: Look, bold: bool = False, color: str | None = None,
          align: PP_ALIGN | None = PP_ALIGN.LEFT, italic: bool = False) -> None:
    """Size and weight always; font, colour and alignment only where given (else inherited)."""
    if align is not None:
        paragraph.alignment = align
    for run in paragraph.runs:
        if look.font:
            run.font.name = look.font
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        if color:
            run.font.color.rgb = rgb(color)


def fill_text(frame, text: str, *, size: float, look: Look, color: str | None = None,
              bold: bool = False, align: PP_ALIGN | None = PP_ALIGN.LEFT) -> None:
    frame.text = text
    for paragraph in frame.paragraphs:
        style(paragraph, size=size, look=look, bold=bold, color=color, align=align)


def text(slide: Slide, value: str, *, left: float, top: float, width: float, height: float,
         size: float, look: Look, color: str | None = None, align: PP_ALIGN = PP_ALIGN.LEFT,
         name: str = "", bold: bool = False):
    """A text box with no margins, wrapped, that never grows (LibreOffice centres those)."""
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    if name:
        box.name = name
    frame = box.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    fill_text(frame, value, size=size, look=look, color=color, bold=bold, align=align)
    return box


def fit_size(value: str, width: float, *, largest: float, smallest: float, bold: bool,
             family: str | None) -> float:
    """The largest size (whole points) at which ``value`` fits ``width`` inches on one line."""
    size = largest
    while size > smallest and theme.text_width(value, size, bold, family) > width:
        size -= 1
    return size


def fit_line(value: str, width: float, *, size: float, family: str | None,
             bold: bool = False) -> str:
    """``value`` cut (at a word when it can) so that it fits ``width`` inches on one line."""
    if theme.text_width(value, size, bold, family) <= width:
        return value
    words = value.split(" ")
    while len(words) > 1:
        words.pop()
        cut = " ".join(words).rstrip(",;:") + "…"
        if theme.text_width(cut, size, bold, family) <= width:
            return cut
    cut = value
    while len(cut) > 1 and theme.text_width(cut + "…", size, bold, family) > width:
        cut = cut[:-1]
    return cut + "…"


def heading(slide: Slide, title: str, subtitle: str, *, width: float, look: Look,
            title_top: float = 0.28, subtitle_top: float = 0.95, size: float = TITLE_PT) -> None:
    """The slide's title in its placeholder, shrunk to fit one line, and a subtitle under it.

    A title too long for one line at 18 pt wraps onto a second line, which still ends
    above the subtitle.
    """
    holder = slide.shapes.title
    if holder is None:
        raise ExportError(Errors.SLIDE_NO_TITLE)
    room = ((width - 0.9 if look.place_heading else holder.width / 914400) - 0.2) * 0.94
    size = fit_size(title, room, largest=size, smallest=18, bold=look.place_heading,
                    family=look.heading or look.font)
    if look.place_heading:
        holder.left, holder.top = Inches(0.45), Inches(title_top)
        holder.width, holder.height = Inches(width - 0.9), Inches(0.7)
    frame = holder.text_frame
    frame.text = title
    frame.word_wrap = True
    if look.place_heading:
        frame.vertical_anchor = MSO_ANCHOR.TOP
    style(frame.paragraphs[0], size=size, look=look, bold=look.place_heading, color=look.ink,
          align=PP_ALIGN.LEFT if look.place_heading else None)
    if subtitle:
        left = 0.45 if look.place_heading else holder.left / 914400
        text(slide, subtitle, left=left, top=subtitle_top, width=width - 2 * left, height=0.4,
             size=SUBTITLE_PT, look=look, color=look.muted, name="Subtitle")


def draw_network(slide: Slide, scene: Scene, look: Look) -> None:
    """Nodes, glued connectors under them, link labels where they fit, legend and footer."""
    shapes = {node.id: _node(slide, node, look) for node in scene.nodes}
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
            if edge.label_at is not None:
                _edge_label(slide, edge, edge.label_at, look)
    _legend(slide, scene, look)
    frame = scene.frame
    text(slide, scene.footer, left=frame.width - 9.45, top=frame.footer_top, width=9.0,
         height=0.25, size=FOOTER_PT, look=look, color=look.muted, align=PP_ALIGN.RIGHT,
         name="Footer")


def _node(slide: Slide, node: NodeGlyph, look: Look) -> Shape:
    preset = getattr(MSO_SHAPE, geometry.spec(node.shape).preset)
    shape = slide.shapes.add_shape(preset, Inches(node.left), Inches(node.top),
                                   Inches(node.width), Inches(node.height))
    shape.name = node.name
    plain(shape)
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(node.fill)
    shape.line.color.rgb = rgb(node.outline)
    shape.line.width = Pt(2.25 if node.seed else 1.0)
    frame = shape.text_frame
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(node.lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        style(paragraph, size=node.font_pt, look=look, bold=node.bold, color=node.ink,
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
    element: Any = connector.element  # python-pptx types it as any shape's element
    props = element.nvCxnSpPr.cNvCxnSpPr
    props.stCxn.idx, props.endCxn.idx = edge.begin_site, edge.end_site
    connector.begin_x, connector.begin_y = Inches(bx), Inches(by)
    connector.end_x, connector.end_y = Inches(ex), Inches(ey)
    connector.name = f"{names[edge.source]} → {edge.label} → {names[edge.target]}"
    plain(connector)
    connector.line.color.rgb = rgb(edge.color)
    connector.line.width = Pt(edge.width_pt)
    if edge.directed:
        line = connector.line._get_or_add_ln()
        etree.SubElement(line, qn("a:tailEnd"), type="triangle", w="med", len="med")


def _edge_label(slide: Slide, edge: EdgeGlyph, at: tuple[float, float], look: Look) -> None:
    left, top, right, bottom = edge_labels.label_box(edge, at, look.measure)
    box = text(slide, edge.label, left=left, top=top, width=right - left, height=bottom - top,
               size=edge_labels.LABEL_PT, look=look, color=look.muted, align=PP_ALIGN.CENTER,
               name=f"label: {edge.label}")
    box.fill.solid()
    box.fill.fore_color.rgb = rgb("#FFFFFF")
    box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE


def _legend(slide: Slide, scene: Scene, look: Look) -> None:
    group = slide.shapes.add_group_shape()
    group.name = "Legend"
    for entry in scene.legend:
        preset = getattr(MSO_SHAPE, geometry.spec(entry.shape).preset)
        swatch = group.shapes.add_shape(preset, Inches(entry.left), Inches(entry.top),
                                        Inches(entry.swatch), Inches(entry.swatch))
        swatch.name = f"legend: {entry.type}"
        plain(swatch)
        swatch.fill.solid()
        swatch.fill.fore_color.rgb = rgb(entry.fill)
        swatch.line.color.rgb = rgb(entry.outline)
        swatch.line.width = Pt(0.75)
        label = group.shapes.add_textbox(
            Inches(entry.left + entry.swatch + 0.08), Inches(entry.top - 0.04),
            Inches(theme.text_width(entry.label, LEGEND_PT, family=look.measure) + 0.2),
            Inches(0.3))
        label.name = f"legend label: {entry.label}"
        frame = label.text_frame
        frame.margin_left = frame.margin_right = 0
        frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
        fill_text(frame, entry.label, size=LEGEND_PT, look=look, color=look.ink)
