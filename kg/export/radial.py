"""Seed-centred layout: the seed in the middle, what surrounds it grouped by type.

A one-seed slide answers "what is around X", so X sits at the centre of the graph
area and its direct neighbours lie on an ellipse, one sector per type (audiences
together, then platforms, brands, people…), strongest first within a sector.
Nodes two hops away sit on an outer ellipse behind the neighbour that brings
them. Angles are spread so that boxes next to each other on a ring clear one
another (by their width at the top and bottom of the ellipse, by their height on
its sides); the box separation of ``layout`` then removes whatever overlap is left,
and labels shrink only as a last resort.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from kg.export.layout import Layout, _separate, placed, shrink_until_clear
from kg.ontology import load_ontology

CLASS = load_ontology().names
TYPE_ORDER = load_ontology().ordered([CLASS.Audience, CLASS.Platform, CLASS.Brand,
                                      CLASS.Organization, CLASS.Person, CLASS.Topic, CLASS.Trend])
START = -math.pi / 2  # 12 o'clock; angles grow clockwise because y points down
GAP = 0.16  # inches kept free between two boxes on a ring
SECTOR_GAP = 0.35  # extra inches between two types
INNER = 0.5  # inner ring's size relative to the outer one when there are two rings
MAX_LEVELS = 3  # a crowded first ring spreads its nodes over up to three ellipses…
MIN_DEPTH = 0.55  # … the smallest this size relative to the ring
STAGGER_OUTER = 0.8  # a crowded second ring puts every other node on this smaller ellipse
SPREAD_PASSES = 400


@dataclass(frozen=True, slots=True)
class Ring:
    """An ellipse around the area's centre, in inches."""

    a: float
    b: float

    def scaled(self, factor: float) -> Ring:
        return self if factor == 1.0 else Ring(self.a * factor, self.b * factor)

    def point(self, angle: float) -> tuple[float, float]:
        return self.a * math.cos(angle), self.b * math.sin(angle)

    def half_demand(self, angle: float, size: tuple[float, float], gap: float) -> float:
        """Half the angle a box of ``size`` needs on this ring at ``angle``.

        Two boxes side by side along the tangent clear each other once they are
        apart by their width across x or their height across y, whichever the
        tangent's direction makes cheaper; the arc length becomes an angle through
        the ellipse's speed at that point.
        """
        tx, ty = -self.a * math.sin(angle), self.b * math.cos(angle)
        speed = math.hypot(tx, ty) or 1e-9
        ux, uy = abs(tx) / speed, abs(ty) / speed
        need = min((size[0] + gap) / max(ux, 1e-6), (size[1] + gap) / max(uy, 1e-6))
        return need / 2 / speed


def radial_layout(
    ids: Sequence[str],
    links: Sequence[tuple[str, str, float]],
    sizes: Mapping[str, tuple[float, float]],
    types: Mapping[str, str],
    *,
    area: tuple[float, float],
    seed: str,
    gap: float = GAP,
) -> Layout:
    """Place ``ids`` around ``seed`` in an ``area`` (inches); positions in a unit box."""
    order = sorted(ids)
    width, height = area
    ring_of = rings(order, links, seed)
    weights = _weights(links)

    def attempt(scale: float) -> Layout:
        scaled = {i: (sizes[i][0] * scale, sizes[i][1] * scale) for i in order}
        angles, shells, depth = _angles(order, ring_of, weights, types, scaled, seed, area,
                                        gap)
        centres = np.array([_position(i, seed, angles, shells.get(ring_of[i]), area,
                                      depth.get(i, 1.0)) for i in order])
        boxes = np.array([scaled[i] for i in order], dtype=float)
        centres = _separate(centres, boxes, width, height, gap)
        centres[order.index(seed)] = (width / 2, height / 2)
        return placed(order, centres, boxes, area, scale=scale, gap=gap)

    return shrink_until_clear(attempt)


