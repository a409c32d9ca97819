"""The story deck: a short, editable PowerPoint a strategist can present as it is.

Slides: title; overview network; one network per neighbour type; weekly mentions
as a native chart (PowerPoint opens its data in Excel); audience affinity as a
native table; the top quotes with their sources; an appendix of every source.
Link slides carry their top quotes in the notes, under ``notes.CAP`` characters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.enum.chart import XL_CHART_TYPE, XL_TICK_LABEL_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from kg.export import slides, theme, wording
from kg.export.deck import cell, network_slide, save, stamp
from kg.export.notes import CAP, link_notes, source_line, trim
from kg.export.request import ExportRequest, Part
from kg.export.scene import build_scene
from kg.export.story import Section, Story, build_story
from kg.export.story_data import AffinityTable, Timeline
from kg.export.template import Canvas, open_canvas

SOURCES_PER_SLIDE = 16
ROW = 0.35  # inches, one table row at 10 pt (LibreOffice draws ~0.34)
SOURCE_SLIDES = 3
QUOTE_CHARS = 230


def render(request: ExportRequest) -> list[Part]:
    story = build_story(request)
    canvas = open_canvas(request.template)
    stamp(canvas, title=f"{story.seed.name}: the story", subject=request.subtitle,
          date=request.date)
    _title_slide(canvas, story)
    _network(canvas, story.overview_title, request.subgraph, request.docs, request)
    for section in story.sections:
        _section_slide(canvas, section, request)
    if story.timeline is not None:
        _timeline_slide(canvas, story.timeline, request.date)
    if story.affinity is not None:
        _affinity_slide(canvas, story.affinity, story)
    if story.evidence:
        _evidence_slide(canvas, story)
    _appendix(canvas, story)
    return [(".pptx", save(canvas))]


def _subtitle(request: ExportRequest) -> str:
    graph = request.subgraph
    return f"{wording.describe(graph.selection, graph.names, seeds=False)} · {request.date}"


def _content(canvas: Canvas, title: str, subtitle: str):
    frame = canvas.frame
    slide = canvas.prs.slides.add_slide(canvas.content_layout)
    slides.heading(slide, title, subtitle, width=frame.width, look=canvas.look,
                   title_top=frame.title_top, subtitle_top=frame.subtitle_top, size=26)
    return slide


def _title_slide(canvas: Canvas, story: Story) -> None:
    slide = canvas.prs.slides.add_slide(canvas.title_layout)
    look, frame = canvas.look, canvas.frame
    title = slide.shapes.title
    title.text_frame.text = story.title
    slides.style(title.text_frame.paragraphs[0], size=44, look=look, bold=look.place_heading,
                 color=look.ink, align=PP_ALIGN.LEFT if look.place_heading else None)
    graph = story.request.subgraph
    lines = [story.subtitle, f"Selection: {wording.describe(graph.selection, graph.names)} · "
                             f"exported {story.request.date}"]
    body = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
    if look.place_heading:
        title.left, title.top = Inches(0.9), Inches(2.3)
        title.width, title.height = Inches(frame.width - 1.8), Inches(1.3)
        title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    if body is not None and look.place_heading:
        body.element.getparent().remove(body.element)
        body = None
    if body is None:
        top = 3.75 if look.place_heading else frame.subtitle_top + 0.3
        slides.text(slide, "\n".join(lines), left=0.9, top=top, width=frame.width - 1.8,
                    height=1.2, size=18, look=look, color=look.muted, name="Subtitle")
    else:
        slides.fill_text(body.text_frame, "\n".join(lines), size=20, look=look, align=None)
    slide.notes_slide.notes_text_frame.text = (
        f"{story.title}: {story.subtitle}. Selection: {_subtitle(story.request)}. "
        "Every title in this deck is built from the graph's links and counts; the notes of "
        "each network slide hold the quotes behind its links.")


def _network(canvas: Canvas, title: str, graph, docs, request: ExportRequest,
             subtitle: str | None = None) -> None:
    scene = build_scene(graph, title=title, subtitle=subtitle or _subtitle(request),
                        ontology=request.ontology, edge_labels=True, frame=canvas.frame,
                        font=canvas.look.measure)
    notes = link_notes(title, graph, docs, request.ontology,
                       shown=[(g.source, g.type, g.target) for g in scene.edges])
    network_slide(canvas, scene, notes)


def _section_slide(canvas: Canvas, section: Section, request: ExportRequest) -> None:
    _network(canvas, section.title, section.subgraph, section.docs, request,
             subtitle=f"{section.subtitle} · {request.date}")


class _StampedWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook dated by the request, so the bytes repeat."""

    created = dt.datetime(2000, 1, 1)

    @contextlib.contextmanager
    def _open_worksheet(self, xlsx_file):
        with super()._open_worksheet(xlsx_file) as (workbook, worksheet):
            workbook.set_properties({"created": self.created})
            yield workbook, worksheet


