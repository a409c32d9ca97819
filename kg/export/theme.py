"""Colours, fonts and label measurement shared by the slide and the picture.

Colours and shapes come from the ontology (``tg:color``, ``tg:shape``) so a Trend
looks the same in the app, on a slide and in Gephi. Labels are measured with
matplotlib's font metrics for an Arial-compatible face, which is what PowerPoint
(Arial) and LibreOffice (Liberation Sans) draw, so boxes fit their text.
"""

from __future__ import annotations

import contextlib
import functools
import re
import textwrap
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from kg.ontology import Ontology

FONT = "Arial"  # in the PPTX; LibreOffice substitutes the metric-compatible Liberation Sans
MPL_FAMILIES = ("Arial", "Liberation Sans", "Arimo", "Helvetica", "DejaVu Sans")
INK = "#1F2328"
MUTED = "#6B7280"
EDGE = "#5F6B7A"  # the strongest link; weaker ones fade towards EDGE_LIGHT
EDGE_LIGHT = "#C3C9D1"
LINE_SPACING = 1.18
WRAP_AT = 18


@dataclass(frozen=True, slots=True)
class TypeStyle:
    type: str
    label: str
    color: str
    shape: str
    text_color: str


def type_style(ontology: Ontology, type_: str) -> TypeStyle:
    cls = ontology.classes.get(type_)
    color = cls.color if cls else "#888888"
    return TypeStyle(
        type=type_,
        label=cls.label_en if cls else type_,
        color=color,
        shape=cls.shape if cls else "ellipse",
        text_color=text_color(color),
    )


def rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def text_color(fill: str) -> str:
    """Dark ink on light fills, white on dark ones (WCAG relative luminance)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(fill))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if luminance > 0.22 else "#FFFFFF"


def blend(start: str, end: str, t: float) -> str:
    """The colour a fraction ``t`` (0..1) of the way from ``start`` to ``end``."""
    t = min(max(t, 0.0), 1.0)
    return "#" + "".join(f"{round(a + (b - a) * t):02X}" for a, b in zip(rgb(start), rgb(end),
                                                                          strict=True))


def darker(color: str, factor: float = 0.7) -> str:
    return "#" + "".join(f"{int(c * factor):02X}" for c in rgb(color))


def wrap(label: str, width: int = WRAP_AT) -> tuple[str, ...]:
    """At most two lines, broken at spaces, so long names stay compact boxes."""
    if len(label) <= width:
        return (label,)
    lines = textwrap.wrap(label, width=max(width, len(label) // 2 + 1), break_long_words=False)
    if len(lines) <= 2:
        return tuple(lines)
    return (lines[0], " ".join(lines[1:]))


@functools.cache
def mpl_family(preferred: str | None = None) -> str:
    """``preferred`` if matplotlib has it, else the first Arial-compatible font it finds.

    A template's theme font (Georgia, Calibri…) is measured with that font when it is
    installed; otherwise with Arial's metrics, which is what LibreOffice falls back to.
    """
    from matplotlib import font_manager

    for family in ((preferred,) if preferred else ()) + MPL_FAMILIES:
        try:
            font_manager.findfont(font_manager.FontProperties(family=family),
                                  fallback_to_default=False)
        except ValueError:
            continue
        return family
    return "DejaVu Sans"


@functools.cache
def text_width(text: str, size_pt: float, bold: bool = False, family: str | None = None
               ) -> float:
    """Width in inches of one line of text in the label font (or ``family``)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    props = FontProperties(family=mpl_family(family), weight="bold" if bold else "normal",
                           size=size_pt)
    with quiet_glyphs():
        width, _, _ = TextToPath().get_text_width_height_descent(text, props, ismath=False)
    return width / 72.0


@contextlib.contextmanager
def quiet_glyphs() -> Iterator[None]:
    """Emoji and control characters in names have no glyph in Arial; the box drawn is
    fine, the warning not ("(?s)": the missing glyph may be a new line)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="(?s)Glyph .* missing from font")
        yield


def text_size(lines: tuple[str, ...], size_pt: float, bold: bool = False,
              family: str | None = None) -> tuple[float, float]:
    """(width, height) in inches of a block of lines."""
    width = max(text_width(line, size_pt, bold, family) for line in lines)
    height = len(lines) * size_pt * LINE_SPACING / 72.0
    return width, height


# -- characters the picture's fonts cannot draw -------------------------------------------
JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}  # zero-width joiner, variation selectors, keycap


@functools.cache
def _fonts(family: str) -> tuple:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    paths = dict.fromkeys(font_manager.findfont(font_manager.FontProperties(family=name))
                          for name in (family, "DejaVu Sans"))
    return tuple(FT2Font(path) for path in paths)


def _drawable(code: int, family: str) -> bool:
    return any(font.get_char_index(code) for font in _fonts(family))


def _marker(char: str) -> str:
    return f"[{unicodedata.name(char, 'symbol').lower()}]"


def drawable(text: str, family: str | None = None) -> str:
    """``text`` with every character no picture font has (emoji) replaced by a visible marker.

    matplotlib cannot draw colour emoji fonts (Noto Color Emoji is a bitmap font), so
    '🧜‍♀️' in a PNG would be an empty box; it becomes '[merperson]' instead, a
    sequence joined by zero-width joiners giving one marker for its first character.
    """
    family = family or mpl_family()
    text = re.sub("[\U0001F1E6-\U0001F1FF]{2}",  # two regional indicators make a flag
                  lambda m: "[flag " + "".join(chr(ord(c) - 0x1F1E6 + 65) for c in m[0]) + "]",
                  text)
    out: list[str] = []
    joined = False
    for char in text:
        code = ord(char)
        if code in JOINERS or 0x1F3FB <= code <= 0x1F3FF:  # joiners and skin tones
            joined = joined or code == 0x200D
            continue
        if joined and out and out[-1].startswith("["):
            joined = False  # the rest of a joined sequence ('♀' in '🧜‍♀️') stays folded
            continue
        joined = False
        out.append(char if _drawable(code, family) else _marker(char))
    return "".join(out).replace("][", "] [")
