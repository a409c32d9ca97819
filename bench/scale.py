"""Scale benchmark: generated short posts (FR+EN) through the whole ingest, growing sizes.

For each size it generates JSONL post exports (tests/synthetic.py), ingests them
with the real readers, extractor (all cores) and store, and prints docs/s, peak
memory (this process, each extraction worker and the embedded server, with its
restarts), store size on disk (with its append-only file), and the
write cost per document for each fifth of the load. The baseline is the first
(smallest) size of the same run: later sizes print their time per document as a
ratio of it (flat means within 20%), and each fifth's write cost as a ratio of the
first fifth's (flat means within 1.3x).

``--replay`` skips spaCy: generated extractions go straight to the store, which
measures how write cost grows with the store on its own (minutes for 1M).

    .venv/bin/python bench/scale.py                         # 20k and 100k posts, embedded
    .venv/bin/python bench/scale.py --sizes 20000 1000000   # the 1M run (hours on 2 cores)
    .venv/bin/python bench/scale.py --replay --sizes 20000 1000000
    .venv/bin/python bench/scale.py --store bolt://127.0.0.1:7725 --wipe   # Neo4j
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from cpu import cpu_seconds, server_pids  # noqa: E402
from synthetic import extractions, write_posts  # noqa: E402

from ingest import read_paths  # noqa: E402
from kg.extract.engines import default_workers, open_engine  # noqa: E402
from kg.ingestion import ingest  # noqa: E402
from kg.ontology import load_ontology  # noqa: E402
from kg.store import open_store  # noqa: E402

FIFTHS = 5


@dataclass(slots=True)
class TimedStore:
    """A real store whose writes are timed, per document, in the order they happen."""

    store: object
    writes: list[tuple[int, float]] = field(default_factory=list)
    ranking: float = 0.0

    def write(self, batch, **options):
        start = time.perf_counter()
        report = self.store.write(batch, **options)
        self.writes.append((len(batch), time.perf_counter() - start))
        return report

    def rank_links(self, ids=None, **options):
        """The top-link ranking after a load (timed apart: the fifths are batches)."""
        start = time.perf_counter()
        ranked = self.store.rank_links(ids, **options)
        self.ranking += time.perf_counter() - start
        return ranked

    def __getattr__(self, name):
        return getattr(self.store, name)


@dataclass(slots=True)
class Result:
    size: int
    seconds: float
    documents: int
    peak_mb: float
    workers_mb: dict[str, float]
    store_mb: float
    fifths_ms: list[float]
    cpu_s: float = 0.0
    ranking_s: float = 0.0
    server: str = ""

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / max(self.documents, 1)


def fifths(writes: list[tuple[int, float]], total: int) -> list[float]:
    """Write milliseconds per document in each fifth of the documents written."""
    sums = [[0, 0.0] for _ in range(FIFTHS)]
    done = 0
    for count, seconds in writes:
        index = min(FIFTHS - 1, done * FIFTHS // max(total, 1))
        sums[index][0] += count
        sums[index][1] += seconds
        done += count
    return [1000 * s / max(n, 1) for n, s in sums]


def run(size: int, args: argparse.Namespace, work: Path, engine) -> Result:
    uri = args.store or str(work / f"graph-{size}.db")
    with open_store(uri) as graph:
        if args.store:
            graph.reset()
        timed = TimedStore(graph)
        servers = [*args.servers, *_embedded_pid(graph)]
        start, cpu_start = time.perf_counter(), cpu_seconds(servers)
        if args.replay:
            data = extractions(load_ontology(), size, seed=args.seed)
            batch: list = []
            for item in data:
                batch.append(item)
                if len(batch) == args.replay_batch:
                    timed.write(batch, batch_size=len(batch), rank=False)
                    batch = []
            if batch:
                timed.write(batch, batch_size=len(batch), rank=False)
            timed.rank_links(stale_only=True)  # as kg.ingestion does once per run
            documents, workers = size, {}
        else:
            folder = work / f"posts-{size}"
            write_posts(folder, size, seed=args.seed)
            start, cpu_start = time.perf_counter(), cpu_seconds(servers)
            report = ingest(read_paths([folder]), timed, engine=engine)
            documents, workers = report.documents_new, report.worker_peak_mb
        seconds = time.perf_counter() - start
        cpu = cpu_seconds(servers) - cpu_start
        server = _server_memory(graph)
    store_mb = _size_mb(Path(uri)) if not args.store else 0.0
    return Result(size, seconds, documents, _peak_mb(), workers, store_mb,
                  fifths(timed.writes, documents), cpu, timed.ranking, server)


def _embedded_pid(graph) -> list[int]:
    """The embedded FalkorDB server runs detached (not a child): its pid, from its file."""
    server = getattr(graph, "_server", None)
    pidfile = getattr(server, "pidfile", None)
    return [int(pidfile.read_text())] if pidfile and pidfile.exists() else []


def _server_memory(graph) -> str:
    """The embedded server's peaks (its RSS, its address space against the limit, its data
    as Redis counts it) and how often it had to be restarted: the out-of-memory story."""
    server = getattr(graph, "_server", None)
    pid = server.pid() if server else 0
    if not pid:
        return ""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text()
                  .splitlines() if ":" in line)
    used = graph._db.connection.info("memory").get("used_memory_peak", 0)
    return (f"server: peak RSS {_kb_mb(status.get('VmHWM'))} MB, peak address space "
            f"{_kb_mb(status.get('VmPeak'))} MB, data peak {used / 1e6:,.0f} MB, "
            f"restarts {server.restarts}")


def _kb_mb(field: str | None) -> str:
    return f"{int(field.split()[0]) / 1024:,.0f}" if field else "?"


def _size_mb(path: Path) -> float:
    files = {path, *path.parent.glob(path.name + "*"), *path.parent.glob(path.name + ".aof/*")}
    return sum(f.stat().st_size for f in files if f.is_file()) / 1e6


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def show(results: list[Result]) -> None:
    base = results[0]
    print(f"\n{'posts':>9}{'docs':>9}{'s':>9}{'CPU s':>9}{'docs/s':>9}{'ms/doc':>8}{'x base':>8}"
          f"{'RSS MB':>8}{'workers MB':>14}{'store MB':>10}  write ms/doc per fifth (x 1st)")
    for r in results:
        workers = "/".join(f"{v:,.0f}" for v in sorted(r.workers_mb.values())) or "-"
        ratios = " ".join(f"{f:.2f}({f / r.fifths_ms[0]:.2f})" if r.fifths_ms[0] else f"{f:.2f}"
                          for f in r.fifths_ms)
        print(f"{r.size:>9,}{r.documents:>9,}{r.seconds:>9.1f}{r.cpu_s:>9.1f}{r.docs_per_s:>9.1f}"
              f"{r.ms_per_doc:>8.2f}{r.ms_per_doc / base.ms_per_doc:>8.2f}{r.peak_mb:>8,.0f}"
              f"{workers:>14}{r.store_mb:>10.1f}  {ratios}")
        print(f"{'':>9}top-link lists ranked once after the load: {r.ranking_s:.1f} s "
              f"({1000 * r.ranking_s / max(r.documents, 1):.2f} ms/doc, in s and ms/doc)")
        if r.server:
            print(f"{'':>9}{r.server}")
    last = results[-1]
    print(f"time per document, {last.size:,} vs {base.size:,}: "
          f"{last.ms_per_doc / base.ms_per_doc:.2f}x (flat: within 1.2x)")
    first, final = last.fifths_ms[0], last.fifths_ms[-1]
    if first:
        print(f"write cost per document, last fifth vs first fifth of {last.size:,}: "
              f"{final / first:.2f}x (flat: within 1.3x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--store", help="a store URI to use (emptied first with --wipe); "
                        "default: a fresh embedded file per size")
    parser.add_argument("--wipe", action="store_true")
    parser.add_argument("--replay", action="store_true",
                        help="generated extractions straight to the store (no spaCy)")
    parser.add_argument("--replay-batch", type=int, default=500)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--server-pid", help="pids of a store server whose CPU counts "
                        "(comma-separated; default $TRENDGRAPH_BENCH_SERVER_PID)")
    args = parser.parse_args(argv)
    args.servers = server_pids(args.server_pid)
    if args.store and not args.wipe:
        parser.error("--store empties the database: add --wipe to confirm")
    engine = None if args.replay else open_engine(args.workers)
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="trendgraph-scale-") as tmp:
            for size in args.sizes:
                print(f"{size:,} posts ...", flush=True)
                results.append(run(size, args, Path(tmp), engine))
                show(results)
    finally:
        if engine is not None:
            engine.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
