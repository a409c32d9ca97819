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

from kg.errors import TrendgraphError

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
        raise TrendgraphError(f"Cannot read saved queries from {path}: {exc}") from exc
    if not isinstance(entries, list):
        raise TrendgraphError(f"{path} must hold a list of queries, not {type(entries).__name__}.")
    queries: list[SavedQuery] = []
    for number, entry in enumerate(entries, start=1):
        missing = [k for k in ("name", "description", "cypher")
                   if not isinstance(entry, dict) or not entry.get(k)]
        if missing:
            raise TrendgraphError(
                f"{path}: query #{number} lacks {', '.join(missing)}; every query needs a "
                "name, a description and its cypher."
            )
        params = entry.get("params") or {}
        if not isinstance(params, dict):
            raise TrendgraphError(f"{path}: params of {entry['name']!r} must be a mapping.")
        queries.append(SavedQuery(name=str(entry["name"]), description=str(entry["description"]),
                                  cypher=str(entry["cypher"]).strip(), params=dict(params)))
    names = [q.name for q in queries]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise TrendgraphError(f"{path}: duplicate query names {duplicates}.")
    return tuple(queries)


def saved_query(name: str) -> SavedQuery:
    """One query by name; the error lists the names that exist."""
    for query in load_saved_queries():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in load_saved_queries())
    raise TrendgraphError(f"No saved query named {name!r}. Saved queries: {known}.")
