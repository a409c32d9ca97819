"""Timeouts, row caps and memory bombs (issue 10, item 2).

The figures (how long a timed-out query took to stop, the embedded server's peak
memory) are printed; run with ``-s`` to see them.
"""

from __future__ import annotations

import threading
import time

import psutil
import pytest

from kg.errors import QueryError, QueryRefused
from kg.store.guard import with_row_cap

NODES = 300
DENSE_GRAPH = [
    ("UNWIND range(0, $n - 1) AS i CREATE (:Entity {id: 'n' + toString(i)})", {"n": NODES}),
    ("UNWIND range(0, $n - 1) AS i MATCH (a:Entity {id: 'n' + toString(i)}) "
     "UNWIND range(1, 8) AS k MATCH (b:Entity {id: 'n' + toString((i * 7 + k) % $n)}) "
     "CREATE (a)-[:RELATED_TO]->(b)", {"n": NODES}),
]
RUNAWAY = "MATCH (a:Entity)-[*1..6]-(b:Entity) RETURN count(*)"


@pytest.fixture
def dense_store(store):
    """300 entities and 2,400 links: any 6-hop walk over them runs for minutes."""
    store.ensure_schema()
    store._run_batch(DENSE_GRAPH)
    return store


class PeakMemory:
    """Samples a process's resident memory every 50 ms while the block runs."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._running = False

    def __enter__(self) -> PeakMemory:
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while self._running:
            try:
                self.peak = max(self.peak, self.process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.05)

    def __exit__(self, *exc: object) -> None:
        self._running = False
        self._thread.join()


@pytest.mark.slow
@pytest.mark.parametrize("timeout", [2.0, 5.0])
def test_limits_timeout_stops_a_runaway_read_within_twice_the_timeout(dense_store, timeout):
    started = time.monotonic()
    with pytest.raises(QueryError, match="timed out"):
        dense_store.query(RUNAWAY, timeout=timeout)
    took = time.monotonic() - started
    print(f"\n{dense_store.traits.name}: --timeout {timeout:g} s stopped after {took:.2f} s "
          f"({took / timeout:.2f}x)")
    assert took < 2 * timeout
    assert dense_store.query("RETURN 1").scalar() == 1  # the store still answers


def test_limits_row_cap_is_reported_as_truncated(store):
    result = store.query("UNWIND range(1, 50) AS x RETURN x", limit=10)
    assert [row[0] for row in result.rows] == list(range(1, 11))
    assert result.truncated
    assert not store.query("UNWIND range(1, 10) AS x RETURN x", limit=10).truncated


def test_limits_embedded_server_sends_no_more_rows_than_the_cap(falkordb_store):
    """The cap goes into the query: a million-row read sends 11 rows over the socket."""
    server = falkordb_store._db.connection
    before = server.info("stats")["total_net_output_bytes"]
    result = falkordb_store.query("UNWIND range(1, 1000000) AS x RETURN x", limit=10)
    sent = server.info("stats")["total_net_output_bytes"] - before
    print(f"\n1,000,000-row read capped at 10 rows: {sent:,} bytes sent by the server")
    assert len(result.rows) == 10 and result.truncated
    assert sent < 20_000  # a million integers would be several MB


@pytest.mark.parametrize(("cypher", "capped"), [
    ("MATCH (n) RETURN n", "MATCH (n) RETURN n LIMIT 11"),
    ("MATCH (n) RETURN n ORDER BY n.name SKIP 5;",
     "MATCH (n) RETURN n ORDER BY n.name SKIP 5 LIMIT 11"),
    ("MATCH (n) RETURN n LIMIT 500", "MATCH (n) RETURN n LIMIT 11"),
    ("MATCH (n) RETURN n LIMIT 3", "MATCH (n) RETURN n LIMIT 3"),
    ("MATCH (n) WITH n LIMIT 500 RETURN n", "MATCH (n) WITH n LIMIT 500 RETURN n LIMIT 11"),
    ("MATCH (n) RETURN n LIMIT $k", "MATCH (n) RETURN n LIMIT $k"),
    ("RETURN 1 AS x UNION RETURN 2 AS x", "RETURN 1 AS x UNION RETURN 2 AS x"),
    ("MATCH (n) WHERE EXISTS { MATCH (n)--(m) RETURN m } RETURN n.return",
     "MATCH (n) WHERE EXISTS { MATCH (n)--(m) RETURN m } RETURN n.return LIMIT 11"),
    ("MATCH (n) RETURN 'LIMIT 5' AS text", "MATCH (n) RETURN 'LIMIT 5' AS text LIMIT 11"),
    ("CALL db.labels()", "CALL db.labels()"),
])
def test_limits_row_cap_is_written_into_the_last_return(cypher, capped):
    assert with_row_cap(cypher, 11) == capped


@pytest.mark.slow
@pytest.mark.parametrize(("cypher", "timeout"), [
    ("MATCH p=(a:Entity)-[*]-(b:Entity) RETURN count(p)", 3.0),
    (RUNAWAY, 3.0),
    ("UNWIND range(1, 9000000) AS x RETURN size(collect(range(1, 20)))", 3.0),
    ("UNWIND range(1, 10000000000) AS x RETURN count(x)", 3.0),
    ("RETURN size(range(1, toInteger(1e10)))", 3.0),
])
def test_limits_memory_bombs_leave_the_embedded_server_alive(falkordb_store, cypher, timeout):
    falkordb_store.ensure_schema()
    falkordb_store._run_batch(DENSE_GRAPH)
    pid = falkordb_store._server.pid()
    started = time.monotonic()
    with PeakMemory(pid) as memory, pytest.raises(QueryError) as stopped:
        falkordb_store.query(cypher, timeout=timeout)
    print(f"\n{cypher[:60]}: stopped after {time.monotonic() - started:.2f} s, server peak "
          f"{memory.peak / 2**20:.0f} MiB: {stopped.value}")
    assert isinstance(stopped.value, QueryRefused) or "timed out" in str(stopped.value) \
        or "memory" in str(stopped.value)
    assert falkordb_store._server.pid() == pid  # same server, never restarted
    assert falkordb_store.query("MATCH (n:Entity) RETURN count(n)").scalar() == NODES
