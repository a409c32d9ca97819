"""Neo4j going away in the middle of an ingest (issue 10, item 4).

A private Neo4j (its own port and data folder, started and killed here only) is
killed with SIGKILL while ``trendgraph ingest`` writes into it: the command ends
with a clear error and exit code 1, the batches committed before are intact, and
after a restart the same command completes the graph, equal to a clean ingest.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from graph_dump import dump
from synthetic import write_posts

from kg.store import open_store

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parent.parent
SPARE_PORT = int(os.environ.get("TRENDGRAPH_TEST_NEO4J_SPARE_PORT", "7689"))
PASSWORD = "outage-test-pw"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "NEO4J_PORT": str(SPARE_PORT), "NEO4J_DATA_DIR": str(home / "data"),
            "NEO4J_RUN_DIR": str(home / "run"), "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_HEAP": "512m", "NEO4J_PAGECACHE": "128m"}


def _start(home: Path) -> None:
    done = subprocess.run([str(ROOT / "services/neo4j/start.sh")], env=_env(home),
                          capture_output=True, text=True, timeout=600)
    if done.returncode == 3 and not IN_CI:
        pytest.skip("Java 17 and Maven are needed for the private Neo4j")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def private_neo4j(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "neo4j"
    _start(home)
    try:
        yield home
    finally:
        subprocess.run([str(ROOT / "services/neo4j/stop.sh")], env=_env(home),
                       capture_output=True, timeout=120)


def _ingest(folder: Path, uri: str) -> subprocess.Popen:
    env = {**os.environ, "NEO4J_PASSWORD": PASSWORD}
    command = [str(Path(sys.executable).parent / "trendgraph"), "ingest", str(folder),
               "--store", uri, "--workers", "1"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)


def _documents(uri: str) -> int:
    from neo4j import GraphDatabase

    try:
        with GraphDatabase.driver(uri, auth=("neo4j", PASSWORD)) as driver:
            records, _, _ = driver.execute_query("MATCH (d:Document) RETURN count(d) AS n")
            return records[0]["n"]
    except Exception:  # not up yet, or no schema yet
        return 0


def test_ingest_survives_neo4j_going_away(private_neo4j: Path, tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    write_posts(folder, 1500, per_file=250)
    uri = f"bolt://127.0.0.1:{SPARE_PORT}"
    ingest = _ingest(folder, uri)
    deadline = time.monotonic() + 600
    while _documents(uri) == 0 and time.monotonic() < deadline and ingest.poll() is None:
        time.sleep(0.5)
    pid = int((private_neo4j / "run" / "neo4j.pid").read_text())
    os.kill(pid, signal.SIGKILL)  # the JVM this test started

    _, err = ingest.communicate(timeout=600)

    assert ingest.returncode == 1, err
    assert "writing stopped" in err and "run the same command again" in err
    _start(private_neo4j)
    os.environ["NEO4J_PASSWORD"], saved = PASSWORD, os.environ["NEO4J_PASSWORD"]
    try:
        kept = _documents(uri)
        rerun = _ingest(folder, uri)
        _, err = rerun.communicate(timeout=1200)
        assert rerun.returncode == 0, err
        with open_store(uri) as graph:
            resumed = dump(graph)
    finally:
        os.environ["NEO4J_PASSWORD"] = saved
    with open_store(str(tmp_path / "clean.db")) as clean:
        from ingest import read_paths
        from kg.ingestion import ingest as run_ingest

        run_ingest(read_paths([folder]), clean)
        expected = dump(clean)
    assert 0 < kept < 1500
    assert resumed == expected
