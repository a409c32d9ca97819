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