class _ChartData(CategoryChartData):
    def __init__(self, created: dt.datetime) -> None:
        super().__init__(number_format="0")
        self._writer = _StampedWriter(self)
        self._writer.created = created

    @property
    def _workbook_writer(self):
        return self._writer


def _timeline_slide(canvas: Canvas, timeline: Timeline, date: str) -> None:
    slide = _content(canvas, timeline.title, timeline.subtitle)
    frame = canvas.frame
    data = _ChartData(dt.datetime.fromisoformat(date))
    # weeks as text: a date axis counts in days, which would draw each week a day wide
    data.categories = [w.week.isoformat() for w in timeline.weeks]
    data.add_series(timeline.series, [w.documents for w in timeline.weeks])
    top = frame.top - 0.1
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(frame.left), Inches(top),
        Inches(frame.right - frame.left), Inches(frame.footer_top - top - 0.1), data).chart
    chart.has_legend = False
    chart.has_title = False
    chart.font.size = Pt(11)
    if canvas.look.font:
        chart.font.name = canvas.look.font
    plot = chart.plots[0]
    plot.gap_width = 30
    fill = plot.series[0].format.fill
    fill.solid()
    fill.fore_color.rgb = slides.rgb("#E4572E")
    axis = chart.category_axis
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    axis.has_major_gridlines = False
    _skip_labels(axis, math.ceil(len(timeline.weeks) / 12))
    value = chart.value_axis
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = slides.rgb("#E5E7EB")
    value.tick_labels.number_format, value.tick_labels.number_format_is_linked = "0", False
    value.major_unit = max(1, math.ceil(max(w.documents for w in timeline.weeks) / 5))
    busy = [w for w in timeline.weeks if w.documents]
    lines = [timeline.title, timeline.subtitle, "", "Weeks with at least one document:"]
    lines += [f"  • week of {w.week.isoformat()}: {wording.plural(w.documents, 'document')}, "
              f"{wording.plural(w.mentions, 'mention')}" for w in busy]
    slide.notes_slide.notes_text_frame.text = _capped(lines)


def _skip_labels(axis, every: int) -> None:
    """Label one week in ``every`` (c:tickLblSkip), so 95 weeks do not print 95 dates."""
    if every <= 1:
        return
    ax = axis._element
    after = ax.find(qn("c:lblOffset"))  # schema order: lblOffset, tickLblSkip, tickMarkSkip
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        element = ax.find(qn(tag))
        if element is None:
            element = etree.SubElement(ax, qn(tag))
            if after is not None:
                after.addnext(element)
        element.set("val", str(every))
        after = element


def _capped(lines: list[str], cap: int = CAP) -> str:
    out, used = [], 0
    for line in lines:
        if used + len(line) + 1 > cap - 80:
            out.append("… (the XLSX export holds the rest)")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out)


def _score_fill(score: float, count: int) -> str:
    """White for no link, pale to strong by the support-aware score (z from 0 to 3)."""
    if not count:
        return "#FFFFFF"
    return theme.blend("#FDF1EC", "#E4572E", min(max(score, 0.0), 3.0) / 3.0)


def _affinity_slide(canvas: Canvas, table: AffinityTable, story: Story) -> None:
    slide = _content(canvas, table.title, table.subtitle)
    frame, look = canvas.frame, canvas.look
    rows, cols = len(table.rows) + 1, len(table.columns) + 1
    width = frame.right - frame.left
    first = min(3.2, width * 0.3)
    shape = slide.shapes.add_table(rows, cols, Inches(frame.left), Inches(frame.top),
                                   Inches(width), Inches(0.45 * rows))
    grid = shape.table
    grid.columns[0].width = Inches(first)
    for k in range(1, cols):
        grid.columns[k].width = Inches((width - first) / (cols - 1))
    cell(grid.cell(0, 0), "Audience", fill=theme.INK, size=12, color="#FFFFFF", bold=True,
         look=look)
    for k, (_, name) in enumerate(table.columns, start=1):
        cell(grid.cell(0, k), name, fill=theme.INK, size=12, color="#FFFFFF", bold=True,
             look=look)
    lines = [table.title, table.subtitle, ""]
    for r, (audience, name) in enumerate(table.rows, start=1):
        cell(grid.cell(r, 0), name, fill="#F3F4F6", size=12, color=theme.INK, look=look)
        for k, (trend, trend_name) in enumerate(table.columns, start=1):
            found = table.cells.get((audience, trend))
            count, lift = (found.count, found.lift) if found else (0, 0.0)
            score = found.score if found else 0.0
            value = f"{lift:.1f}× ({count})" if count else "–"
            cell(grid.cell(r, k), value, fill=_score_fill(score, count), size=12,
                 color=theme.INK, look=look, bold=trend == story.seed.id and count > 0)
            grid.cell(r, k).text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
            if found is not None and count:
                lines.append(f"{name} × {trend_name}: lift {lift:.2f}, score {score:.2f} "
                             f"({wording.plural(count, 'sentence')}, expected "
                             f"{found.expected:.2f})")
    slide.notes_slide.notes_text_frame.text = _capped(lines)