def rings(order: list[str], links: Sequence[tuple[str, str, float]], seed: str
           ) -> dict[str, int]:
    """Hops from the seed (breadth first); nodes it cannot reach go to the outermost ring."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in links:
        adjacent[source].add(target)
        adjacent[target].add(source)
    hops = {seed: 0}
    queue = deque([seed])
    while queue:
        here = queue.popleft()
        for there in sorted(adjacent[here]):
            if there not in hops:
                hops[there] = hops[here] + 1
                queue.append(there)
    deepest = max(hops.values(), default=0)
    return {i: min(hops.get(i, deepest + 1), 2) for i in order}


def _weights(links: Sequence[tuple[str, str, float]]) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = defaultdict(float)
    for source, target, weight in links:
        out[(source, target)] += weight
        out[(target, source)] += weight
    return out


def _shells(order: list[str], rings: dict[str, int], sizes: Mapping[str, tuple[float, float]],
            area: tuple[float, float]) -> dict[int, Ring]:
    """One ellipse per ring; the outermost touches the area's edges with its widest box."""
    width, height = area
    deepest = max((r for r in rings.values()), default=1)
    outer = [sizes[i] for i in order if rings[i] == deepest] or [(0.0, 0.0)]
    a = width / 2 - max(w for w, _ in outer) / 2
    b = height / 2 - max(h for _, h in outer) / 2
    if deepest <= 1:
        return {1: Ring(a, b)}
    return {1: Ring(a * INNER, b * INNER), 2: Ring(a, b)}


def _type_rank(type_: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(type_) if type_ in TYPE_ORDER else len(TYPE_ORDER), type_)


def _angles(
    order: list[str], rings: dict[str, int], weights: dict[tuple[str, str], float],
    types: Mapping[str, str], sizes: Mapping[str, tuple[float, float]], seed: str,
    area: tuple[float, float], gap: float,
) -> tuple[dict[str, float], dict[int, Ring], dict[str, float]]:
    """Angle, ring and depth (radius factor on the ring) of every node but the seed."""
    shells = _shells(order, rings, sizes, area)
    first = sorted((i for i in order if rings[i] == 1),
                   key=lambda i: (_type_rank(types.get(i, "")), -weights.get((seed, i), 0), i))
    parent = _parents(order, rings, weights)
    children: dict[str, list[str]] = defaultdict(list)
    for child, up in sorted(parent.items(), key=lambda kv: (-weights.get(kv, 0), kv[0])):
        children[up].append(child)
    depth: dict[str, float] = {}
    allotted: dict[str, float] = {}
    angles = _sectors(first, types, sizes, shells, children, gap, depth, allotted)
    if 2 in shells:
        outer = shells[2]
        for up in first:
            kids = children.get(up, [])
            spans = [2 * outer.half_demand(angles[up], sizes[k], gap) for k in kids]
            # spread the children over the parent's whole sector when it has room to spare
            room = max(sum(spans), min(allotted.get(up, 0.0), 0.6 * len(kids)))
            step = [room * span / sum(spans) for span in spans] if kids else []
            start = angles[up] - room / 2
            for kid, span in zip(kids, step, strict=True):
                angles[kid] = start + span / 2
                start += span
        loose = [i for i in order if rings[i] == 2 and i not in angles]
        for k, node in enumerate(loose):  # unreachable from the seed: spread evenly
            angles[node] = START + 2 * math.pi * (k + 0.5) / len(loose)
        ring_two = sorted((i for i in order if rings[i] == 2), key=lambda i: (angles[i], i))
        need = sum(2 * outer.half_demand(angles[i], sizes[i], gap) for i in ring_two)
        factor = 1.0
        if need > 2 * math.pi:  # too many for one ellipse: every other node a step inwards
            factor = 0.5
            for k, node in enumerate(ring_two):
                depth[node] = 1.0 if k % 2 == 0 else STAGGER_OUTER
        _spread(ring_two, angles,
                lambda i, t: factor * outer.scaled(depth.get(i, 1.0)).half_demand(t, sizes[i],
                                                                                    gap))
    return angles, shells, depth


