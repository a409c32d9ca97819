"""Load benchmark: batched ``UNWIND … MERGE`` writes against one-row transactions.

Builds synthetic extractions shaped like the sample corpus (FR/EN articles and
posts naming ~8 entities each, typed relations with evidence sentences) until the
graph holds at least ``--relationships`` relationships, loads them into each
backend through the same ``GraphStore.write`` path the app uses, and, in the same
process, loads a small slice one row per transaction (the naive way) to show what
batching buys. Runs in a few minutes on 2 cores.

    .venv/bin/python bench/load.py                    # embedded FalkorDB + local Neo4j
    .venv/bin/python bench/load.py --wipe-neo4j       # allow emptying a non-empty Neo4j
    .venv/bin/python bench/load.py --backend neo4j    # one backend only
    .venv/bin/python bench/load.py --neo4j bolt://127.0.0.1:7742 --server-pid "$(cat PIDFILE)"
    .venv/bin/python bench/load.py --backend falkordb --import-neo4j   # + neo4j-admin import

Each backend loads the data twice, alternating (``--repeat`` times): as before, each
batch's rows built after the previous batch committed (``serial``), and as the store
writes now (``batched``: the next batch's rows built in a thread while the current one
is written, ``kg.store.rows.ahead``); the ratios are printed. The top lists the load
dropped are then ranked again (``rank_links``), timed apart from the load. The corpus
is built first and frozen out of the garbage collector's passes (``gc.freeze``): held
whole in memory, as no streaming ingest holds it, it cost 20-30% of the client's CPU.
``--import-neo4j`` copies the loaded FalkorDB graph into the files of
``trendgraph ingest --bulk-neo4j`` and times ``neo4j-admin database import full`` of
them (services/neo4j/import.sh, into a throw-away data folder) beside the Bolt loads.

Target (issue 11): batched Neo4j loads of at least 50,000 relationship rows/s. The
machine is shared, so each run prints its CPU seconds (this process, its children
such as the embedded FalkorDB server, and the Neo4j JVM given by ``--server-pid``)
beside the wall time, the server's and the client's (this process) shares, and the
relationship rows per CPU second and per server CPU second.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import psutil
from cpu import cpu_seconds, server_pids
from synthetic import extractions

from kg.errors import StoreError
from kg.model import Extraction
from kg.ontology import Ontology, load_ontology
from kg.store import open_store
from kg.store.base import CypherStore
from kg.store.bulk_csv import export_for_import
from kg.store.rows import build_rows

TARGET_RELS_PER_S = 50_000  # issue 11: batched Neo4j loads, relationship rows per second
BIG = 10**9  # more documents than any run asks for; they are generated lazily


@dataclass(slots=True)
class Run:
    backend: str
    mode: str
    rows: int
    relationships: int
    seconds: float
    cpu: float = 0.0
    """CPU seconds of this process, its children and the ``--server-pid`` processes."""
    server: float = 0.0
    """CPU seconds of the ``--server-pid`` processes alone (the Neo4j JVM)."""
    rank: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """The ranking of the top lists after the load: wall, CPU and server CPU seconds."""

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    @property
    def rels_per_s(self) -> float:
        return self.relationships / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        ranked = (f"; then ranking the top lists {self.rank[0]:.1f} s wall, {self.rank[1]:.1f} "
                  f"CPU s (server {self.rank[2]:.1f})" if self.rank[0] else "")
        return (f"{self.mode}: {self.rels_per_s:,.0f} rels/s over {self.seconds:.1f} s wall, "
                f"{self.cpu:.1f} CPU s ({self.rels_per_cpu_s:,.0f} rels per CPU s"
                + (f"; server {self.server:.1f} CPU s, {self.rels_per_server_s:,.0f} rels per s "
                   f"of it; client {self.cpu - self.server:.1f} CPU s)" if self.server else ")")
                + ranked)

    @property
    def rels_per_server_s(self) -> float:
        return self.relationships / self.server if self.server else 0.0

    @property
    def rels_per_cpu_s(self) -> float:
        return self.relationships / self.cpu if self.cpu else 0.0


def synthetic(ontology: Ontology, *, relationships: int, seed: int) -> list[Extraction]:
    """Documents (tests/synthetic.py's, as the other benches load) until their distinct
    mentions + relations reach ``relationships``."""
    seen_mentions = 0
    seen_links: set[tuple[str, str, str]] = set()
    found = []
    for extraction in extractions(ontology, BIG, seed=seed):
        if seen_mentions + len(seen_links) >= relationships:
            break
        seen_mentions += len(extraction.entities)
        seen_links.update((r.type, r.source, r.target) for r in extraction.relations)
        found.append(extraction)
    return found


def _with_embedded(store: CypherStore, servers: list[int]) -> list[int]:
    """The ``--server-pid`` processes and the store's embedded FalkorDB server, a daemon
    that is not this process's child."""
    embedded = getattr(store, "_server", None)
    pid = embedded.pid() if embedded is not None else 0
    return [*servers, pid] if pid else servers


def batched(store: CypherStore, extractions: list[Extraction], *, batch_docs: int,
            servers: list[int], mode: str = "batched") -> Run:
    """``store.write`` of the data, then (timed apart) the ranking it leaves to the end."""
    store.ensure_schema()
    servers = _with_embedded(store, servers)
    start, cpu, server = time.perf_counter(), cpu_seconds(servers), server_seconds(servers)
    report = store.write(extractions, batch_size=batch_docs, rank=False)
    seconds, cpu = time.perf_counter() - start, cpu_seconds(servers) - cpu
    server = server_seconds(servers) - server
    rank = time.perf_counter(), cpu_seconds(servers), server_seconds(servers)
    store.rank_links(stale_only=True)
    ranked = (time.perf_counter() - rank[0], cpu_seconds(servers) - rank[1],
              server_seconds(servers) - rank[2])
    rows = report.documents + report.entities + report.mentions + report.relations
    return Run(store.traits.name, f"{mode} ({batch_docs} docs/tx)", rows,
               report.mentions + report.relations, seconds, cpu, server, ranked)


def server_seconds(servers: list[int]) -> float:
    """CPU seconds so far of the server processes alone."""
    total = 0.0
    for pid in servers:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def naive(store: CypherStore, extractions: list[Extraction], *, rows: int,
          servers: list[int]) -> Run:
    """The same MERGE statements, each with one row, each in its own transaction."""
    store.ensure_schema()
    servers = _with_embedded(store, servers)
    singles = list(_single_rows(store, extractions, rows))
    start, cpu = time.perf_counter(), cpu_seconds(servers)
    for statement in singles:
        store._run_batch([statement])  # deliberately below the batching API
    seconds, cpu = time.perf_counter() - start, cpu_seconds(servers) - cpu
    relationships = sum(1 for text, _ in singles if "]->(" in text)
    return Run(store.traits.name, "naive (1 row/tx)", len(singles), relationships, seconds, cpu)


def _single_rows(
    store: CypherStore, extractions: list[Extraction], rows: int
) -> Iterator[tuple[str, dict]]:
    taken: list[Extraction] = []
    for extraction in extractions:
        taken.append(extraction)
        if build_rows(taken, store.ontology).size >= rows:
            break
    for text, params in store._statements(build_rows(taken, store.ontology)):
        for row in params["rows"]:
            yield text, {"rows": [row]}


def graph_relationships(store: CypherStore) -> int:
    meta = store.ontology.meta
    skip = {meta.subclass_type, meta.domain_type, meta.range_type}
    return sum(n for t, n in store.stats().types.items() if t not in skip)


def bench(store_factory, label: str, data: list[Extraction], args: argparse.Namespace) -> list:
    runs = []
    with store_factory() as store:
        for mode, threaded in [("serial", False), ("batched", True)] * args.repeat:
            store.reset()
            store.prepare_ahead = threaded
            runs.append(batched(store, data, batch_docs=args.batch_docs, servers=args.servers,
                                mode=mode))
            held = graph_relationships(store)
            args.held[label] = held
            print(f"  {label}: graph holds {held:,} relationships (+ ontology); "
                  f"{runs[-1].line()}", flush=True)
        if args.import_neo4j and label == "falkordb":
            runs.append(neo4j_import(store, args))
            print(f"  {label}: {runs[-1].line()}", flush=True)
        store.reset()
        if args.naive_rows:
            runs.append(naive(store, data, rows=args.naive_rows, servers=args.servers))
            print(f"  {label}: {runs[-1].line()}", flush=True)
        store.reset()
    return runs


def neo4j_import(store: CypherStore, args: argparse.Namespace) -> Run:
    """``neo4j-admin database import full`` of ``store``'s graph, into a new data folder.

    The CSV export is not timed (``trendgraph ingest --bulk-neo4j`` writes it during the
    ingest); the import tool's JVM is a child process, so its CPU counts.
    """
    stats = store.stats()
    nodes, rels = sum(stats.labels.values()), sum(stats.types.values())
    script = Path(__file__).resolve().parent.parent / "services" / "neo4j" / "import.sh"
    with tempfile.TemporaryDirectory(prefix="trendgraph-import-") as tmp:
        export_for_import(store, Path(tmp) / "csv")
        env = {**os.environ, "NEO4J_DATA_DIR": f"{tmp}/data", "NEO4J_RUN_DIR": f"{tmp}/run"}
        start, cpu = time.perf_counter(), cpu_seconds()
        done = subprocess.run([str(script), f"{tmp}/csv"], env=env, check=True, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    own = re.search(r"IMPORT DONE in ((?:\d+h )?(?:\d+m )?(?:\d+s )?\d+ms)", done.stdout)
    if own:  # the tool's own time, without the JVM start and the script
        took = sum(float(n) * {"h": 3600, "m": 60, "s": 1, "ms": 0.001}[unit]
                   for n, unit in re.findall(r"(\d+)(h|ms|m|s)", own.group(1)))
        print(f"  neo4j-admin: IMPORT DONE in {own.group(1)}: {rels / took:,.0f} rels/s, "
              f"{(nodes + rels) / took:,.0f} rows/s of the tool's own time", flush=True)
    return Run("neo4j-admin import", "import full (JVM start incl.)", nodes + rels, rels,
               seconds, cpu)


def neo4j_factory(uri: str, *, wipe: bool):
    os.environ.setdefault("NEO4J_PASSWORD", "trendgraph-dev")
    try:
        probe = open_store(uri)
    except StoreError as exc:
        print(f"  neo4j: skipped ({exc})")
        return None
    with probe:
        nodes = probe.query("MATCH (n) RETURN count(n) AS n").scalar()
    if nodes and not wipe:
        print(f"  neo4j: skipped: {probe.location} already holds {nodes:,} nodes; "
              "rerun with --wipe-neo4j to let the bench empty it")
        return None
    return lambda: open_store(uri)


def report(runs: list[Run]) -> None:
    print(f"\n{'backend':<20}{'mode':<26}{'rows':>10}{'rels':>10}{'seconds':>9}{'CPU s':>9}"
          f"{'rows/s':>10}{'rels/s':>10}{'rels/CPU s':>12}")
    for run in runs:
        print(f"{run.backend:<20}{run.mode:<26}{run.rows:>10,}{run.relationships:>10,}"
              f"{run.seconds:>9.2f}{run.cpu:>9.1f}{run.rows_per_s:>10,.0f}"
              f"{run.rels_per_s:>10,.0f}{run.rels_per_cpu_s:>12,.0f}")
    print(f"target: batched Neo4j loads >= {TARGET_RELS_PER_S:,} relationship rows/s "
          "(rels/s column; rels/CPU s is what one free core would give)")
    by_backend: dict[str, dict[str, Run]] = {}
    for run in runs:
        by_backend.setdefault(run.backend, {})[run.mode.split()[0]] = run
    for backend, modes in by_backend.items():
        if "batched" in modes and "naive" in modes and modes["naive"].rows_per_s:
            ratio = modes["batched"].rows_per_s / modes["naive"].rows_per_s
            print(f"{backend}: batched writes are {ratio:,.1f}x the naive rows/s")
    for backend in by_backend:
        before = [r for r in runs if r.backend == backend and r.mode.startswith("serial")]
        now = [r for r in runs if r.backend == backend and r.mode.startswith("batched")]
        if before and now:
            best = max(now, key=lambda r: r.rels_per_cpu_s)
            old = max(before, key=lambda r: r.rels_per_cpu_s)
            server = (f", {best.rels_per_server_s / old.rels_per_server_s:.2f}x per server CPU "
                      "s" if old.rels_per_server_s else "")
            print(f"{backend}: rows built ahead give {best.rels_per_s / old.rels_per_s:.2f}x the "
                  f"wall rels/s and {best.rels_per_cpu_s / old.rels_per_cpu_s:.2f}x the rels per "
                  f"CPU s{server} (best run of each)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relationships", type=int, default=200_000,
                        help="minimum relationships in the loaded graph (default 200000)")
    parser.add_argument("--batch-docs", type=int, default=200,
                        help="documents per write transaction (default 200)")
    parser.add_argument("--naive-rows", type=int, default=500,
                        help="rows loaded one per transaction for the baseline (default 500; "
                        "0 skips it)")
    parser.add_argument("--server-pid", help="pids of the Neo4j server whose CPU counts "
                        "(comma-separated; default $TRENDGRAPH_BENCH_SERVER_PID)")
    parser.add_argument("--neo4j", default=os.environ.get("TRENDGRAPH_BENCH_NEO4J",
                                                          "bolt://127.0.0.1:7687"))
    parser.add_argument("--wipe-neo4j", action="store_true",
                        help="allow the bench to empty a Neo4j database that holds data")
    parser.add_argument("--backend", action="append", choices=("falkordb", "neo4j"),
                        help="backend to load (repeatable; default both)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1,
                        help="alternating before/after batched loads (default 1 each)")
    parser.add_argument("--import-neo4j", action="store_true",
                        help="also time neo4j-admin import of the FalkorDB graph (Java, Maven)")
    args = parser.parse_args(argv)
    args.held = {}
    args.servers = server_pids(args.server_pid)

    ontology = load_ontology()
    start = time.perf_counter()
    data = synthetic(ontology, relationships=args.relationships, seed=args.seed)
    rows = build_rows(data, ontology)
    print(f"synthetic corpus: {len(data):,} documents, {rows.size:,} rows "
          f"({time.perf_counter() - start:.1f} s to build)", flush=True)
    del rows
    gc.collect()
    gc.freeze()  # the corpus stays in memory whole: keep it out of the collector's passes

    backends = args.backend or ["falkordb", "neo4j"]
    runs: list[Run] = []
    if "falkordb" in backends:
        with tempfile.TemporaryDirectory(prefix="trendgraph-bench-") as tmp:
            runs += bench(lambda: open_store(str(Path(tmp) / "bench.db")), "falkordb", data,
                          args)
    if "neo4j" in backends:
        factory = neo4j_factory(args.neo4j, wipe=args.wipe_neo4j)
        if factory is not None:
            runs += bench(factory, "neo4j", data, args)
    report(runs)
    if len(set(args.held.values())) > 1:
        print(f"WARNING: the backends hold different graphs {args.held}: was another "
              "process writing to the same Neo4j database?")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
