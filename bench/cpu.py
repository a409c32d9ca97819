"""CPU seconds of this process, its children (live or ended) and named server processes.

Wall time on a shared 2-core machine measures the neighbours as much as the code; CPU
time of everything that did the work (extraction workers, the embedded FalkorDB
server, a Neo4j JVM given by pid) is printed beside it.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Iterable

import psutil


def cpu_seconds(servers: Iterable[int] = ()) -> float:
    """User + system seconds so far; differences of two calls time a piece of work."""
    own = os.times()
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.user + own.system + ended.ru_utime + ended.ru_stime
    for proc in [*psutil.Process().children(recursive=True), *_processes(servers)]:
        try:
            times = proc.cpu_times()
        except psutil.Error:  # ended between listing and reading
            continue
        total += times.user + times.system
    return total


def _processes(pids: Iterable[int]) -> list[psutil.Process]:
    found = []
    for pid in pids:
        try:
            found.append(psutil.Process(pid))
        except psutil.Error:
            continue
    return found


def server_pids(value: str | None) -> list[int]:
    """Pids from ``--server-pid`` (comma-separated) or ``$TRENDGRAPH_BENCH_SERVER_PID``."""
    text = value or os.environ.get("TRENDGRAPH_BENCH_SERVER_PID", "")
    return [int(p) for p in text.split(",") if p.strip()]
