"""One deterministic layout for the slide and the picture, with no overlapping labels.

A seeded force-directed layout gives the structure (linked nodes close, seeds in
the middle); a second pass then pushes apart every pair of node boxes that touch,
measured in the slide's inches, so that up to ~40 labelled nodes stay readable.
If the boxes cannot all fit, they are shrunk a little and the pass runs again:
a smaller label beats two labels on top of each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

GAP = 0.12  # inches kept free between two node boxes
SHRINK = 0.9
MAX_SHRINKS = 6
MAX_PASSES = 600
RANK_BLEND = 0.5


@dataclass(frozen=True, slots=True)
class Layout:
    """Box centres in a unit box (x right, y down) and the factor applied to box sizes."""

    positions: dict[str, tuple[float, float]]
    scale: float = 1.0
    overlaps: int = 0


def layout(
    ids: Sequence[str],
    links: Sequence[tuple[str, str, float]],
    sizes: Mapping[str, tuple[float, float]],
    *,
    area: tuple[float, float],
    seeds: Sequence[str] = (),
    random_seed: int = 7,
    gap: float = GAP,
) -> Layout:
    """Place ``ids`` (with box ``sizes`` in inches) in an ``area`` of width x height inches."""
    order = sorted(ids)
    if not order:
        return Layout({})
    width, height = area
    if len(order) == 1:
        return Layout({order[0]: (0.5, 0.5)})
    start = _force_layout(order, links, seeds, random_seed)

    def attempt(scale: float) -> Layout:
        boxes = np.array([sizes[i] for i in order], dtype=float) * scale
        centres = _separate(_fit(start, boxes, width, height), boxes, width, height, gap)
        return placed(order, centres, boxes, area, scale=scale, gap=gap)

    return shrink_until_clear(attempt)


def shrink_until_clear(attempt: Callable[[float], Layout]) -> Layout:
    """``attempt(scale)`` with boxes shrunk step by step: the first layout where no boxes
    overlap, else the one with the fewest overlaps."""
    scale = 1.0
    best: Layout | None = None
    for _ in range(MAX_SHRINKS + 1):
        result = attempt(scale)
        if best is None or result.overlaps < best.overlaps:
            best = result
        if result.overlaps == 0:
            return result
        scale *= SHRINK
    assert best is not None
    return best


def placed(order: Sequence[str], centres: np.ndarray, boxes: np.ndarray,
           area: tuple[float, float], *, scale: float, gap: float) -> Layout:
    """Box centres in inches as a Layout in the unit box, with its overlaps counted."""
    width, height = area
    return Layout({i: (float(x / width), float(y / height))
                   for i, (x, y) in zip(order, centres, strict=True)},
                  scale=scale, overlaps=_count_overlaps(centres, boxes, gap * 0.5))


def _force_layout(
    order: list[str],
    links: Sequence[tuple[str, str, float]],
    seeds: Sequence[str],
    random_seed: int,
) -> np.ndarray:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(order)
    for source, target, weight in sorted(links):
        if source == target or source not in graph or target not in graph:
            continue
        previous = graph.get_edge_data(source, target, {}).get("weight", 0.0)
        graph.add_edge(source, target, weight=previous + 1.0 + math.log1p(max(weight, 0.0)))
    anchors = [s for s in seeds if s in graph]
    fixed = anchors[:1] if len(anchors) == 1 else None
    initial = nx.circular_layout(graph)
    if fixed:
        initial[fixed[0]] = np.array([0.0, 0.0])
    positions = nx.spring_layout(
        graph, pos=initial, fixed=fixed, k=1.6 / math.sqrt(len(order)), iterations=300,
        weight="weight", seed=random_seed,
    )
    return np.array([positions[i] for i in order], dtype=float)


def _fit(points: np.ndarray, boxes: np.ndarray, width: float, height: float) -> np.ndarray:
    """Stretch the force layout over the area, keeping every box inside it."""
    low, high = points.min(axis=0), points.max(axis=0)
    span = np.where(high - low > 1e-9, high - low, 1.0)
    unit = (points - low) / span
    # half rank, half distance: a few outliers no longer squeeze the dense core into
    # a corner of the slide, and every node keeps its left/right and up/down order
    if len(unit) > 2:
        ranks = np.argsort(np.argsort(unit, axis=0, kind="stable"), axis=0) / (len(unit) - 1)
        unit = (1 - RANK_BLEND) * unit + RANK_BLEND * ranks
    margin_x = boxes[:, 0].max() / 2
    margin_y = boxes[:, 1].max() / 2
    out = np.empty_like(unit)
    out[:, 0] = margin_x + unit[:, 0] * max(width - 2 * margin_x, 0.0)
    out[:, 1] = margin_y + unit[:, 1] * max(height - 2 * margin_y, 0.0)
    return out


def _separate(
    centres: np.ndarray, boxes: np.ndarray, width: float, height: float, gap: float
) -> np.ndarray:
    """Push overlapping boxes apart along their cheapest axis until none touch."""
    pos = centres.copy()
    n = len(pos)
    half = boxes / 2
    tie = np.arange(n)
    for _ in range(MAX_PASSES):
        dx = pos[:, None, 0] - pos[None, :, 0]
        dy = pos[:, None, 1] - pos[None, :, 1]
        need_x = half[:, None, 0] + half[None, :, 0] + gap - np.abs(dx)
        need_y = half[:, None, 1] + half[None, :, 1] + gap - np.abs(dy)
        clash = (need_x > 0) & (need_y > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        # direction: away from the other box; identical centres split by index
        sign_x = np.where(dx != 0, np.sign(dx), np.sign(tie[:, None] - tie[None, :]))
        sign_y = np.where(dy != 0, np.sign(dy), np.sign(tie[:, None] - tie[None, :]))
        # moving along y costs less on a wide slide: boxes are wider than tall
        along_x = need_x < need_y * 1.6
        push_x = np.where(clash & along_x, sign_x * need_x / 2, 0.0)
        push_y = np.where(clash & ~along_x, sign_y * need_y / 2, 0.0)
        step = np.stack([push_x.sum(axis=1), push_y.sum(axis=1)], axis=1)
        counts = np.maximum(clash.sum(axis=1), 1)[:, None]
        pos += step / np.sqrt(counts) * 0.8
        pos[:, 0] = np.clip(pos[:, 0], half[:, 0], width - half[:, 0])
        pos[:, 1] = np.clip(pos[:, 1], half[:, 1], height - half[:, 1])
    return pos


def _count_overlaps(pos: np.ndarray, boxes: np.ndarray, gap: float) -> int:
    half = boxes / 2
    need_x = half[:, None, 0] + half[None, :, 0] + gap - np.abs(pos[:, None, 0] - pos[None, :, 0])
    need_y = half[:, None, 1] + half[None, :, 1] + gap - np.abs(pos[:, None, 1] - pos[None, :, 1])
    clash = (need_x > 1e-6) & (need_y > 1e-6)
    np.fill_diagonal(clash, False)
    return int(clash.sum() // 2)
