"""The library of saved Cypher queries the console offers, loaded from a data file.

Queries live in ``saved_queries.yaml`` so adding a strategist question is an
edit to data, reviewed like any other, and the same file feeds the app, the
docs and the two-store test that keeps every query portable.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import Errors, TrendgraphError

DEFAULT_PATH = Path(__file__).with_name("saved_queries.yaml")


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    description: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)


@functools.cache
def load_saved_queries(path: Path | None = None) -> tuple[SavedQuery, ...]:
    """Parse and check the library once per process; errors name the entry to fix."""
    path = path or DEFAULT_PATH
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise TrendgraphError(Errors.SAVED_QUERIES_READ.format(path=path, reason=exc)) from exc
    if not isinstance(entries, list):
        raise TrendgraphError(Errors.SAVED_QUERIES_LIST.format(path=path,
                                                               kind=type(entries).__name__))
    queries: list[SavedQuery] = []
    for number, entry in enumerate(entries, start=1):
        missing = [k for k in ("name", "description", "cypher")
                   if not isinstance(entry, dict) or not entry.get(k)]
        if missing:
            raise TrendgraphError(Errors.SAVED_QUERY_FIELDS.format(
                number=number, path=path, missing=", ".join(missing)))
        params = entry.get("params") or {}
        if not isinstance(params, dict):
            raise TrendgraphError(Errors.SAVED_QUERY_PARAMS.format(name=entry["name"], path=path))
        queries.append(SavedQuery(name=str(entry["name"]), description=str(entry["description"]),
                                  cypher=str(entry["cypher"]).strip(), params=dict(params)))
    names = [q.name for q in queries]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise TrendgraphError(Errors.SAVED_QUERY_TWICE.format(path=path,
                                                              names=", ".join(duplicates)))
    return tuple(queries)


def saved_query(name: str) -> SavedQuery:
    """One query by name; the error lists the names that exist."""
    for query in load_saved_queries():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in load_saved_queries())
    raise TrendgraphError(Errors.SAVED_QUERY_UNKNOWN.format(name=name, known=known))
