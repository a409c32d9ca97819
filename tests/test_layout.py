"""Canvas positions: labels never overlap, and added neighbours appear around their node."""

from __future__ import annotations

import math

from kg.layout import overlaps, positions

NODES = {f"n{i}": (f"Entity number {i}" + "x" * (i % 9), 26 + (i * 7) % 44) for i in range(40)}
EDGES = [("n0", f"n{i}", 3) for i in range(1, 20)] + [
    (f"n{i}", f"n{(i * 7) % 40}", 1) for i in range(40)]


def test_layout_labels_do_not_overlap():
    assert overlaps(positions(NODES, EDGES), NODES) == []


def test_layout_is_the_same_every_time():
    assert positions(NODES, EDGES) == positions(NODES, EDGES)


def test_layout_keeps_placed_nodes_and_puts_new_ones_around_the_expanded_node():
    before = positions(NODES, EDGES)
    added = {f"m{i}": (f"New {i}", 30.0) for i in range(11)}
    after = positions({**NODES, **added}, [*EDGES, *(("n5", m, 1) for m in added)],
                      previous=before, around="n5")
    assert all(after[n] == before[n] for n in before)
    spread = max(math.dist(before["n5"], after[m]) for m in added)
    width = max(x for x, _ in before.values()) - min(x for x, _ in before.values())
    assert spread < width / 2  # next to n5, not across the canvas or stacked in a corner
    assert len({after[m] for m in added}) == len(added)
    assert overlaps(after, {**NODES, **added}) == []
