"""A first load of a large corpus into Neo4j through ``neo4j-admin database import full``.

The documents take the ordinary ingest flow (streaming readers, worker processes or
a Dask cluster, curation rules, corpus consolidation) into a throw-away embedded
store, which is then written out as the import tool's CSV files. The graph Neo4j
ends up with is the one ``trendgraph ingest`` would have written, without a Bolt
transaction per batch. The tool only fills a new or empty database, so a target
that already holds data is refused before any extraction starts.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest import FileRead
from kg.curation.rulebook import RuleBook
from kg.errors import Errors, StoreError
from kg.ingestion import IngestReport, Progress, ingest
from kg.store import GraphStore, open_store
from kg.store.bulk_csv import ImportFiles, export_for_import, refuse_non_empty

RULES_FILE = "rules.jsonl"


@dataclass(slots=True)
class BulkLoad:
    report: IngestReport
    files: ImportFiles
    rules: Path | None = None
    """The corpus consolidation's rules, to copy beside the target store's rules file."""


def prepare_bulk_load(
    reads: Iterable[FileRead],
    folder: Path,
    *,
    target: GraphStore | None = None,
    progress: Progress | None = None,
    workers: int | None = 1,
    cluster: str | None = None,
) -> BulkLoad:
    """Extract ``reads`` and write the import files into ``folder`` (new or empty).

    ``target``, when given, is the database the files are meant for: StoreError if it
    holds documents or entities already, before anything is read.
    """
    if target is not None:
        refuse_non_empty(target)
    if folder.exists() and any(folder.iterdir()):
        raise StoreError(Errors.IMPORT_FOLDER_USED.format(folder=folder))
    with tempfile.TemporaryDirectory(prefix="trendgraph-bulk-") as tmp:
        staging = open_store(str(Path(tmp) / "staging.db"))
        try:
            report = ingest(reads, staging, progress=progress, workers=workers,
                            cluster=cluster, rules=())
            if report.store_error:
                raise StoreError(Errors.IMPORT_STAGING.format(reason=report.store_error))
            files = export_for_import(staging, folder)
            rules = RuleBook.for_store(staging).path
            kept = None
            if rules.exists():
                kept = folder / RULES_FILE
                shutil.copyfile(rules, kept)
        finally:
            staging.close()
    return BulkLoad(report, files, kept)
