"""Run ``extract`` over a stream of document chunks: in this process or a pool of processes.

Each pool worker loads the spaCy pipelines once (the pool's initializer) and keeps
them for every chunk it is given; chunks stream in with a bounded number in
flight, so the caller writes the results of one chunk while the workers extract
the next ones. Dask clusters use the same ``extract_chunk`` (kg.extract.cluster).
"""

from __future__ import annotations

import functools
import os
import resource
import sys
import types
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Protocol

from kg.model import Document, Extraction

IN_FLIGHT_PER_WORKER = 2


@dataclass(slots=True)
class ChunkResult:
    """The extractions of one chunk, the documents that failed, and who did the work."""

    extractions: list[Extraction] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(source, reason) of each document the extractor could not process."""
    worker: str = ""
    peak_rss_mb: float = 0.0


def extract_chunk(documents: list[Document]) -> ChunkResult:
    """Extract a chunk in this process; one bad or endless document never loses the others.

    The chunk runs under a time budget sized from its text (kg.extract.budget); when it
    fails or overruns, each document is extracted alone under its own budget, and the
    ones that fail or overrun are reported by name.
    """
    from kg.extract import extract, extract_many
    from kg.extract.budget import BudgetExceeded, budget_for, time_budget

    warm_models()  # loading the models is not the documents' time
    result = ChunkResult(worker=f"{os.uname().nodename}:{os.getpid()}")
    try:
        with time_budget(budget_for(sum(len(d.text) for d in documents))):
            result.extractions = list(extract_many(documents))
    except Exception:  # find the document that failed or overran, keep the rest
        result.extractions = []
        for document in documents:
            seconds = budget_for(len(document.text))
            try:
                with time_budget(seconds):
                    result.extractions.append(extract(document))
            except BudgetExceeded:
                result.failures.append((document.source or document.id, (
                    f"extraction stopped after {seconds:.0f} s, the time budget of a document "
                    f"of {len(document.text):,} characters; the rest of the batch goes on")))
            except Exception as exc:  # the extractor's failure, whatever its type
                result.failures.append((document.source or document.id,
                                        f"extraction failed: {exc}"))
    result.peak_rss_mb = peak_rss_mb()
    return result


@functools.cache
def warm_models() -> None:
    """Load both pipelines and run one sentence through each, once per process, so the
    first chunk of a worker is not the slow one (the first document of a language also
    builds the pipeline's lazy tables) and no document's time budget pays for it."""
    from kg.extract import extract, load_pipeline

    for lang, text in (("fr", "La mermaidcore plaît à la génération Z sur TikTok."),
                       ("en", "Mermaidcore is popular with Gen Z on TikTok.")):
        load_pipeline(lang)
        extract(Document(id=f"warm-{lang}", text=text, source="(warm-up)", lang=lang))


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Engine(Protocol):
    """Something that turns chunks of documents into ``ChunkResult``s, streaming."""

    workers: int

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]: ...

    def close(self) -> None: ...


class InProcess:
    """Extraction in the calling process: no start-up cost, no overlap with writes."""

    workers = 1

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield extract_chunk(chunk)

    def close(self) -> None:
        pass


class ProcessPool:
    """``workers`` processes (spawned: safe from threaded parents like the app)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                         initializer=warm_models)
        with _plain_main():  # start every worker now, loading its models meanwhile
            for _ in range(self.workers):
                self._pool.submit(os.getpid)

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        pending: deque[Future] = deque()
        for chunk in chunks:
            pending.append(self._pool.submit(extract_chunk, chunk))
            while len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _plain_main() -> Iterator[None]:
    """Spawned workers re-import the parent's ``__main__`` from its path; when that is
    not a safe module (a Streamlit page, a test runner's script), give them none."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def open_engine(workers: int | None = None, cluster: str | None = None) -> Engine:
    """A Dask engine for ``cluster`` ("local" or a scheduler address), else a process pool
    of ``workers`` (default: every core), or this process for one worker."""
    if cluster:
        from kg.extract.cluster import DaskEngine

        return DaskEngine(cluster, workers=workers or default_workers())
    count = default_workers() if workers is None else workers
    return ProcessPool(count) if count > 1 else InProcess()
