"""Regenerate the README's screenshots of the explorer (docs/app-*.png).

Ingests the sample corpus (data/) into a temporary embedded store, or uses
--store, serves the app on a loopback port, opens each view by its URL in
Debian's headless Chromium (Playwright, nothing downloaded) and saves a
1280-pixel-wide, palette-quantized PNG per view.

    .venv/bin/python scripts/app-screenshots.py
    .venv/bin/python scripts/app-screenshots.py --store path/to/graph.db --port 8502
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 1280
# name -> (URL query, text to wait for, height of the picture in pixels)
VIEWS = {
    "app-landscape": ("page=Landscape", "Bridges", 1500),
    "app-compare": ("page=Compare&cmp_type=Trend&cmp=trend%3Amermaidcore&cmp=trend%3Agirlmath"
                    "&cmp=trend%3Acozygaming", "Shared neighbours", 1850),
    "app-explore": ("q=Mermaidcore&hubs=true&ev=Mermaidcore+%E2%86%92+popular+with+%E2%86%92+"
                    "Gen+Z", "Links in the picture", 1900),
    "app-trend-profile": ("page=Trend+profile&trend=trend%3Amermaidcore&proof=link%3Aaudience"
                          "%3Agenz", "Show the quotes behind", 2050),
    "app-affinity": ("page=Audience+%C3%97+trend&aff_a=audience%3Agenz"
                     "&aff_b=audience%3Amillennials", "What an audience over-indexes on", 1500),
}


def ingest_sample(folder: Path) -> str:
    from ingest import read_paths
    from kg.ingestion import ingest
    from kg.store import open_store

    uri = str(folder / "sample.db")
    with open_store(uri) as graph:
        ingest(read_paths([ROOT / "data"]), graph)
    return uri


def serve(uri: str, port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               env={**os.environ, "TRENDGRAPH_STORE": uri})
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"streamlit did not start; see {log}")


def _quiet(page, seconds: float = 3.0) -> None:
    """Wait until no script run has been in progress for ``seconds`` (a first visit runs
    several times: caches fill, components report their first value)."""
    calm = 0.0
    while calm < seconds:
        page.wait_for_timeout(250)
        running = page.locator("[data-testid='stStatusWidget']").count()
        calm = 0.0 if running else calm + 0.25


def _wait_for_graph(page) -> None:
    """When the view has a graph, wait until Cytoscape has drawn it in its frame."""
    if not page.locator("iframe[title*='st_link_analysis']").count():
        return
    for _ in range(120):
        for frame in page.frames:
            if "st_link_analysis" in frame.url:
                try:
                    if frame.evaluate("() => !!document.getElementById('cy')?._cyreg?.cy"):
                        return
                except Exception:  # the frame is still loading
                    pass
        page.wait_for_timeout(250)


def shoot(port: int, out: Path) -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox"], headless=True)
        for name, (query, marker, height) in VIEWS.items():
            page = browser.new_page(viewport={"width": WIDTH, "height": height})
            page.set_default_timeout(60_000)
            page.goto(f"http://127.0.0.1:{port}/?{query}")
            page.get_by_text(marker).first.wait_for()
            _quiet(page)
            _wait_for_graph(page)
            _quiet(page)
            page.wait_for_timeout(2000)  # canvases and charts draw after the run
            raw = out / f"{name}.raw.png"
            page.screenshot(path=str(raw))
            page.close()
            Image.open(raw).convert("RGB").quantize(colors=96).save(out / f"{name}.png",
                                                                     optimize=True)
            raw.unlink()
            print(f"{out / name}.png")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="Use this store instead of ingesting data/.")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="trendgraph-shots-") as folder:
        uri = args.store or ingest_sample(Path(folder))
        process = serve(uri, args.port, Path(folder) / "streamlit.log")
        try:
            shoot(args.port, args.out)
        finally:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
