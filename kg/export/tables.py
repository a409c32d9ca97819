"""CSV and XLSX export: the subgraph as tables for Excel, Sheets or a BI tool.

CSV is written as UTF-8 with a byte-order mark so Excel opens French accents
correctly; list values (aliases) are joined with "; ". The workbook adds an
evidence sheet, one row per supporting sentence with its source document.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from kg.export.request import ExportRequest, Part
from kg.export.sanitize import clean_value
from kg.export.sources import quotes

NODE_COLUMNS = ("id", "name", "type", "aliases", "mentions", "first_seen", "last_seen", "seed",
                "uri")
EDGE_COLUMNS = ("source", "target", "type", "weight", "evidence_count", "example_evidence",
                "source_name", "target_name", "confidence", "documents", "first_seen",
                "last_seen")
EVIDENCE_COLUMNS = ("source", "type", "target", "source_name", "target_name", "sentence",
                    "doc", "title", "date", "platform", "url")
SEPARATOR = "; "


def node_rows(request: ExportRequest) -> list[tuple[Any, ...]]:
    return [
        (n.id, n.name, n.type, SEPARATOR.join(a for a in n.aliases if a != n.name), n.mentions,
         n.first_seen, n.last_seen, n.seed, n.uri)
        for n in request.subgraph.nodes
    ]


def edge_rows(request: ExportRequest) -> list[tuple[Any, ...]]:
    names = request.subgraph.names
    return [
        (e.source, e.target, e.type, e.weight, len(e.evidence),
         " ".join(e.evidence[0].sentence.split()) if e.evidence else "",
         names.get(e.source, ""), names.get(e.target, ""), round(e.confidence, 3), e.doc_count,
         e.first_seen, e.last_seen)
        for e in request.subgraph.edges
    ]


def evidence_rows(request: ExportRequest) -> list[tuple[Any, ...]]:
    names = request.subgraph.names
    return [
        (q.edge.source, q.edge.type, q.edge.target, names.get(q.edge.source, ""),
         names.get(q.edge.target, ""), q.sentence, q.doc, q.title, q.date, q.platform, q.url)
        for q in quotes(request.subgraph, request.docs)
    ]


def render_csv(request: ExportRequest) -> list[Part]:
    return [
        ("_nodes.csv", _csv(NODE_COLUMNS, node_rows(request))),
        ("_edges.csv", _csv(EDGE_COLUMNS, edge_rows(request))),
    ]


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def render_xlsx(request: ExportRequest) -> list[Part]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheets = (
        ("Nodes", NODE_COLUMNS, node_rows(request)),
        ("Edges", EDGE_COLUMNS, edge_rows(request)),
        ("Evidence", EVIDENCE_COLUMNS, evidence_rows(request)),
    )
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F2328")
    for index, (title, columns, rows) in enumerate(sheets):
        sheet = book.worksheets[0] if index == 0 else book.create_sheet()
        sheet.title = title
        sheet.append(clean_value(list(columns)))
        for row in rows:
            sheet.append(clean_value(list(row)))
        for cell in sheet[1]:
            cell.font, cell.fill = header_font, header_fill
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for col, name in enumerate(columns, start=1):
            longest = max([len(name), *(len(str(r[col - 1])) for r in rows)])
            sheet.column_dimensions[get_column_letter(col)].width = min(max(10, longest + 2), 70)
            if name in ("sentence", "example_evidence"):
                for cell in sheet[get_column_letter(col)][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.title = request.title
    book.properties.subject = request.subtitle
    book.properties.creator = "trendgraph"
    stamp = dt.datetime.fromisoformat(request.date) if request.date else dt.datetime.now()
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return [(".xlsx", buffer.getvalue())]
