"""Export a subgraph for a deck or another tool, in the format that tool wants.

Formats are registered by name and their writers imported only when asked for
(python-pptx, matplotlib or pyshacl are not loaded to write a CSV). Every writer
is a pure function of an ``ExportRequest`` returning named byte parts, so the CLI
(``export``, files on disk) and the app (``export_bytes``, a download button)
produce the same content for the same selection.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import Errors, ExportError
from kg.export.request import ExportRequest, Part
from kg.export.sanitize import clean_value
from kg.export.scene import default_subtitle, default_title
from kg.store import GraphStore
from kg.subgraph import Subgraph

__all__ = ["FORMATS", "ExportFormat", "default_subtitle", "default_title", "export",
           "export_bytes", "file_name", "get_format"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    label: str
    suffix: str  # of the single file, or of the download (CSV: a .zip of two files)
    mime: str
    writer: str  # "module:function" inside kg.export
    parts: int = 1

    def load(self) -> Callable[[ExportRequest], list[Part]]:
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(f"kg.export.{module}"), function)


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("pptx", "PowerPoint slide (.pptx)", ".pptx",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "deck:render"),
    ExportFormat("story", "Story deck (.pptx, several slides)", ".pptx",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "story_deck:render"),
    ExportFormat("png", "Picture (.png, 2560×1440)", ".png", "image/png", "picture:render_png"),
    ExportFormat("svg", "Vector picture (.svg)", ".svg", "image/svg+xml", "picture:render_svg"),
    ExportFormat("csv", "CSV tables (nodes + edges)", ".zip", "application/zip",
                 "tables:render_csv", parts=2),
    ExportFormat("xlsx", "Excel workbook (.xlsx)", ".xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "tables:render_xlsx"),
    ExportFormat("graphml", "GraphML for yEd/Gephi (.graphml)", ".graphml",
                 "application/graphml+xml", "networks:render_graphml"),
    ExportFormat("gexf", "GEXF for Gephi (.gexf)", ".gexf", "application/xml",
                 "networks:render_gexf"),
    ExportFormat("cyjs", "Cytoscape JSON (.cyjs)", ".cyjs", "application/json",
                 "networks:render_cyjs"),
    ExportFormat("ttl", "RDF Turtle (.ttl)", ".ttl", "text/turtle", "linked_data:render_ttl"),
    ExportFormat("jsonld", "RDF JSON-LD (.jsonld)", ".jsonld", "application/ld+json",
                 "linked_data:render_jsonld"),
    ExportFormat("cypher", "Cypher script (.cypher)", ".cypher", "text/plain",
                 "cypher_script:render"),
)}


def get_format(fmt: str) -> ExportFormat:
    key = fmt.lower().lstrip(".")
    if key not in FORMATS:
        raise ExportError(Errors.EXPORT_FORMAT.format(fmt=fmt, formats=", ".join(FORMATS)))
    return FORMATS[key]


def _request(
    subgraph: Subgraph, *, title: str | None, subtitle: str | None, store: GraphStore | None,
    date: str | None, edge_labels: bool, links_table: bool, template: bytes | None,
) -> ExportRequest:
    day = date or dt.date.today().isoformat()
    subgraph = clean_value(subgraph)  # no NUL or vertical tab reaches any writer
    title = clean_value(title) or default_title(subgraph)
    subtitle = clean_value(subtitle)
    return ExportRequest(
        subgraph=subgraph,
        title=title,
        subtitle=subtitle or default_subtitle(subgraph, day, title),
        date=day, store=store, edge_labels=edge_labels, links_table=links_table,
        template=template,
    )


def render(
    subgraph: Subgraph, fmt: str, *, title: str | None = None, subtitle: str | None = None,
    store: GraphStore | None = None, date: str | None = None, edge_labels: bool = True,
    links_table: bool = False, template: bytes | None = None,
) -> list[Part]:
    """The named byte parts of one export (one part per file)."""
    spec = get_format(fmt)
    request = _request(subgraph, title=title, subtitle=subtitle, store=store, date=date,
                       edge_labels=edge_labels, links_table=links_table, template=template)
    return spec.load()(request)


def export(
    subgraph: Subgraph, fmt: str, path: str | Path, *, title: str | None = None,
    subtitle: str | None = None, store: GraphStore | None = None, date: str | None = None,
    edge_labels: bool = True, links_table: bool = False, template: bytes | None = None,
) -> list[Path]:
    """Write the export next to ``path`` and return the files written.

    Single-file formats write ``path`` (its suffix added when missing); CSV writes
    ``<stem>_nodes.csv`` and ``<stem>_edges.csv`` beside it. ``title`` and
    ``subtitle`` default to the seeds and to the selection in words plus the date.
    """
    spec = get_format(fmt)
    parts = render(subgraph, spec.name, title=title, subtitle=subtitle, store=store, date=date,
                   edge_labels=edge_labels, links_table=links_table, template=template)
    target = Path(path)
    written = []
    for suffix, data in parts:
        out = file_path(target, suffix, multi=spec.parts > 1)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        written.append(out)
    return written


def file_path(target: Path, suffix: str, *, multi: bool) -> Path:
    if multi:
        stem = target.name[: -len(target.suffix)] if target.suffix else target.name
        return target.with_name(stem + suffix)
    return target if target.suffix else target.with_name(target.name + suffix)


def export_bytes(
    subgraph: Subgraph, fmt: str, *, title: str | None = None, subtitle: str | None = None,
    store: GraphStore | None = None, date: str | None = None, edge_labels: bool = True,
    links_table: bool = False, template: bytes | None = None, stem: str = "trendgraph",
) -> bytes:
    """The same content as ``export`` as one download; CSV's two files come zipped."""
    parts = render(subgraph, fmt, title=title, subtitle=subtitle, store=store, date=date,
                   edge_labels=edge_labels, links_table=links_table, template=template)
    if len(parts) == 1:
        return parts[0][1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for suffix, data in parts:
            info = zipfile.ZipInfo(stem + suffix, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def file_name(fmt: str, stem: str = "trendgraph") -> str:
    """The download name for a format (CSV downloads as a zip of its two tables)."""
    return stem + get_format(fmt).suffix