def _sectors(first: list[str], types: Mapping[str, str],
             sizes: Mapping[str, tuple[float, float]], shells: dict[int, Ring],
             children: dict[str, list[str]], gap: float, depth: dict[str, float],
             allotted: dict[str, float]) -> dict[str, float]:
    """First-ring angles: consecutive sectors by type, the spare angle shared by need.

    When the boxes need more than a full turn, consecutive nodes take turns on two
    or three ellipses of decreasing size (``depth``), each needing a share of the angle.
    """
    if not first:
        return {}
    ring = shells[1]
    outer = shells.get(2)
    angles = {node: START + 2 * math.pi * k / len(first) for k, node in enumerate(first)}
    levels = 1
    for _ in range(4 + MAX_LEVELS):  # demands depend on where a node lands: settle
        spans = []
        for node in first:
            own = ring.scaled(depth.get(node, 1.0))
            span = 2 * own.half_demand(angles[node], sizes[node], gap)
            if outer is not None and children.get(node):
                span = max(span, sum(2 * outer.half_demand(angles[node], sizes[k], gap)
                                     for k in children[node]))
            spans.append(span / levels)
        breaks = [k for k in range(len(first)) if types.get(first[k]) != types.get(first[k - 1])]
        sector = SECTOR_GAP / max(ring.a, ring.b) if len(breaks) > 1 else 0.0
        spare = 2 * math.pi - sum(spans) - sector * len(breaks)
        if spare < 0 and levels < MAX_LEVELS and len(first) > 3 * levels:
            levels += 1
            step = (1 - MIN_DEPTH) / (levels - 1)
            depth.update({node: 1 - (k % levels) * step for k, node in enumerate(first)})
            continue
        # the spare angle goes where it is needed: a node with children gets more of it
        shares = [max(spare, 0.0) * span / sum(spans) for span in spans]
        at = START - (spans[0] + shares[0]) / 2
        for k, node in enumerate(first):
            if k in breaks and k:
                at += sector
            allotted[node] = spans[k] + shares[k]
            angles[node] = at + allotted[node] / 2
            at += allotted[node]
    return angles


def _parents(order: list[str], rings: dict[str, int], weights: dict[tuple[str, str], float]
             ) -> dict[str, str]:
    """Each second-ring node's most strongly linked first-ring node."""
    first = [i for i in order if rings[i] == 1]
    out = {}
    for node in (i for i in order if rings[i] == 2):
        linked = [(weights.get((node, up), 0.0), up) for up in first]
        linked = [(w, up) for w, up in linked if w > 0]
        if linked:
            out[node] = max(linked, key=lambda p: (p[0], p[1]))[1]
    return out


def _spread(nodes: list[str], angles: dict[str, float], half) -> None:
    """Push apart neighbours on a ring whose angular gap is below what their boxes need."""
    count = len(nodes)
    if count < 2:
        return
    for _ in range(SPREAD_PASSES):
        moved = False
        for k in range(count):
            here, there = nodes[k], nodes[(k + 1) % count]
            have = angles[there] - angles[here] + (2 * math.pi if k == count - 1 else 0.0)
            need = half(here, angles[here]) + half(there, angles[there])
            if have < need - 1e-6:
                push = min((need - have) / 2, 0.05)
                angles[here] -= push
                angles[there] += push
                moved = True
        if not moved:
            return


def _position(node: str, seed: str, angles: dict[str, float], ring: Ring | None,
              area: tuple[float, float], depth: float = 1.0) -> tuple[float, float]:
    width, height = area
    if node == seed or ring is None:
        return width / 2, height / 2
    x, y = ring.scaled(depth).point(angles[node])
    return width / 2 + x, height / 2 + y
