"""Link labels where there is room: on the line, clear of every node and other label.

A label that covers a node or another label is worse than none (the link's type
is also in the notes and the links table), so each label tries a few points
along its line, strongest links first, and is dropped when none is free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.export import theme

if TYPE_CHECKING:
    from kg.export.scene import EdgeGlyph, Frame, NodeGlyph

LABEL_PT = 8
HEIGHT = 0.18  # inches, one line at 8 pt with its padding
PAD = 0.1
CLEARANCE = 0.04
ALONG = (0.5, 0.6, 0.4, 0.7, 0.3, 0.75, 0.25)  # where on the line to try, in order

Box = tuple[float, float, float, float]  # left, top, right, bottom


def label_box(edge: EdgeGlyph, at: tuple[float, float], font: str | None = None) -> Box:
    width = theme.text_width(edge.label, LABEL_PT, family=font) + PAD
    x, y = at
    return x - width / 2, y - HEIGHT / 2, x + width / 2, y + HEIGHT / 2


def _clash(a: Box, b: Box, margin: float) -> bool:
    return (a[0] < b[2] + margin and b[0] < a[2] + margin
            and a[1] < b[3] + margin and b[1] < a[3] + margin)


def _inside(box: Box, frame: Frame) -> bool:
    return (box[0] >= frame.left - 0.3 and box[2] <= frame.right + 0.3
            and box[1] >= frame.top - 0.1 and box[3] <= frame.bottom + 0.1)


def place_labels(edges: Sequence[EdgeGlyph], nodes: Sequence[NodeGlyph], frame: Frame,
                 *, font: str | None = None) -> list[EdgeGlyph]:
    """The edges with ``label_at`` set where a label fits, heaviest links served first."""
    taken: list[Box] = [(n.left, n.top, n.left + n.width, n.top + n.height) for n in nodes]
    placed: dict[int, tuple[float, float]] = {}
    order = sorted(range(len(edges)), key=lambda k: (-edges[k].weight, k))
    for k in order:
        edge = edges[k]
        (bx, by), (ex, ey) = edge.begin, edge.end
        for t in ALONG:
            at = (bx + (ex - bx) * t, by + (ey - by) * t)
            box = label_box(edge, at, font)
            if _inside(box, frame) and not any(_clash(box, o, CLEARANCE) for o in taken):
                placed[k] = at
                taken.append(box)
                break
    return [replace(e, label_at=placed.get(k)) for k, e in enumerate(edges)]
