"""Node shapes drawn the same way in PowerPoint and in matplotlib.

Each ontology shape name (``tg:shape``) maps to one PowerPoint preset. For each
preset we keep, in the box's own 0..1 coordinates, its outline (for matplotlib),
its text area and its connection sites in the preset's ``cxnLst`` order, so a
connector glued to site ``idx`` in PowerPoint starts at the very point the PNG
draws it from, and moving a node in PowerPoint keeps the link on the near side.
The site lists were checked against LibreOffice's rendering of each preset
(glue point ``idx`` of every shape, read back from an SVG conversion).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]

_DIAG = 0.5 - 0.5 * math.cos(math.pi / 4)  # where the 45° sites sit on an ellipse


@dataclass(frozen=True, slots=True)
class ShapeSpec:
    """How one ontology shape is drawn and how big it must be to hold its label."""

    preset: str  # pptx.enum.shapes.MSO_SHAPE member name
    grow_w: float  # box width = text width * grow_w + pad_w
    pad_w: float
    grow_h: float  # box height = text height * grow_h + pad_h
    pad_h: float

    def box(self, text_w: float, text_h: float) -> tuple[float, float]:
        """Box size (inches) that fits a label of the given size inside the outline."""
        height = text_h * self.grow_h + self.pad_h
        width = text_w * self.grow_w + self.pad_w
        if self.preset == "HEXAGON":
            width += height * 0.5  # the two slanted ends eat a quarter height each side
        elif self.preset == "PENTAGON":
            width += height * 0.5  # the point of the tag
        return max(width, height * 1.1), height


SPECS: dict[str, ShapeSpec] = {
    "rectangle": ShapeSpec("RECTANGLE", 1.0, 0.22, 1.0, 0.14),
    "round-rectangle": ShapeSpec("ROUNDED_RECTANGLE", 1.0, 0.26, 1.0, 0.14),
    "ellipse": ShapeSpec("OVAL", 1.2, 0.22, 1.3, 0.12),
    "hexagon": ShapeSpec("HEXAGON", 1.0, 0.16, 1.0, 0.16),
    "diamond": ShapeSpec("DIAMOND", 1.5, 0.16, 2.2, 0.06),
    "tag": ShapeSpec("PENTAGON", 1.0, 0.18, 1.0, 0.14),
    "star": ShapeSpec("STAR_12_POINT", 1.5, 0.22, 2.3, 0.1),
    "triangle": ShapeSpec("ISOSCELES_TRIANGLE", 2.0, 0.2, 2.6, 0.1),
}
DEFAULT_SHAPE = "ellipse"


def spec(shape: str) -> ShapeSpec:
    return SPECS.get(shape, SPECS[DEFAULT_SHAPE])


def outline(shape: str, w: float, h: float) -> list[Point]:
    """Polygon of the shape in a w x h box with its top-left at (0, 0), y pointing down."""
    preset = spec(shape).preset
    if preset in ("RECTANGLE", "ROUNDED_RECTANGLE"):
        return [(0, 0), (w, 0), (w, h), (0, h)]
    if preset == "OVAL":
        return [(w / 2 + w / 2 * math.cos(t), h / 2 + h / 2 * math.sin(t))
                for t in (2 * math.pi * k / 48 for k in range(48))]
    if preset == "HEXAGON":
        x1 = min(w, h) * 0.25
        return [(0, h / 2), (x1, 0), (w - x1, 0), (w, h / 2), (w - x1, h), (x1, h)]
    if preset == "DIAMOND":
        return [(w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)]
    if preset == "PENTAGON":
        x1 = w - min(w, h) * 0.5
        return [(0, 0), (x1, 0), (w, h / 2), (x1, h), (0, h)]
    if preset == "ISOSCELES_TRIANGLE":
        return [(w / 2, 0), (w, h), (0, h)]
    if preset == "STAR_12_POINT":
        points = []
        for k in range(24):
            angle = -math.pi / 2 + math.pi * k / 12
            radius = 1.0 if k % 2 == 0 else 0.82
            points.append((w / 2 + w / 2 * radius * math.cos(angle),
                           h / 2 + h / 2 * radius * math.sin(angle)))
        return points
    raise ValueError(f"no outline for preset {preset}")


def text_center(shape: str, w: float, h: float) -> Point:
    """Centre of the preset's text rectangle, relative to the box's top-left."""
    preset = spec(shape).preset
    if preset == "PENTAGON":
        return (w - min(w, h) * 0.25) / 2, h / 2
    if preset == "ISOSCELES_TRIANGLE":
        return w / 2, h * 0.72
    return w / 2, h / 2


def sites(shape: str, w: float, h: float) -> list[Point]:
    """Connection sites in the preset's ``cxnLst`` order, relative to the box's top-left."""
    preset = spec(shape).preset
    if preset in ("RECTANGLE", "ROUNDED_RECTANGLE", "DIAMOND", "PENTAGON", "STAR_12_POINT"):
        return [(w / 2, 0), (0, h / 2), (w / 2, h), (w, h / 2)]
    if preset == "OVAL":
        lo, hi = _DIAG, 1 - _DIAG
        return [(w / 2, 0), (lo * w, lo * h), (0, h / 2), (lo * w, hi * h), (w / 2, h),
                (hi * w, hi * h), (w, h / 2), (hi * w, lo * h)]
    if preset == "HEXAGON":
        x1 = min(w, h) * 0.25
        return [(w, h / 2), (w - x1, h), (x1, h), (0, h / 2), (x1, 0), (w - x1, 0)]
    if preset == "ISOSCELES_TRIANGLE":
        return [(w / 2, 0), (w / 4, h / 2), (0, h), (w / 2, h), (w, h), (w * 3 / 4, h / 2)]
    raise ValueError(f"no connection sites for preset {preset}")
