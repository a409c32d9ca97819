"""PowerPoint export: one editable slide a strategist can restyle in place.

The network is drawn by ``slides.draw_network`` (native shapes, glued
connectors); the speaker notes carry the top quotes behind each link with their
sources, capped so they can be read aloud. ``--template`` puts the slide in a
client's master and theme.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches

from kg.export import slides, theme
from kg.export.notes import documents, link_notes, trim
from kg.export.request import ExportRequest, Part
from kg.export.scene import Scene, build_scene
from kg.export.sources import top_edges
from kg.export.template import Canvas, open_canvas

TABLE_ROWS = 12


def render(request: ExportRequest) -> list[Part]:
    canvas = open_canvas(request.template)
    scene = build_scene(request.subgraph, title=request.title, subtitle=request.subtitle,
                        ontology=request.ontology, edge_labels=request.edge_labels,
                        frame=canvas.frame, font=canvas.look.measure)
    return [(".pptx", build_deck(scene, request, canvas))]


def stamp(canvas: Canvas, *, title: str, subject: str, date: str) -> None:
    """Document properties fixed by the request, so the same selection gives the same bytes."""
    props = canvas.prs.core_properties
    props.title, props.subject, props.author = title, subject, "trendgraph"
    moment = dt.datetime.fromisoformat(date) if date else dt.datetime.now()
    props.created = props.modified = moment
    props.last_modified_by = "trendgraph"
    props.revision = 1


def save(canvas: Canvas) -> bytes:
    """The deck's bytes, with every zip entry dated 1980-01-01.

    python-pptx stamps each part with the current time, so two exports of one
    selection a second apart would differ; fixed dates make the CLI's file and the
    app's download byte-identical.
    """
    buffer = io.BytesIO()
    canvas.prs.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def network_slide(canvas: Canvas, scene: Scene, notes: str):
    slide = canvas.prs.slides.add_slide(canvas.content_layout)
    slides.heading(slide, scene.title, scene.subtitle, width=scene.width, look=canvas.look,
                   title_top=scene.frame.title_top, subtitle_top=scene.frame.subtitle_top)
    slides.draw_network(slide, scene, canvas.look)
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def build_deck(scene: Scene, request: ExportRequest, canvas: Canvas) -> bytes:
    stamp(canvas, title=scene.title, subject=scene.subtitle, date=request.date)
    network_slide(canvas, scene, notes(request, scene))
    if request.links_table and request.subgraph.edges:
        _links_slide(canvas, scene, request)
    return save(canvas)


def notes(request: ExportRequest, scene: Scene) -> str:
    """Speaker notes: the drawn links, strongest first, each with its top quotes."""
    return link_notes(f"{request.title} — {request.subtitle}", request.subgraph, request.docs,
                      request.ontology, shown=[(g.source, g.type, g.target) for g in scene.edges])


def _links_slide(canvas: Canvas, scene: Scene, request: ExportRequest) -> None:
    slide = canvas.prs.slides.add_slide(canvas.content_layout)
    look = canvas.look
    slides.heading(slide, f"Top links — {scene.title}", scene.subtitle, width=scene.width,
                   look=look, title_top=scene.frame.title_top,
                   subtitle_top=scene.frame.subtitle_top)
    edges = top_edges(request.subgraph, TABLE_ROWS)
    names = request.subgraph.names
    header = ("Source", "Link", "Target", "Weight", "Docs", "Example quote")
    widths = (2.0, 1.5, 2.0, 0.8, 0.7, 5.4)
    rows = len(edges) + 1
    table = slide.shapes.add_table(rows, len(header), Inches(scene.frame.left),
                                   Inches(scene.frame.top), Inches(sum(widths)),
                                   Inches(0.36 * rows)).table
    for col, width in enumerate(widths):
        table.columns[col].width = Inches(width)
    for col, value in enumerate(header):
        cell(table.cell(0, col), value, fill=theme.INK, size=11, color="#FFFFFF",
             bold=True, look=look)
    for row, edge in enumerate(edges, start=1):
        quote = trim(edge.evidence[0].sentence, 150) if edge.evidence else ""
        values = (names.get(edge.source, edge.source),
                  request.ontology.rel_label(edge.type),
                  names.get(edge.target, edge.target), str(edge.weight), str(documents(edge)),
                  f"“{quote}”" if quote else "")
        for col, value in enumerate(values):
            cell(table.cell(row, col), value, fill="#F3F4F6" if row % 2 else "#FFFFFF",
                 size=10, color=theme.INK, look=look)
    slide.notes_slide.notes_text_frame.text = notes(request, scene)


def cell(target, value: str, *, fill: str, size: float, color: str, look, bold: bool = False
         ) -> None:
    target.fill.solid()
    target.fill.fore_color.rgb = slides.rgb(fill)
    target.vertical_anchor = MSO_ANCHOR.MIDDLE
    slides.fill_text(target.text_frame, value, size=size, look=look, color=color, bold=bold)
