"""Node positions for the explorer's canvas, computed here so every view is reproducible.

A force layout (networkx ``spring_layout``, seeded) stretched to the canvas'
proportions, then a pass that pushes apart any two nodes whose label boxes
overlap. When neighbours are added to a view, the nodes already on screen keep
their places and the new ones start on a ring around the node they were added
for, so they appear next to it rather than in a corner. Units are Cytoscape
model units: the canvas fits the whole drawing, so labels sized here in the
same units never overlap at the default zoom.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np

SEED = 7
WIDTH, HEIGHT = 1200.0, 520.0  # the drawing's box, in model units (the canvas' proportions)
FONT = 12.0  # model units, as in the graph style
CHAR = 0.62 * FONT  # average label character width
LABEL_HEIGHT = FONT + 4
GAP = 8.0
ASPECT = WIDTH / HEIGHT  # pushing sideways costs this much less than pushing up or down
RING = 90.0

Point = tuple[float, float]


def label_box(name: str, size: float, x: float, y: float) -> tuple[float, float, float, float]:
    """The node and its label below it, as (left, top, right, bottom)."""
    width = max(size, CHAR * len(name)) + GAP
    return (x - width / 2, y - size / 2 - GAP / 2, x + width / 2,
            y + size / 2 + LABEL_HEIGHT + GAP / 2)


def positions(
    nodes: Mapping[str, tuple[str, float]],
    edges: Iterable[tuple[str, str, float]],
    *,
    previous: Mapping[str, Point] | None = None,
    around: str | None = None,
) -> dict[str, Point]:
    """Positions for ``nodes`` (id -> (label, size)) linked by ``edges`` (a, b, weight).

    ``previous`` holds the positions already on screen: those nodes stay put and
    new nodes start around ``around`` (or around their first placed neighbour).
    """
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    graph.add_weighted_edges_from((a, b, math.log1p(w)) for a, b, w in edges
                                  if a in nodes and b in nodes and a != b)
    kept = {n: previous[n] for n in nodes if previous and n in previous}
    placed = _grow(graph, kept, around) if kept else _fresh(graph, _room(nodes))
    return _separate(placed, nodes, fixed=set(kept))


def _room(nodes: Mapping[str, tuple[str, float]]) -> float:
    """How much to enlarge the WIDTH x HEIGHT box so the label boxes fill a third of it."""
    area = sum((max(size, CHAR * len(name)) + GAP) * (size + LABEL_HEIGHT + GAP)
               for name, size in nodes.values())
    return max(0.5, math.sqrt(3.0 * area / (WIDTH * HEIGHT)))


def _fresh(graph: nx.Graph, scale: float) -> dict[str, Point]:
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    raw = nx.spring_layout(graph, seed=SEED, weight="weight", iterations=100)
    return {n: (float(p[0]) * WIDTH / 2 * scale, float(p[1]) * HEIGHT / 2 * scale)
            for n, p in raw.items()}


def _grow(graph: nx.Graph, kept: dict[str, Point], around: str | None) -> dict[str, Point]:
    rng = random.Random(SEED)
    start: dict[str, Point] = dict(kept)
    fresh = [n for n in graph.nodes if n not in kept]
    for n, node in enumerate(fresh):
        anchor = around if around in kept else next(
            (m for m in graph.neighbors(node) if m in kept), None)
        cx, cy = kept[anchor] if anchor else _centre(kept)
        angle = 2 * math.pi * n / max(len(fresh), 1) + rng.uniform(-0.2, 0.2)
        start[node] = (cx + RING * math.cos(angle), cy + RING * math.sin(angle))
    if not fresh:
        return start
    raw = nx.spring_layout(graph, pos={n: np.array(p) for n, p in start.items()},
                           fixed=list(kept), k=RING, iterations=30, seed=SEED, weight="weight")
    return {n: (float(p[0]), float(p[1])) for n, p in raw.items()}


def _centre(points: Mapping[str, Point]) -> Point:
    xs, ys = zip(*points.values(), strict=True)
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _separate(placed: dict[str, Point], nodes: Mapping[str, tuple[str, float]],
              *, fixed: set[str], rounds: int = 200) -> dict[str, Point]:
    """Push apart nodes whose label boxes overlap, along the axis that frees them fastest."""
    ids = sorted(placed)
    if len(ids) < 2:
        return {n: (round(x, 1), round(y, 1)) for n, (x, y) in placed.items()}
    xy = np.array([placed[n] for n in ids], dtype=float)
    half_w = np.array([(max(nodes[n][1], CHAR * len(nodes[n][0])) + GAP) / 2 for n in ids])
    half_h = np.array([(nodes[n][1] + LABEL_HEIGHT + GAP) / 2 for n in ids])
    offset = np.array([LABEL_HEIGHT / 2 for _ in ids])  # the label hangs below the node
    movable = np.array([0.0 if n in fixed else 1.0 for n in ids])
    order = np.arange(len(ids), dtype=float)
    tie = 1e-9 * (order[:, None] - order[None, :])  # two nodes on one spot part both ways
    for _ in range(rounds):
        cy = xy[:, 1] + offset
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        dy = cy[:, None] - cy[None, :]
        over_x = half_w[:, None] + half_w[None, :] - np.abs(dx)
        over_y = half_h[:, None] + half_h[None, :] - np.abs(dy)
        np.fill_diagonal(over_x, 0)
        overlap = (over_x > 0) & (over_y > 0)
        if not overlap.any():
            break
        # Each overlapping pair moves apart by its overlap (plus a margin) along the
        # cheaper axis, split between the two ends unless one of them is fixed.
        sideways = over_x <= over_y * ASPECT
        push_x = np.where(overlap & sideways, np.sign(dx + tie) * (over_x + 1.0), 0)
        push_y = np.where(overlap & ~sideways, np.sign(dy + tie) * (over_y + 1.0), 0)
        share = movable[:, None] / np.maximum(movable[:, None] + movable[None, :], 1e-9)
        xy[:, 0] += (push_x * share).sum(axis=1)
        xy[:, 1] += (push_y * share).sum(axis=1)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(ids, xy, strict=True)}


def overlaps(points: Mapping[str, Point], nodes: Mapping[str, tuple[str, float]]) -> list[
        tuple[str, str]]:
    """Pairs of nodes whose label boxes intersect (what ``positions`` avoids)."""
    boxes = {n: label_box(nodes[n][0], nodes[n][1], *points[n]) for n in points}
    found = []
    ids = sorted(boxes)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            l1, t1, r1, b1 = boxes[a]
            l2, t2, r2, b2 = boxes[b]
            if l1 < r2 - 0.5 and l2 < r1 - 0.5 and t1 < b2 - 0.5 and t2 < b1 - 0.5:
                found.append((a, b))
    return found
