"""End to end in a real browser: `streamlit run app.py` driven by headless Chromium.

A session fixture ingests the texts in tests/fixtures/browser/ with the real
extractor into a temporary store, serves the app on a free loopback port and
opens Debian's Chromium through Playwright (``executable_path``, nothing
downloaded). Each step leaves a screenshot in test-output/browser/.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_server import wait_healthy

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-output" / "browser"
CORPUS = ROOT / "tests" / "fixtures" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 1800}
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TIMEOUT_MS = 30_000

# Where Cytoscape keeps its instance on the container, so the test can find the
# on-screen position of one edge and click it like a user would.
EDGE_POSITION_JS = """([source, target]) => {
  const cy = document.getElementById('cy')._cyreg.cy;
  const edge = cy.edges().filter(e => e.source().data('name') === source
                                   && e.target().data('name') === target)[0];
  if (!edge) { return null; }
  const p = edge.renderedMidpoint();
  return {x: p.x, y: p.y, id: edge.id()};
}"""

NODE_POSITION_JS = """(name) => {
  const node = document.getElementById('cy')._cyreg.cy.nodes()
                       .filter(n => n.data('name') === name)[0];
  return node ? node.renderedPosition() : null;
}"""
NODE_NAMES_JS = "() => document.getElementById('cy')._cyreg.cy.nodes().map(n => n.data('name'))"

# Every node's on-screen box (label included) and the canvas size, to check what is on screen.
NODE_BOXES_JS = """() => {
  const cy = document.getElementById('cy')._cyreg.cy;
  return {width: cy.width(), height: cy.height(),
          boxes: cy.nodes().map(n => ({name: n.data('name'),
                                       box: n.renderedBoundingBox({includeLabels: false})}))};
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served on a loopback port over a store ingested from the browser corpus."""
    from ingest import read_paths
    from kg.ingestion import ingest
    from kg.store import open_store

    uri = str(tmp_path_factory.mktemp("browser") / "graph.db")
    with open_store(uri) as graph:
        report = ingest(read_paths([CORPUS]), graph)
    assert report.ok and report.documents_new == 6, report
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = SHOTS / "streamlit.log"
    port = int(os.environ.get("TRENDGRAPH_TEST_STREAMLIT_PORT") or _free_port())
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "TRENDGRAPH_STORE": uri})
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.goto(app_url)
    tab.get_by_label("Search an entity", exact=True).wait_for()  # the box, not a caption
    yield tab
    context.close()


def _settle(page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=TIMEOUT_MS)


def _graph_frame(page):
    page.locator("iframe[title*='st_link_analysis']").first.wait_for()
    for _ in range(60):
        for frame in page.frames:
            if "st_link_analysis" in frame.url:
                try:
                    if frame.evaluate("() => !!document.getElementById('cy')?._cyreg?.cy"):
                        return frame
                except Exception:  # the frame is still loading
                    pass
        page.wait_for_timeout(250)
    raise AssertionError("the graph component never rendered")


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _go_to(page, name: str) -> None:
    """Pick a page in the sidebar's page list (its radio option, not a heading or a caption)."""
    page.locator("[data-testid='stSidebar']").get_by_role("radiogroup").first \
        .get_by_text(name, exact=True).click()


def _open(page, query: str) -> None:
    page.goto(page.url.split("?")[0] + "?" + query)


def _click_node(page, frame, name: str, *, double: bool = False) -> None:
    spot = frame.evaluate(NODE_POSITION_JS, name)
    assert spot is not None, f"{name} is not on the canvas"
    canvas = frame.locator("#cy").bounding_box()
    click = page.mouse.dblclick if double else page.mouse.click
    click(canvas["x"] + spot["x"], canvas["y"] + spot["y"])


def test_browser_landscape_then_click_a_cluster(page):
    _open(page, "page=Landscape")
    page.get_by_role("heading", name="Landscape").first.wait_for()
    frame = _graph_frame(page)
    page.wait_for_timeout(800)
    clusters = frame.evaluate(NODE_NAMES_JS)
    assert clusters, "the cluster map is empty"
    _settle(page)
    _shot(page, "01-landscape.png")
    _click_node(page, frame, clusters[0])
    page.get_by_role("heading", name=f"Cluster 1: {clusters[0]}").wait_for()
    _settle(page)
    assert "cluster=" in page.url
    _shot(page, "02-cluster.png")


def test_browser_search_evidence_document_and_shared_url(page, browser):
    # 1. search, with platforms and big audiences drawn as nodes
    _open(page, "q=mermaidcore&hubs=true")
    page.get_by_role("heading", name="Mermaidcore").first.wait_for()
    _settle(page)
    frame = _graph_frame(page)
    page.wait_for_timeout(800)
    names = frame.evaluate(NODE_NAMES_JS)
    assert {"Mermaidcore", "Gen Z", "Queer community", "TikTok"} <= set(names)
    # 2. click an edge on the canvas and read its evidence
    spot = frame.evaluate(EDGE_POSITION_JS, ["Mermaidcore", "Queer community"])
    assert spot is not None
    canvas = frame.locator("#cy").bounding_box()
    page.mouse.click(canvas["x"] + spot["x"], canvas["y"] + spot["y"])
    page.get_by_text("The queer community embraced Mermaidcore early").first.wait_for()
    _settle(page)
    assert page.get_by_text("Mermaidcore keeps swimming upstream").count() >= 1
    _shot(page, "03-edge-evidence.png")
    # 3. the same URL in a fresh browser context shows the same view
    shared = page.url
    assert "ev=" in shared and "hubs=true" in shared
    context = browser.new_context(viewport=VIEWPORT)
    fresh = context.new_page()
    fresh.set_default_timeout(TIMEOUT_MS)
    fresh.goto(shared)
    fresh.get_by_text("The queer community embraced Mermaidcore early").first.wait_for()
    _settle(fresh)
    assert set(_graph_frame(fresh).evaluate(NODE_NAMES_JS)) == set(names)
    _shot(fresh, "04-shared-url.png")
    context.close()
    # 4. read the whole document behind the quote
    page.get_by_role("button", name="Read the document").first.click()
    _wait_document(page)
    assert page.locator("a[href*='page=Explore']").count() >= 2  # entities link to their views
    _shot(page, "05-document.png")


def test_browser_console_runs_a_saved_query(page):
    _go_to(page, "Cypher console")
    page.get_by_role("heading", name="Cypher console").wait_for()
    page.get_by_label("Saved queries").click()
    page.get_by_role("option", name="Platforms a trend spreads on").click()
    _settle(page)
    page.get_by_role("button", name="Run").click()
    page.get_by_text("2 row(s)").first.wait_for()  # TikTok and Instagram
    _settle(page)
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    _shot(page, "06-console.png")
    assert page.locator("[data-testid='stAlertContentError']").count() == 0


def test_browser_double_click_adds_neighbours_on_screen(page):
    _open(page, "q=Mermaidcore&hubs=true")
    frame = _graph_frame(page)
    page.wait_for_timeout(800)
    assert "Girl Math" not in frame.evaluate(NODE_NAMES_JS)
    _click_node(page, frame, "Gen Z", double=True)
    page.get_by_role("button", name="Reset").wait_for()  # shown once something is expanded
    _settle(page)
    frame = _graph_frame(page)
    page.wait_for_timeout(800)
    seen = frame.evaluate(NODE_BOXES_JS)
    assert "Girl Math" in {b["name"] for b in seen["boxes"]}  # Girl Math is popular with Gen Z
    for node in seen["boxes"]:
        box = node["box"]
        assert box["x1"] >= 0 and box["y1"] >= 0, node
        assert box["x2"] <= seen["width"] and box["y2"] <= seen["height"], node
    _shot(page, "07-expand.png")


def _wait_quotes(page) -> None:
    page.get_by_role("button", name="Read the document").first.wait_for()
    _settle(page)


def _read_first_quote(page) -> str:
    """Open the document of the first quote on screen; return its heading."""
    page.get_by_role("button", name="Read the document").first.click()
    _wait_document(page)
    return page.locator("h3").first.inner_text()


def _wait_document(page) -> None:
    """Wait for the reader's text itself (its entities link to Explore), not the page title:
    under load the previous page's elements stay on screen a while after the click."""
    page.wait_for_url(re.compile(r"[?&]page=Document.*[?&]doc=|[?&]doc=.*[?&]page=Document"))
    page.get_by_role("heading", name="Document").first.wait_for()
    page.locator("a[href*='page=Explore']").first.wait_for()  # entities are linked
    _settle(page)


def _metric_names(page) -> list[str]:
    """The compared entities, once their cards have rendered."""
    page.get_by_text("Shared neighbours").first.wait_for()
    cards = page.locator("[data-testid='stMetric']")
    cards.filter(has_text="document").first.wait_for()
    _settle(page)
    return [text.splitlines()[0].strip() for text in cards.all_inner_texts()]


def test_browser_trend_profile_count_opens_quotes_then_the_document(page):
    _open(page, "page=Trend+profile&trend=trend%3Amermaidcore")
    page.get_by_role("heading", name="Mermaidcore").first.wait_for()
    _settle(page)
    page.get_by_role("button", name="The 2").first.click()  # documents, last 30 days
    _wait_quotes(page)
    assert "proof=now" in page.url
    quotes = page.locator("blockquote").all_inner_texts()
    assert len(quotes) == 2 and all("mermaidcore" in q.lower() for q in quotes)
    _shot(page, "08-trend-quotes.png")
    heading = _read_first_quote(page)
    assert heading in ("La Mermaidcore, d'Instagram aux vitrines",
                       "Mermaidcore keeps swimming upstream")
    _shot(page, "09-trend-document.png")


def test_browser_brand_flag_opens_quotes_then_the_document(page):
    _go_to(page, "Brand view")
    page.get_by_role("heading", name="Brand view").first.wait_for()
    _settle(page)
    page.get_by_label("Brand", exact=True).click()
    page.get_by_role("option", name="KFC", exact=True).click()
    page.get_by_role("heading", name="KFC").first.wait_for()
    _settle(page)
    assert "brand=brand%3Akfc" in page.url
    page.get_by_role("button", name="Why: the quotes linking KFC to Boycott").click()
    page.get_by_text("Through Blockout2024").first.wait_for()
    _wait_quotes(page)
    _shot(page, "10-brand-flag-quotes.png")
    assert _read_first_quote(page) == "The block lists of Blockout2024"
    _shot(page, "11-brand-document.png")


def test_browser_compare_two_trends_save_and_reopen_the_view(page, browser):
    _open(page, "page=Trend+profile&trend=trend%3Amermaidcore")
    page.get_by_role("button", name="Compare it with other trends").click()
    page.get_by_role("heading", name="Compare").first.wait_for()
    page.get_by_text("Pick at least two trends").first.wait_for()
    page.get_by_label("Trends (two to four)").click()
    page.keyboard.type("Girl Math")
    page.get_by_role("option", name="Girl Math", exact=True).click()
    page.keyboard.press("Escape")
    assert _metric_names(page) == ["Mermaidcore", "Girl Math"]
    assert "cmp=trend%3Amermaidcore&cmp=trend%3Agirlmath" in page.url
    page.get_by_role("button", name="The 1").last.click()  # Girl Math's one document
    _wait_quotes(page)
    assert page.get_by_text("Girl Math").count() >= 2
    _shot(page, "12-compare.png")
    # keep the view under a name; a new browser opens it from the sidebar
    page.get_by_text("Save this view", exact=True).first.click()
    page.get_by_label("Name").fill("Mermaidcore vs Girl Math")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved “Mermaidcore vs Girl Math”.").first.wait_for()
    context = browser.new_context(viewport=VIEWPORT)
    fresh = context.new_page()
    fresh.set_default_timeout(TIMEOUT_MS)
    fresh.goto(page.url.split("?")[0])
    fresh.get_by_role("link", name="Mermaidcore vs Girl Math").click()
    fresh.get_by_role("heading", name="Compare").first.wait_for()
    assert _metric_names(fresh) == ["Mermaidcore", "Girl Math"]
    _shot(fresh, "13-saved-view.png")
    context.close()


def test_browser_every_page_loads_without_errors(page):
    for name in ("Landscape", "Trend profile", "Compare", "Rising trends", "Audience × trend",
                 "Brand view", "Document", "Cypher console", "Ingest", "Curate"):
        _go_to(page, name)
        page.get_by_role("heading", name=name if name != "Audience × trend"
                         else "Audience × trend affinity").first.wait_for()
        _settle(page)
        assert page.locator("[data-testid='stException']").count() == 0, name
        slug = name.lower().replace(" × ", "-").replace(" ", "-")
        _shot(page, f"page-{slug}.png")
