"""The embedded store keeps every write it acknowledged when its server dies.

At about 800k documents the embedded server ran out of its memory limit and
aborted; trendgraph restarted it from its last snapshot and carried on, and every
batch acknowledged since that snapshot was gone, with only a notice. What the user
relies on: after the server dies and is restarted, every document the ingest
reported stored is in the store, none twice (the same graph as a clean run), or
the ingest stops with an error naming the memory setting, never a silent loss and
never a crash loop. The servers killed here are the ones the tests started.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest
from graph_dump import dump
from synthetic import extractions

from kg.errors import ConnectionLost, WriteError
from kg.ontology import load_ontology
from kg.store import open_store
from kg.store.embedded import MEMORY_ENV, EmbeddedServer, data_limit, memory_limit

pytestmark = pytest.mark.slow  # starts and kills embedded servers

DOCS = 240


@pytest.fixture(scope="module")
def posts() -> list:
    return list(extractions(load_ontology(), DOCS, seed=5))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, posts: list) -> dict:
    """The graph the posts make when nothing goes wrong."""
    with open_store(str(tmp_path_factory.mktemp("clean") / "graph.db")) as store:
        store.write(posts)
        return dump(store)


def _kill_server(store) -> None:
    os.kill(store._server.pid(), signal.SIGKILL)  # the server this test's store started


def test_durability_killed_server_loses_no_acknowledged_write(tmp_path: Path, posts, clean):
    with open_store(str(tmp_path / "graph.db")) as store:
        reported = store.write(posts[:80]).documents + store.write(posts[80:160]).documents
        _kill_server(store)  # no snapshot since the first batch: all of it in the AOF alone
        reported += store.write(posts[160:]).documents  # restarts the server, then writes
        assert "restarted" in store.notices[0]
        assert reported == DOCS
        assert dump(store) == clean  # nothing lost, nothing doubled
    with open_store(str(tmp_path / "graph.db")) as reopened:
        assert dump(reopened) == clean


def test_durability_rerun_after_a_crash_adds_nothing(tmp_path: Path, posts, clean):
    with open_store(str(tmp_path / "graph.db")) as store:
        store.write(posts[:120])
        _kill_server(store)
        report = store.write(posts)  # the user runs the same ingest again
        assert report.documents == DOCS - 120
        assert dump(store) == clean


def test_durability_store_from_before_the_aof_keeps_its_graph(tmp_path: Path, posts, clean):
    path = tmp_path / "graph.db"
    with open_store(str(path)) as store:
        store.write(posts[:120])
    shutil.rmtree(EmbeddedServer(path).aofdir)  # as a store written before the AOF: RDB only
    with open_store(str(path)) as store:
        assert store.stats().labels["Document"] == 120  # loaded from the RDB, not emptied
        _kill_server(store)  # the AOF switched on at start holds what the RDB had
        store.write(posts[120:])
        assert dump(store) == clean


def test_durability_full_server_refuses_with_the_setting_named(tmp_path: Path, posts):
    with open_store(str(tmp_path / "graph.db")) as store:
        store.write(posts[:120])
        before = dump(store)
        used = store._db.connection.info("memory")["used_memory"]
        store._db.connection.config_set("maxmemory", used)  # the store is now at its limit
        with pytest.raises(WriteError) as refused:
            store.write(posts[120:])
        assert not isinstance(refused.value, ConnectionLost)
        assert MEMORY_ENV in str(refused.value) and "Neo4j" in str(refused.value)
        assert dump(store) == before  # reads still answer; nothing half-written
        assert not store.notices  # refused, not crashed


def test_durability_server_dead_of_memory_stops_with_the_reason(tmp_path: Path, posts, clean):
    with open_store(str(tmp_path / "graph.db")) as store:
        store.write(posts[:120])
        _kill_server(store)  # as the allocator's abort: its last words in the server's log
        with open(store._server.logfile, "a") as log:
            log.write("12345:M 01 Dec 2026 12:00:00.000 # Out Of Memory allocating 6447988 "
                      "bytes!\n")
        with pytest.raises(WriteError) as stopped:
            store.write(posts[120:])
        assert MEMORY_ENV in str(stopped.value)
        assert store.stats().labels["Document"] == 120  # restarted with all it had
        store.write(posts[120:])  # the user raised the limit: the rerun completes the graph
        assert dump(store) == clean


def test_durability_server_dying_again_is_not_restarted_in_a_loop(tmp_path: Path, posts):
    with open_store(str(tmp_path / "graph.db")) as store:
        store.write(posts[:40])
        _kill_server(store)
        store.write(posts[40:80])
        _kill_server(store)
        with pytest.raises(ConnectionLost, match="stopped 2 times"):
            store.write(posts[80:])
        assert store.stats().labels["Document"] == 80


def test_durability_data_stops_below_the_address_space_limit():
    limit = memory_limit()
    assert limit // 4 <= data_limit(limit) <= limit - 2**30
    assert data_limit(12 * 2**30) == 8 * 2**30  # the default on a 24 GiB machine


def test_durability_store_whose_log_replays_slowly_opens(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    """A server replaying one big write of its append-only file answers nobody until it
    is done; opening the store waits for it instead of failing on a socket timeout."""
    path = tmp_path / "slow.db"
    with open_store(str(path)) as store:
        store._run_batch([("UNWIND range(1, 200000) AS i CREATE (:Document {id: toString(i)})",
                           {})])
    monkeypatch.setattr("kg.store.embedded.PING_TIMEOUT", 0.02)
    with open_store(str(path)) as store:
        assert store.stats().labels == {"Document": 200_000}