def _evidence_slide(canvas: Canvas, story: Story) -> None:
    sources = {q.doc for q in story.evidence}
    span = wording.period(q.date for q in story.evidence)
    subtitle = ("One quote per link, strongest links first · "
                f"{wording.plural(len(sources), 'source')}")
    slide = _content(canvas, story.evidence_title, subtitle + (f", {span}" if span else ""))
    frame, look = canvas.frame, canvas.look
    width = frame.right - frame.left
    names = story.request.subgraph.names
    ontology = story.request.ontology
    top = frame.top - 0.1
    notes = [story.evidence_title, ""]
    for k, quote in enumerate(story.evidence):
        edge = quote.edge
        link = (f"{names.get(edge.source, edge.source)} — "
                f"{ontology.rel_label(edge.type)} → "
                f"{names.get(edge.target, edge.target)}")
        said = f"“{trim(quote.sentence, QUOTE_CHARS)}”"
        # lines the quote takes at 15 pt (with slack for word breaks), so blocks stack tight
        lines = math.ceil(theme.text_width(said, 15, family=look.measure or look.font)
                          / (width * 0.9))
        height = lines * 15 * 1.25 / 72
        slides.text(slide, said, left=frame.left, top=top, width=width, height=height,
                    size=15, look=look, color=look.ink, name=f"quote {k + 1}")
        source = slides.fit_line(f"{source_line(quote)} · {link}", width - 0.1, size=11,
                                 family=look.measure or look.font)
        slides.text(slide, source, left=frame.left, top=top + height + 0.04, width=width,
                    height=0.25, size=11, look=look, color=look.muted, name=f"source {k + 1}")
        top += height + 0.04 + 0.25 + 0.28
        notes += [f"“{trim(quote.sentence, 400)}”", f"  {source_line(quote)}"
                  + (f" · {quote.url}" if quote.url else ""), f"  {link}", ""]
    slide.notes_slide.notes_text_frame.text = _capped(notes)


def _appendix(canvas: Canvas, story: Story) -> None:
    rows = list(story.sources)
    frame = canvas.frame
    # as many one-line rows as the slide holds (header included), at most SOURCES_PER_SLIDE
    fits = max(4, min(SOURCES_PER_SLIDE, int((frame.footer_top - frame.top) / ROW) - 1))
    pages = max(1, min(SOURCE_SLIDES, math.ceil(len(rows) / fits)))
    per_page = math.ceil(min(len(rows), fits * pages) / pages) or 1  # balanced pages
    span = wording.period(s.date for s in rows)
    for page in range(pages):
        chunk = rows[page * per_page:(page + 1) * per_page]
        title = f"Appendix: {wording.plural(len(rows), 'source')}" + (f", {span}" if span else "")
        shown = min(len(rows), per_page * pages)
        more = f" · {len(rows) - shown} more in the XLSX export" if len(rows) > shown else ""
        paging = f" · page {page + 1} of {pages}" if pages > 1 else ""
        subtitle = f"Documents quoted in this deck, newest first{paging}{more}"
        slide = _content(canvas, title, subtitle)
        _sources_table(slide, canvas, chunk)
        slide.notes_slide.notes_text_frame.text = (
            f"{title}. Every quote of every link, with its sentence, is in the XLSX export "
            "(evidence sheet).")


def _sources_table(slide, canvas: Canvas, chunk) -> None:
    frame, look = canvas.frame, canvas.look
    header = ("Date", "Source", "Platform", "Quotes", "Link")
    width = frame.right - frame.left
    widths: tuple[float, ...] = (1.25, width * 0.42, 1.3, 0.9)
    widths = (*widths, width - sum(widths))
    grid = slide.shapes.add_table(len(chunk) + 1, len(header), Inches(frame.left),
                                  Inches(frame.top - 0.1), Inches(width),
                                  Inches(ROW * (len(chunk) + 1))).table
    for k, w in enumerate(widths):
        grid.columns[k].width = Inches(w)
    for k, name in enumerate(header):
        cell(grid.cell(0, k), name, fill=theme.INK, size=11, color="#FFFFFF", bold=True,
             look=look)
    family = look.measure or look.font
    for r, source in enumerate(chunk, start=1):
        values = (source.date or "—", source.title, source.platform or "—", str(source.quotes),
                  source.url or "—")
        for k, value in enumerate(values):
            value = slides.fit_line(" ".join(value.split()), widths[k] - 0.25, size=10,
                                    family=family)
            cell(grid.cell(r, k), value, fill="#F3F4F6" if r % 2 else "#FFFFFF", size=10,
                 color=theme.INK, look=look)
