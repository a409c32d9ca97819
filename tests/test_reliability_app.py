"""`trendgraph app` with CLI commands on the same embedded store, in a real browser (issue 10).

The test starts `trendgraph app` itself (port 8614, loopback), drives it with Debian's
Chromium through Playwright like tests/test_browser.py, runs `trendgraph ingest` and
`trendgraph stats` on the same store file from other processes, kills the embedded
server it caused to start, and finally stops `trendgraph app` with SIGTERM. Every
process it kills is one it started. Screenshots go to test-output/reliability/.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from app_server import wait_healthy
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from kg.cli import app as cli
from kg.store.embedded import EmbeddedServer

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-output" / "reliability"
PORT = int(os.environ.get("TRENDGRAPH_TEST_APP_PORT", "8614"))
TRENDGRAPH = str(Path(sys.executable).parent / "trendgraph")
runner = CliRunner()


def test_app_refuses_a_network_address_without_a_password(monkeypatch):
    monkeypatch.delenv("TRENDGRAPH_APP_PASSWORD", raising=False)
    result = runner.invoke(cli, ["app", "--host", "0.0.0.0", "--port", str(PORT)])
    assert result.exit_code == 2
    assert "TRENDGRAPH_APP_PASSWORD" in result.output


def test_app_asks_for_the_shared_secret_before_showing_anything(monkeypatch, small_graph_uri):
    monkeypatch.setenv("TRENDGRAPH_STORE", small_graph_uri)
    monkeypatch.setenv("TRENDGRAPH_APP_PASSWORD", "strategy-team-2024")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.sidebar.radio  # no page, no store, nothing before the password
    at.text_input(key="tg_password").input("wrong guess")
    at.button[0].click().run()
    assert "Wrong password." in [e.value for e in at.error]
    at.text_input(key="tg_password").input("strategy-team-2024")
    at.button[0].click().run()
    assert at.sidebar.radio(key="page")
    assert "strategy-team-2024" not in str(at)


def _settle(page) -> None:
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=60_000)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([TRENDGRAPH, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.mark.browser
def test_app_survives_cli_commands_and_a_dead_server_then_stops_cleanly(tmp_path, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    store = tmp_path / "graph.db"
    url = f"http://127.0.0.1:{PORT}"
    serving = subprocess.Popen([TRENDGRAPH, "app", "--store", str(store), "--port", str(PORT),
                                "--headless"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    server = EmbeddedServer(store)
    children: list[psutil.Process] = []
    try:
        wait_healthy(url, serving)
        children = psutil.Process(serving.pid).children(recursive=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1200})
        try:
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(url)
            page.get_by_text("This graph is empty").first.wait_for()

            ingest = _cli("ingest", "tests/fixtures/corpus", "--store", str(store))
            assert ingest.returncode == 0, ingest.stderr
            stats = _cli("stats", "--store", str(store))
            assert stats.returncode == 0, stats.stderr
            assert server.pid(), "the CLI stopped the server the app uses"

            page.get_by_role("button", name="Refresh data").click()  # as the empty page says
            _settle(page)
            page.goto(url + "/?q=Mermaidcore")
            page.get_by_role("heading", name="Mermaidcore").first.wait_for()
            _settle(page)
            page.screenshot(path=str(SHOTS / "01-after-cli-ingest.png"), full_page=True)

            os.kill(server.pid(), signal.SIGKILL)  # the app's own server, started by this test
            page.goto(url + "/?q=Girl+Math")
            page.get_by_text("restarted it").first.wait_for()
            page.get_by_role("heading", name="Girl Math").first.wait_for()
            _settle(page)
            assert page.locator("[data-testid='stException']").count() == 0
            page.screenshot(path=str(SHOTS / "02-after-server-restart.png"), full_page=True)
        finally:
            context.close()
        restarted = server.pid()
        assert restarted

        serving.send_signal(signal.SIGTERM)
        assert serving.wait(timeout=30) is not None
        deadline = time.monotonic() + 20
        while any(c.is_running() and c.status() != psutil.STATUS_ZOMBIE for c in children) \
                or server.pid():
            assert time.monotonic() < deadline, "streamlit or the embedded server outlived it"
            time.sleep(0.1)
        assert not server.socket.exists() and not server.pidfile.exists()
    finally:
        if serving.poll() is None:
            serving.kill()
        for child in children:
            if child.is_running():
                child.kill()
        if pid := server.pid():
            psutil.Process(pid).kill()
