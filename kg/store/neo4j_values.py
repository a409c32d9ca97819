"""Turn what the neo4j driver returns into the plain values every store returns.

Callers never see driver types: nodes and relationships become ``GraphNode`` /
``GraphRel`` (ids are element ids), paths become lists (nodes, then
relationships, as FalkorDB returns them), temporal values ISO-8601 strings and
points small dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import CartesianPoint, Point, WGS84Point
from neo4j.time import Date, DateTime, Duration, Time

from kg.store.base import GraphNode, GraphRel

LabelOrder = Callable[[Iterable[str]], tuple[str, ...]]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any, order: LabelOrder = tuple) -> Any:
    """``value`` with every driver type replaced; ``order`` sorts a node's labels."""
    kind = type(value)
    if kind in _SCALARS:  # most values: skip the isinstance chain (a view reads 10k+)
        return value
    if kind is list:  # a loop, not all(genexpr): a view checks ~30k list items
        for item in value:
            if type(item) not in _SCALARS:
                return [plain(v, order) for v in value]
        return value
    if isinstance(value, Node):
        return _node(value, order)
    if isinstance(value, Relationship):
        return _rel(value)
    if isinstance(value, Path):
        return [_node(n, order) for n in value.nodes] + [_rel(r) for r in value.relationships]
    if isinstance(value, list | tuple):
        return [plain(v, order) for v in value]
    if isinstance(value, dict):
        return {k: plain(v, order) for k, v in value.items()}
    if isinstance(value, Date | DateTime | Time | Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return _point(value)
    return value


def _node(node: Node, order: LabelOrder) -> GraphNode:
    return GraphNode(id=node.element_id, labels=order(node.labels),
                     properties={k: plain(v) for k, v in node.items()})


def _rel(rel: Relationship) -> GraphRel:
    start, end = rel.start_node, rel.end_node
    return GraphRel(
        id=rel.element_id, type=rel.type,
        start=start.element_id if start is not None else "",
        end=end.element_id if end is not None else "",
        properties={k: plain(v) for k, v in rel.items()},
    )


def _point(point: Point) -> dict[str, float]:
    if isinstance(point, WGS84Point):
        coords = {"longitude": point.longitude, "latitude": point.latitude}
        if len(point) > 2:
            coords["height"] = point.height
        return coords
    names: tuple[str, ...]
    if isinstance(point, CartesianPoint):
        names = ("x", "y", "z")
    else:
        names = tuple(f"c{i}" for i in range(len(point)))
    return dict(zip(names, point, strict=False))
