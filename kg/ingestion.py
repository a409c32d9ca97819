"""The one ingest flow shared by the CLI and the app: read -> skip known -> extract -> store.

Documents stream through: the readers yield them file by file, a chunk at a time
is checked against the store (documents already stored are skipped before any
extraction, so a re-run costs little more than reading), the new ones go to the
extraction engine (a process pool by default, a Dask cluster on request), and the
results are written in batches while the engine extracts the next chunks. The
corpus is never held in memory whole. A bad file, row or document is reported
and the rest goes on; a store that goes away stops the run with what was
committed intact (each batch is all-or-nothing), so a rerun completes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import batched

from ingest import FileRead
from kg import landscape as landscapes
from kg.consolidate import consolidate_store
from kg.curation.rulebook import RuleBook
from kg.curation.rules import Hide, Merge, Rule
from kg.errors import InputError, InputWarning, StoreError
from kg.extract.engines import Engine, open_engine
from kg.model import Document, Extraction
from kg.store import GraphStore

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``, stage "read" (files), "extract" or "store"
(documents); ``total`` is 0 while unknown."""

CHUNK_DOCS = 128
"""Documents per extraction task: large enough to amortise a task, small enough to stream."""
WRITE_ROWS = 6_000
"""Rows (documents + entities + links) gathered before a write transaction (bench/load.py)."""


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    documents_read: int = 0
    documents_new: int = 0
    documents_skipped: int = 0
    entities: int = 0
    relations: int = 0
    consolidated: int = 0
    """Curation rules corpus consolidation added (merges plus hides)."""
    merged: int = 0
    """Nodes consolidation folded into another node (one concept, one node)."""
    hidden: int = 0
    """Nodes consolidation hid (hashtag-only duplicates, noise)."""
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)
    workers: int = 1
    worker_peak_mb: dict[str, float] = field(default_factory=dict)
    """Peak resident memory of each extraction worker, in MB."""
    store_error: str = ""
    """Why writing stopped early (the store went away); what was committed stays."""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.store_error


def ingest(
    reads: Iterable[FileRead],
    store: GraphStore,
    *,
    progress: Progress | None = None,
    rules: Sequence[Rule] | None = None,
    workers: int | None = 1,
    cluster: str | None = None,
    engine: Engine | None = None,
    write_rows: int = WRITE_ROWS,
    consolidate: bool = True,
) -> IngestReport:
    """Store every new document of ``reads``; duplicates within the run count once.

    The curation ``rules`` (by default those of the store's rules file) apply to every
    new document. ``workers`` extraction processes (None: every core; 1, the default,
    extracts in this process, as the app does for uploads) or a Dask ``cluster``
    ("local" or a scheduler address) do the extraction; an ``engine`` given by the
    caller is used as it is and left open. After new documents, ``consolidate`` plans
    corpus-level merges and hides over the whole store and records them as rules.
    """
    if rules is None:
        rules = RuleBook.for_store(store).rules
    report = IngestReport()
    owned = engine is None
    engine = engine or open_engine(workers, cluster)
    report.workers = engine.workers
    try:
        chunks = _fresh_chunks(_documents(reads, report, progress), store, report)
        _write_all(engine.map(chunks), store, rules, report, progress, write_rows)
        if not report.store_error:  # one ranking of the lists the run's batches dropped
            store.rank_links(stale_only=True)
    except StoreError as exc:  # the check of stored documents lost the store
        report.store_error = str(exc)
    finally:
        if owned:
            engine.close()
    if report.documents_new and consolidate and not report.store_error:
        fresh = consolidate_store(store)
        report.consolidated = len(fresh)
        report.merged = sum(isinstance(rule, Merge) for rule in fresh)
        report.hidden = sum(isinstance(rule, Hide) for rule in fresh)
    if report.documents_new and not report.store_error:
        landscapes.current(store)  # computed once per load, not on the first page view
    return report


def _documents(reads: Iterable[FileRead], report: IngestReport,
               progress: Progress | None) -> Iterator[Document]:
    for read in reads:
        report.files += 1
        report.errors.extend(read.errors)
        report.warnings.extend(getattr(read, "warnings", []))
        report.documents_read += len(read.documents)
        if progress:
            progress("read", report.files, 0)
        yield from read.documents


def _fresh_chunks(documents: Iterable[Document], store: GraphStore,
                  report: IngestReport) -> Iterator[list[Document]]:
    """Chunks of documents the store does not hold yet (checked before extraction)."""
    for chunk in batched(documents, CHUNK_DOCS):
        unique = {document.id: document for document in reversed(chunk)}  # first copy wins
        known = store.existing_documents(unique)
        fresh = [document for doc_id, document in unique.items() if doc_id not in known]
        report.documents_skipped += len(chunk) - len(fresh)
        if fresh:
            yield fresh[::-1]


def _write_all(results: Iterable, store: GraphStore, rules: Sequence[Rule],
               report: IngestReport, progress: Progress | None, write_rows: int) -> None:
    buffer: list[Extraction] = []
    rows = extracted = 0
    for result in results:
        report.worker_peak_mb[result.worker] = max(
            report.worker_peak_mb.get(result.worker, 0.0), result.peak_rss_mb)
        report.errors.extend(InputError(source, reason) for source, reason in result.failures)
        extracted += len(result.extractions) + len(result.failures)
        if progress:
            progress("extract", extracted, 0)
        for extraction in result.extractions:
            buffer.append(extraction)
            rows += 1 + len(extraction.entities) + len(extraction.relations)
        if rows >= write_rows and not _flush(buffer, store, rules, report, progress):
            return
        if rows >= write_rows:
            buffer, rows = [], 0
    _flush(buffer, store, rules, report, progress)


def _flush(buffer: list[Extraction], store: GraphStore, rules: Sequence[Rule],
           report: IngestReport, progress: Progress | None) -> bool:
    """Write ``buffer`` as one batch; False (and ``report.store_error``) when the store failed."""
    if not buffer:
        return True
    try:
        written = store.write(buffer, batch_size=len(buffer), rules=rules, rank=False)
    except StoreError as exc:
        report.store_error = str(exc)
        return False
    report.documents_new += written.documents
    report.documents_skipped += written.skipped
    report.entities += written.entities
    report.relations += written.relations
    if progress:
        progress("store", report.documents_new + report.documents_skipped, 0)
    return True
