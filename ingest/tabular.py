"""Social-post exports: CSV and JSON Lines (or a JSON array), one post per row.

Each row needs ``text``; ``id, date, author, platform, url, lang, title`` are
optional. A bad row is reported with its line number and the others are kept.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from ingest.text import parse_date
from kg.errors import InputError
from kg.model import Document, document_id

FIELDS = ("id", "date", "author", "platform", "url", "lang", "title")


def read_csv(text: str, source: str) -> Iterator[Document | InputError]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "text" not in columns:
        found = ", ".join(columns) or "none"
        yield InputError(source, f"no 'text' column (columns found: {found})")
        return
    reader.fieldnames = columns
    for row in reader:
        yield _row(row, f"{source}:row {reader.line_num}")


def read_jsonl(text: str, source: str) -> Iterator[Document | InputError]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"invalid JSON: {exc.msg} (line {exc.lineno})")
            return
        for number, record in enumerate(records, start=1):
            yield _record(record, f"{source}:item {number}")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{source}:line {number}", f"invalid JSON: {exc.msg}")
            continue
        yield _record(record, f"{source}:line {number}")


def _record(record: object, source: str) -> Document | InputError:
    if not isinstance(record, dict):
        return InputError(source, "expected a JSON object with a 'text' field")
    return _row({str(k).lower(): v for k, v in record.items()}, source)


def _row(row: dict, source: str) -> Document | InputError:
    text = str(row.get("text") or "").strip()
    if not text:
        return InputError(source, "empty 'text'")
    try:
        date = parse_date(row.get("date"), source)
    except InputError as exc:
        return exc
    values = {f: str(row.get(f) or "").strip() for f in FIELDS}
    label = f"{source} (id {values['id']})" if values["id"] else source
    return Document(
        id=document_id(text),
        text=text,
        source=label,
        kind="Post",
        title=values["title"] or text[:80],
        url=values["url"],
        date=date,
        lang=values["lang"].lower()[:2],
        platform=values["platform"],
        author=values["author"],
    )
