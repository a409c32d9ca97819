"""Turn FalkorDB's compact replies into the plain values every store returns.

Strings, numbers, booleans, nulls, lists and maps (nearly every value a view reads)
are decoded here in one pass; nodes, relationships, paths and temporal values go
through the falkordb client's own parser (which knows the graph's schema), then
become ``GraphNode`` / ``GraphRel``, lists and ISO-8601 strings. A hub's view reads
tens of thousands of values: the client's parser followed by a second walk over its
output was a fifth of the view's work.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from falkordb import Edge, Node
from falkordb import Path as GraphPath
from falkordb.query_result import parse_scalar
from redis.exceptions import ResponseError

from kg.store.base import GraphNode, GraphRel

NULL, STRING, INTEGER, BOOLEAN, DOUBLE, ARRAY, MAP = 1, 2, 3, 4, 5, 6, 10


def checked(response: Any) -> list:
    """The reply, or the error it carries raised (a run-time error ends the reply)."""
    if isinstance(response, ResponseError):
        raise response
    for part in (response[0], response[-1]):
        if isinstance(part, ResponseError):
            raise part
    return response


def records(response: list, graph: Any, limit: int) -> tuple[list[str], list[list[Any]], int]:
    """Column names, the first ``limit`` rows (plain values) and how many rows came."""
    if len(response) == 1:  # statistics only
        return [], [], 0
    header, rows = response[0], response[1] if response[0] else []
    columns = [str(h[1]) if isinstance(h, list | tuple) else str(h) for h in header]
    return columns, [[value(cell, graph) for cell in row] for row in rows[:limit]], len(rows)


def value(cell: list, graph: Any) -> Any:
    """One compact ``[type, value]`` cell as a plain value."""
    kind, raw = cell[0], cell[1]
    if kind == STRING:
        return raw if type(raw) is str else (raw.decode() if isinstance(raw, bytes)
                                             else str(raw))
    if kind == INTEGER:
        return int(raw)
    if kind == NULL:
        return None
    if kind == ARRAY:  # most elements are strings or integers: no call for those
        return [item[1] if (item[0] == STRING and type(item[1]) is str) or item[0] == INTEGER
                else value(item, graph) for item in raw]
    if kind == DOUBLE:
        return float(raw)
    if kind == BOOLEAN:
        return (raw.decode() if isinstance(raw, bytes) else raw) == "true"
    if kind == MAP:
        return {(raw[i].decode() if isinstance(raw[i], bytes) else str(raw[i])):
                value(raw[i + 1], graph) for i in range(0, len(raw), 2)}
    return plain(parse_scalar(cell, graph))


def plain(value: Any) -> Any:
    """A value of the falkordb client's parser with its driver types replaced."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Node):
        return GraphNode(
            id=str(value.id), labels=tuple(value.labels or ()), properties=dict(value.properties)
        )
    if isinstance(value, Edge):
        start = value.src_node.id if isinstance(value.src_node, Node) else value.src_node
        end = value.dest_node.id if isinstance(value.dest_node, Node) else value.dest_node
        return GraphRel(
            id=str(value.id), type=value.relation, start=str(start), end=str(end),
            properties=dict(value.properties),
        )
    if isinstance(value, GraphPath):
        return [plain(n) for n in value.nodes()] + [plain(e) for e in value.edges()]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, date | time):  # datetime is a date: ISO strings, as from Neo4j
        return value.isoformat()
    if type(value).__name__ == "relativedelta":  # FalkorDB's durations (dateutil)
        return _iso_duration(value)
    return value


def _iso_duration(delta: Any) -> str:
    """ISO-8601 duration text of a dateutil relativedelta, e.g. ``P1DT2H``."""
    date_part = "".join(
        f"{int(n)}{unit}" for n, unit in ((delta.years, "Y"), (delta.months, "M"),
                                           (delta.days, "D")) if n
    )
    seconds = delta.seconds + delta.microseconds / 1_000_000
    time_part = "".join(
        f"{n:g}{unit}" for n, unit in ((delta.hours, "H"), (delta.minutes, "M"),
                                        (seconds, "S")) if n
    )
    if not date_part and not time_part:
        return "PT0S"
    return "P" + date_part + (f"T{time_part}" if time_part else "")
