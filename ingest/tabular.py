"""Social-post exports: CSV, JSON Lines, or a JSON file (an array, or one object).

Each row needs ``text``; ``id, date, author, platform, url, lang, title`` are
optional. A bad row is reported with its line number and the others are kept.
JSON Lines are split on "\\n" only (U+2028/U+2029 are ordinary characters inside a
JSON string), and JSON nested too deeply for Python is a reported error.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from ingest.document import Item, make_documents
from kg.errors import InputError, Reasons
from kg.ontology import load_ontology

CLASS = load_ontology().names

FIELDS = ("id", "date", "author", "platform", "url", "lang", "title")
CSV_FIELD_MAX = 2_000_000
LIST_KEYS = ("posts", "items", "data", "records", "documents", "results")
csv.field_size_limit(CSV_FIELD_MAX)


def read_csv(text: str, source: str) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text.replace("\x00", ""), newline=""), strict=True)
    try:
        columns = [str(c).strip().lower() for c in reader.fieldnames or []]
    except csv.Error as exc:
        yield InputError(source, Reasons.CSV_HEADER.format(reason=exc))
        return
    if "text" not in columns:
        found = ", ".join(columns) or "none"
        yield InputError(source, Reasons.CSV_NO_TEXT.format(found=found))
        return
    reader.fieldnames = columns
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{source}:line {reader.line_num}", Reasons.CSV_ROW.format(reason=exc))
            continue
        if None in row:  # more cells than columns
            row.pop(None)
        yield from _row(row, f"{source}:row {reader.line_num}")


def read_jsonl(text: str, source: str) -> Iterator[Item]:
    """One JSON object per line; a file that is one JSON array is read as such."""
    if text.lstrip().startswith("["):
        yield from read_json(text, source)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{source}:line {number}", Reasons.JSON_LINE.format(reason=exc.msg))
            continue
        except RecursionError:
            yield InputError(f"{source}:line {number}", Reasons.JSON_DEEP)
            continue
        yield from _record(record, f"{source}:line {number}")


def read_json(text: str, source: str) -> Iterator[Item]:
    """A .json file: an array of posts, one post object, or an object holding a list."""
    try:
        data = json.loads(text)
    except RecursionError:
        yield InputError(source, Reasons.JSON_DEEP)
        return
    except json.JSONDecodeError as exc:
        if exc.pos > 0 and "Extra data" in exc.msg:  # JSON Lines saved as .json
            yield from read_jsonl(text, source)
            return
        yield InputError(source, Reasons.JSON_FILE.format(reason=exc.msg, line=exc.lineno))
        return
    if isinstance(data, dict) and "text" not in data:
        held = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if held is None:
            yield InputError(source, Reasons.JSON_NO_POSTS.format(keys=", ".join(LIST_KEYS)))
            return
        data = held
    if isinstance(data, dict):
        yield from _record(data, source)
        return
    if not isinstance(data, list):
        yield InputError(source, Reasons.JSON_SHAPE)
        return
    for number, record in enumerate(data, start=1):
        yield from _record(record, f"{source}:item {number}")


def _record(record: object, source: str) -> list[Item]:
    if not isinstance(record, dict):
        return [InputError(source, Reasons.JSON_NOT_OBJECT)]
    return _row({str(k).lower(): v for k, v in record.items()}, source)


def _row(row: dict, source: str) -> list[Item]:
    raw = row.get("text")
    if isinstance(raw, dict | list):
        return [InputError(source, Reasons.TEXT_NOT_STRING)]
    post_id = str(row.get("id") or "").strip()
    label = f"{source} (id {post_id[:60]})" if post_id else source
    text = str(raw or "")
    if not text.strip():
        return [InputError(label, Reasons.EMPTY_TEXT_FIELD)]
    values = {f: row.get(f) if not isinstance(row.get(f), dict | list) else "" for f in FIELDS}
    title = values["title"] or text.strip()[:80]
    return make_documents(
        text, source=label, kind=CLASS.Post, title=title, url=values["url"] or "",
        date=values["date"] or "", lang=values["lang"] or "", platform=values["platform"] or "",
        author=values["author"] or "", post_id=post_id,
    )
