"""LibreOffice, headless, as the tests' independent reader of the decks we write.

Each conversion gets its own user profile under the test's temporary folder, so
two runs (or two engineers) never fight over LibreOffice's profile lock. Outside
CI a missing ``soffice`` skips; in CI (``.ci/run`` installs it) it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(tool: str) -> str:
    """The path of ``tool``, or skip (fail in CI) naming the Debian package to install."""
    found = shutil.which(tool)
    if found is None:
        message = (f"{tool} is not installed (Debian: apt-get install libreoffice-impress "
                   "poppler-utils fonts-noto-color-emoji; .ci/run does it)")
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def convert(document: Path, fmt: str, outdir: Path) -> Path:
    """``document`` converted by LibreOffice to ``fmt`` (pdf, odp, svg) in ``outdir``."""
    soffice = need("soffice")
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(outdir), str(document)],
                   check=True, capture_output=True, timeout=240)
    out = outdir / f"{document.stem}.{fmt}"
    assert out.exists(), f"LibreOffice wrote no {out.name}"
    return out


def pages(pdf: Path, outdir: Path, width: int = 1280) -> list[Path]:
    """Every page of ``pdf`` as a PNG ``width`` pixels wide (poppler's pdftoppm)."""
    pdftoppm = need("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-scale-to-x", str(width), "-scale-to-y", "-1",
                    str(pdf), str(outdir / "page")], check=True, capture_output=True,
                   timeout=240)
    return sorted(outdir.glob("page-*.png"))


# -- reading back what LibreOffice understood (an ODP converted from our PPTX) --------------
NS = {
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _cm(value: str | None) -> float:
    return float(value.removesuffix("cm")) if value else 0.0


def odp_pages(odp: Path) -> list[dict]:
    """Per page: shapes by name (box in cm, glue id) and connectors (start, end shape ids)."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(odp) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    draw, svg = NS["draw"], NS["svg"]
    out = []
    for page in root.iter(f"{{{draw}}}page"):
        shapes, connectors = {}, []
        for element in page:  # direct children only: the legend is a draw:g group
            name = element.get(f"{{{draw}}}name")
            if element.tag == f"{{{draw}}}connector":
                connectors.append((name, element.get(f"{{{draw}}}start-shape"),
                                   element.get(f"{{{draw}}}end-shape")))
            elif element.tag in (f"{{{draw}}}custom-shape", f"{{{draw}}}frame"):
                shapes[name] = {
                    "x": _cm(element.get(f"{{{svg}}}x")), "y": _cm(element.get(f"{{{svg}}}y")),
                    "w": _cm(element.get(f"{{{svg}}}width")),
                    "h": _cm(element.get(f"{{{svg}}}height")),
                    "id": element.get(f"{{{draw}}}id"),
                }
        out.append({"shapes": shapes, "connectors": connectors})
    return out


def gap(a: dict, b: dict) -> float:
    """Clearance in cm between two boxes (negative when they overlap)."""
    return max(b["x"] - (a["x"] + a["w"]), a["x"] - (b["x"] + b["w"]),
               b["y"] - (a["y"] + a["h"]), a["y"] - (b["y"] + b["h"]))
