"""The deck a slide is drawn into: PowerPoint's blank 16:9 one, or a client's template.

With ``--template FILE.pptx`` the client's slide master, layouts and theme stay in
charge: titles go into the layout's title placeholder in the theme's heading font
and colour, text takes the theme's body font, the master's logo and bands show on
every slide, and the network is fitted into the space the master leaves free. The
template's own slides are dropped; its slide size is kept.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationFile
from pptx.util import Emu

from kg.errors import Errors, ExportError
from kg.export import theme
from kg.export.scene import DEFAULT_FRAME, Frame

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # PowerPoint's 13.333 x 7.5 in widescreen
TITLE_SLIDE, TITLE_ONLY = 0, 5  # layouts of python-pptx's default template
EMU_PER_INCH = 914400
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PLAIN_TYPES = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}


@dataclass(frozen=True, slots=True)
class Look:
    """How text is styled: explicitly (no template) or left to the template's theme."""

    font: str | None = theme.FONT  # set on every run; None lets the theme font apply
    ink: str | None = theme.INK  # titles and body text; None keeps the theme's colour
    muted: str = theme.MUTED
    measure: str | None = None  # font that label boxes are measured with
    heading: str | None = None  # font that titles are measured with
    place_heading: bool = True  # the blank deck positions titles itself


@dataclass(slots=True)
class Canvas:
    prs: PresentationFile
    title_layout: object
    content_layout: object
    frame: Frame
    look: Look


def open_canvas(template: bytes | None = None) -> Canvas:
    """A deck with no slides, ready for ``add_slide`` with the right layouts."""
    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
        return Canvas(prs, prs.slide_layouts[TITLE_SLIDE], prs.slide_layouts[TITLE_ONLY],
                      DEFAULT_FRAME, Look())
    try:
        prs = Presentation(io.BytesIO(template))
    except Exception as exc:  # python-pptx raises zipfile/KeyError/lxml errors alike
        raise ExportError(Errors.TEMPLATE_NOT_PPTX.format(reason=exc)) from exc
    _drop_slides(prs)
    content = _layout(prs, title_only=True)
    title = _layout(prs, title_only=False) or content
    if content is None:
        raise ExportError(Errors.TEMPLATE_NO_TITLE)
    major, minor = theme_fonts(prs)
    look = Look(font=None, ink=None, measure=minor, heading=major, place_heading=False)
    return Canvas(prs, title, content, frame_for(prs, content), look)


def _drop_slides(prs: PresentationFile) -> None:
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _kinds(layout) -> set:
    return {ph.placeholder_format.type for ph in layout.placeholders} - PLAIN_TYPES


def _layout(prs: PresentationFile, *, title_only: bool):
    """The 'Title Only' layout (a title and nothing else), or the title-slide layout."""
    layouts = list(prs.slide_layouts)
    if title_only:
        exact = [lay for lay in layouts if _kinds(lay) == {PP_PLACEHOLDER.TITLE}]
        loose = [lay for lay in layouts if PP_PLACEHOLDER.TITLE in _kinds(lay)]
        return next(iter(exact or loose), None)
    centred = [lay for lay in layouts if PP_PLACEHOLDER.CENTER_TITLE in _kinds(lay)]
    return next(iter(centred), None)


def theme_fonts(prs: PresentationFile) -> tuple[str | None, str | None]:
    """The theme's heading and body (major, minor) Latin typefaces."""
    try:
        part = prs.slide_master.part.part_related_by(RT.THEME)
    except KeyError:
        return None, None
    root = etree.fromstring(part.blob)
    faces = []
    for kind in ("majorFont", "minorFont"):
        latin = root.find(f".//{A}fontScheme/{A}{kind}/{A}latin")
        faces.append(latin.get("typeface") if latin is not None else None)
    return faces[0], faces[1]


def _inches(value: int | None) -> float:
    if value is None:  # python-pptx's answer for a size the file leaves out
        raise ExportError(Errors.TEMPLATE_SIZES)
    return value / EMU_PER_INCH


def _decorations(prs: PresentationFile, layout) -> list[tuple[float, float, float, float]]:
    """Boxes (left, top, right, bottom) of the master's and layout's logos, bands, text."""
    boxes = []
    for shapes in (prs.slide_master.shapes, layout.shapes):
        for shape in shapes:
            if shape.is_placeholder or shape.width is None or shape.height is None:
                continue
            left, top = _inches(shape.left), _inches(shape.top)
            boxes.append((left, top, left + _inches(shape.width), top + _inches(shape.height)))
    return boxes


def frame_for(prs: PresentationFile, layout) -> Frame:
    """The graph area of a template: under its title, above its bottom logo or band."""
    width, height = _inches(prs.slide_width), _inches(prs.slide_height)
    title = next(ph for ph in layout.placeholders
                 if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE)
    left = max(_inches(title.left), 0.3)
    top_limit = _inches(title.top + title.height)
    bottom_limit = height
    for _, top, _, bottom in _decorations(prs, layout):
        if bottom < height * 0.3:
            top_limit = max(top_limit, bottom)
        elif top > height * 0.7:
            bottom_limit = min(bottom_limit, top)
    footer_top = bottom_limit - 0.34
    legend_top = footer_top - 0.34
    return Frame(width=width, height=height, left=left, top=top_limit + 0.5,
                 right=width - left, bottom=legend_top - 0.2, legend_top=legend_top,
                 footer_top=footer_top, title_top=_inches(title.top),
                 subtitle_top=_inches(title.top + title.height) + 0.02)
