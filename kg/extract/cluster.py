"""Extraction on a Dask distributed cluster: the same ``extract_chunk``, past one machine.

``--cluster tcp://scheduler:8786`` uses a running cluster (its workers need
trendgraph and the spaCy models installed); ``--cluster local`` starts a
``LocalCluster`` of worker processes on this machine. A worker plugin loads the
models once per worker when it joins; each chunk is a task retried on failure,
with a bounded number in flight, and results stream back to the caller's
batched writer as they complete.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Iterator

from kg.errors import Errors, TrendgraphError
from kg.extract.engines import IN_FLIGHT_PER_WORKER, ChunkResult, extract_chunk, warm_models
from kg.model import Document

RETRIES = 2
PORTS_ENV = "TRENDGRAPH_DASK_PORTS"
"""``first:last`` ports a local cluster may listen on (scheduler, nannies, workers);
unset: any free ports."""


class ClusterError(TrendgraphError):
    """The Dask cluster cannot be reached, or a task failed after its retries."""


class WarmModels:
    """Dask worker plugin: load the spaCy pipelines when a worker starts."""

    name = "trendgraph-models"

    def setup(self, worker: object) -> None:
        warm_models()

    def teardown(self, worker: object) -> None:
        pass


class DaskEngine:
    """Chunks as Dask tasks on ``address`` ("local" starts a LocalCluster of ``workers``)."""

    def __init__(self, address: str, *, workers: int) -> None:
        from distributed import Client

        self._cluster = None
        try:
            if address == "local":
                self._cluster = _local_cluster(workers)
                self._client = Client(self._cluster)
            else:
                self._client = Client(address, timeout="20s")
            self._client.register_plugin(_plugin())
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(Errors.DASK_UNREACHABLE.format(address=address, reason=exc)
                               ) from exc
        self.workers = max(1, len(self._client.scheduler_info()["workers"]))

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        from distributed import as_completed

        limit = self.workers * IN_FLIGHT_PER_WORKER
        running = as_completed()
        for chunk in chunks:
            running.add(self._client.submit(extract_chunk, chunk, retries=RETRIES, pure=False))
            while running.count() >= limit:
                yield _result(next(running))
        for future in running:
            yield _result(future)

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()


def _result(future) -> ChunkResult:
    try:
        return future.result()
    except Exception as exc:
        raise ClusterError(Errors.DASK_TASK.format(retries=RETRIES, reason=exc)) from exc


def _plugin():
    from distributed.diagnostics.plugin import WorkerPlugin

    class Plugin(WarmModels, WorkerPlugin):
        pass

    return Plugin()


def _local_cluster(workers: int):
    from distributed import LocalCluster

    ports = os.environ.get(PORTS_ENV, "")
    options: dict = {}
    if ports:
        first, last = (int(p) for p in ports.split(":"))
        scheduler = _free_port(first, last)
        rest = f"{scheduler + 1}:{last}"
        options = {"scheduler_port": scheduler, "port": rest, "worker_port": rest}
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None, **options)


def _free_port(first: int, last: int) -> int:
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise ClusterError(Errors.DASK_PORTS.format(first=first, last=last, variable=PORTS_ENV))
