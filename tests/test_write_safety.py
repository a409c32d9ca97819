"""Writers that race or die never double or lose anything (issue 10, items 3 and 4).

Each test runs real writer processes (tests/write_worker.py) against the store
fixture, on both backends, and compares the whole graph, property by property,
with a clean single write of the same documents. Only processes started here
are killed.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from graph_dump import dump
from synthetic import extractions

from kg.ontology import load_ontology

WORKER = Path(__file__).resolve().parent / "write_worker.py"
pytestmark = pytest.mark.slow  # real writer processes; see the marker in pyproject.toml


def _uri(store) -> str:
    return store.location.split(" ")[0]  # Neo4j's location names the database after a space


def _worker(store, offset: int, count: int, batch: int, go: Path | None = None):
    args = [sys.executable, str(WORKER), _uri(store), str(offset), str(count), str(batch)]
    if go is not None:
        args.append(str(go))
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(process: subprocess.Popen, line: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = process.stdout.readline()
        if not got:
            break
        if got.strip() == line:
            return
    process.kill()
    raise AssertionError(f"worker never printed {line!r}: {process.stderr.read()}")


def _clean_dump(store, count: int) -> dict:
    store.reset()
    store.write(list(extractions(load_ontology(), count)), batch_size=50)
    return dump(store)


def test_two_writers_at_once_store_the_union_once(store, tmp_path: Path) -> None:
    go = tmp_path / "go"
    first, second = _worker(store, 0, 240, 8, go), _worker(store, 120, 240, 8, go)
    for process in (first, second):
        _wait_for(process, "ready")
    go.touch()
    for process in (first, second):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err

    raced = dump(store)

    assert len(raced["documents"]) == 360
    assert raced == _clean_dump(store, 360)


def test_kill_9_at_any_point_then_a_rerun_equals_a_clean_write(store) -> None:
    for stop_after, pause in ((1, 0.0), (6, 0.013), (13, 0.031), (21, 0.002)):
        process = _worker(store, 0, 300, 6)
        _wait_for(process, f"batch {stop_after}")
        time.sleep(pause)  # somewhere inside the next batch's statements
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL
    interrupted = len(dump(store)["documents"])
    rerun = _worker(store, 0, 300, 6)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err

    resumed = dump(store)

    assert 0 < interrupted < 300
    assert resumed == _clean_dump(store, 300)

