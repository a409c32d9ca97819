"""Write tests/fixtures/client-template.pptx: a made-up client's corporate template.

"Northwind Insights" has its own theme (Liberation Serif headings, DejaVu Sans body,
navy and teal accents), left-aligned navy titles, a navy band across the top of
every slide and its logo in the bottom-right corner, all on the slide master, as a
real agency template would. `--template` must use all of it. Both fonts ship with
LibreOffice on Debian, so the rendering tests draw them, not a substitute.

Run from the repository root: .venv/bin/python scripts/make-sample-template.py
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "client-template.pptx"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NAVY, TEAL = "1B3A5C", "2A9D8F"
WIDTH, HEIGHT = 13.333, 7.5


def logo() -> bytes:
    """A wordmark drawn with matplotlib's own DejaVu Sans Bold: same pixels on any machine."""
    font_path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"
    font = ImageFont.truetype(str(font_path), 44)
    image = Image.new("RGB", (520, 80), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 8, 64, 72), fill="#" + TEAL)
    draw.text((84, 12), "NORTHWIND", font=font, fill="#" + NAVY)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def theme(prs: Presentation) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{{{A}}}clrScheme")
    scheme.set("name", "Northwind")
    for name, value in (("dk2", NAVY), ("accent1", NAVY), ("accent2", TEAL)):
        slot = scheme.find(f"{{{A}}}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=value)
    fonts = root.find(f".//{{{A}}}fontScheme")
    fonts.set("name", "Northwind")
    fonts.find(f"{{{A}}}majorFont/{{{A}}}latin").set("typeface", "Liberation Serif")
    fonts.find(f"{{{A}}}minorFont/{{{A}}}latin").set("typeface", "DejaVu Sans")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def master(prs: Presentation) -> None:
    slide_master = prs.slide_master
    style = slide_master.element.find(f".//{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    style.set("algn", "l")
    run = style.find(qn("a:defRPr"))
    run.set("sz", "3200")
    run.find(f"{qn('a:solidFill')}/{qn('a:schemeClr')}").set("val", "accent1")
    for shape in slide_master.placeholders:
        kind = shape.placeholder_format.type
        if kind == 1:  # title
            shape.left, shape.top, shape.width, shape.height = (
                Inches(0.6), Inches(0.4), Inches(WIDTH - 1.2), Inches(0.9))
        elif kind == 2:  # body
            shape.left, shape.top, shape.width, shape.height = (
                Inches(0.6), Inches(1.5), Inches(WIDTH - 1.2), Inches(5.0))
    tree = slide_master.shapes._spTree
    band = tree.add_autoshape(tree._next_shape_id, "Northwind band", "rect", 0, 0,
                              Inches(WIDTH), Inches(0.14))
    band.remove(band.find(qn("p:style")))  # no theme shadow under the band
    _, rel_id = slide_master.part.get_or_add_image_part(io.BytesIO(logo()))
    tree.add_pic(tree._next_shape_id, "Northwind logo", "", rel_id,
                 Inches(WIDTH - 2.45), Inches(HEIGHT - 0.55), Inches(1.95), Inches(0.3))
    fill = etree.SubElement(band.spPr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=NAVY)
    etree.SubElement(etree.SubElement(band.spPr, qn("a:ln")), qn("a:noFill"))


def title_layout(prs: Presentation) -> None:
    layout = prs.slide_layouts[0]
    for shape in layout.placeholders:
        if shape.placeholder_format.type == 3:  # centred title
            shape.left, shape.top, shape.width, shape.height = (
                Inches(0.9), Inches(2.3), Inches(WIDTH - 1.8), Inches(1.4))
        elif shape.placeholder_format.type == 4:  # subtitle, left-aligned like the title
            shape.left, shape.top, shape.width, shape.height = (
                Inches(0.9), Inches(3.8), Inches(WIDTH - 1.8), Inches(1.3))
            level = shape.text_frame._txBody.find(qn("a:lstStyle")).find(qn("a:lvl1pPr"))
            if level is None:
                level = etree.SubElement(shape.text_frame._txBody.find(qn("a:lstStyle")),
                                         qn("a:lvl1pPr"))
            level.set("marL", "0")
            level.set("indent", "0")
            level.set("algn", "l")


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    theme(prs)
    master(prs)
    title_layout(prs)
    props = prs.core_properties
    props.title, props.author = "Northwind Insights template", "Northwind Insights"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    prs.save(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
