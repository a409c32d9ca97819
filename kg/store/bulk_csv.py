"""CSV files for ``neo4j-admin database import full``: a first load of a large corpus.

The graph is built by the ordinary write path into an embedded staging store (the
same batches, counters and bounded evidence as any ingest, so nothing about a link
is decided twice), then copied out page by page: one node file per label set, one
relationship file per type, each with a header file whose column types were seen
in the data. The import tool reads them many times faster than Bolt writes, but
only into an empty or new database; :func:`refuse_non_empty` says so before any work.
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Errors, StoreError
from kg.queries import document_node, entity_node
from kg.store.base import GraphStore

PAGE = 20_000
ARRAY_DELIMITER = "\x1f"  # unit separator: never inside a sentence, unlike ';'
ARRAY_OPTION = "U+001F"

NODE_KEYS = "MATCH (n) RETURN DISTINCT labels(n) AS labels, keys(n) AS keys"
REL_KEYS = "MATCH ()-[r]->() RETURN DISTINCT type(r) AS type, keys(r) AS keys"
MAX_NODE_ID = "MATCH (n) RETURN max(id(n)) AS top"
NODES = """
MATCH (n) WHERE id(n) >= $low AND id(n) < $high
RETURN id(n) AS id, labels(n) AS labels, properties(n) AS props"""
RELS = """
MATCH (a)-[r]->(b) WHERE id(a) >= $low AND id(a) < $high
RETURN id(a) AS source, id(b) AS target, type(r) AS type, properties(r) AS props"""
CONTENT = f"""
OPTIONAL MATCH {document_node('d')} WITH count(d) AS documents
OPTIONAL MATCH {entity_node('e')} RETURN documents, count(e) AS entities"""


@dataclass(slots=True)
class _Column:
    """A property column; its Neo4j type is decided by every value written to it."""

    name: str
    kind: str = ""  # boolean, long, double, string
    array: bool | None = None

    def see(self, value: Any) -> None:
        items = value if isinstance(value, list) else [value]
        self.array = bool(self.array) or isinstance(value, list)
        for item in items:
            self.kind = _wider(self.kind, _kind(item))

    def header(self) -> str:
        return f"{self.name}:{self.kind or 'string'}{'[]' if self.array else ''}"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _wider(known: str, new: str) -> str:
    if not known or known == new:
        return new
    if {known, new} == {"long", "double"}:
        return "double"
    return "string"


@dataclass(slots=True)
class _Group:
    """One node label set or relationship type: a header file and a data file."""

    name: str
    data: Path
    columns: list[_Column]
    rows: int = 0
    _handle: Any = None
    _writer: Any = None

    def write(self, fixed: list[Any], props: dict[str, Any]) -> None:
        if self._writer is None:
            self._handle = self.data.open("w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._handle, quoting=csv.QUOTE_NOTNULL)
        values = []
        for column in self.columns:
            value = props.get(column.name)
            if value is not None:
                column.see(value)
            values.append(_cell(value))
        self._writer.writerow([*fixed, *values])
        self.rows += 1

    def close(self, fixed: list[str]) -> Path:
        if self._handle:
            self._handle.close()
        header = self.data.with_name(self.data.stem + ".header.csv")
        with header.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerow([*fixed, *(c.header() for c in self.columns)])
        return header


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_scalar(v) for v in value)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(slots=True)
class ImportFiles:
    """What was written, and the arguments that load it."""

    folder: Path
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    arguments: list[str] = field(default_factory=list)

    @property
    def argument_file(self) -> Path:
        return self.folder / "import.args"

    def command(self, database: str = "neo4j") -> str:
        return (f"neo4j-admin database import full {database} "
                f"@{shlex.quote(str(self.argument_file))}")


def export_for_import(store: GraphStore, folder: Path, *, page: int = PAGE) -> ImportFiles:
    """Copy every node and relationship of ``store`` into import CSVs under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise StoreError(Errors.IMPORT_FOLDER_USED.format(folder=folder))
    node_groups = _groups(store, NODE_KEYS, "labels", folder, "nodes")
    rel_groups = _groups(store, REL_KEYS, "type", folder, "relationships")
    top = store.query(MAX_NODE_ID, limit=1, timeout=600.0).scalar()
    for low in range(0, -1 if top is None else int(top) + 1, page):
        bounds = {"low": low, "high": low + page}
        for row in _rows(store, NODES, bounds, page):
            node_groups[_label_key(row["labels"])].write([row["id"]], row["props"] or {})
        for row in _rows(store, RELS, bounds, 50 * page):
            rel_groups[row["type"]].write([row["source"], row["target"]], row["props"] or {})
    files = ImportFiles(folder)
    arguments = ["--id-type=integer", f"--array-delimiter={ARRAY_OPTION}",
                 "--multiline-fields=true"]
    for key, group in node_groups.items():
        header = group.close([":ID"])
        files.nodes[key] = group.rows
        if group.rows:
            arguments.append(f"--nodes={key}={header},{group.data}")
    for key, group in rel_groups.items():
        header = group.close([":START_ID", ":END_ID"])
        files.relationships[key] = group.rows
        if group.rows:
            arguments.append(f"--relationships={key}={header},{group.data}")
    files.arguments = arguments
    files.argument_file.write_text("\n".join(arguments) + "\n", encoding="utf-8")
    return files


def _groups(store: GraphStore, text: str, field_name: str, folder: Path,
            prefix: str) -> dict[str, _Group]:
    keys: dict[str, set[str]] = {}
    for row in store.query(text, limit=1_000_000, timeout=600.0).dicts():
        name = _label_key(row[field_name]) if field_name == "labels" else row[field_name]
        keys.setdefault(name, set()).update(row["keys"] or ())
    return {
        name: _Group(name, folder / f"{prefix}-{n:02d}.csv",
                     [_Column(k) for k in sorted(found)])
        for n, (name, found) in enumerate(sorted(keys.items()))
    }


def _label_key(labels: Iterable[str]) -> str:
    return ":".join(sorted(labels))


def _rows(store: GraphStore, text: str, bounds: dict[str, int], limit: int) -> Iterator[dict]:
    result = store.query(text, bounds, limit=limit, timeout=600.0)
    if result.truncated:
        raise StoreError(Errors.IMPORT_PAGE.format(limit=limit))
    yield from result.dicts()


def refuse_non_empty(store: GraphStore) -> None:
    """StoreError unless ``store`` holds no documents and no entities."""
    row = store.query(CONTENT, limit=1, timeout=60.0).first() or {}
    documents, entities = int(row.get("documents") or 0), int(row.get("entities") or 0)
    if documents or entities:
        raise StoreError(Errors.IMPORT_TARGET_USED.format(location=store.location,
                                                          documents=documents, entities=entities))
