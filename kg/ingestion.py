"""The one ingest flow shared by the CLI and the app: read -> skip known -> extract -> store.

Documents already in the store are skipped before extraction, so a re-run costs
little and adds nothing; a bad file or row is reported and the rest goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ingest import FileRead
from kg.consolidate import consolidate_store
from kg.curation.rulebook import RuleBook
from kg.curation.rules import Rule
from kg.errors import InputError
from kg.extract import extract_many
from kg.model import Document
from kg.store import GraphStore

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` with stage "read", "extract" or "store"."""


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    documents_read: int = 0
    documents_new: int = 0
    documents_skipped: int = 0
    entities: int = 0
    relations: int = 0
    consolidated: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def ingest(
    reads: Iterable[FileRead],
    store: GraphStore,
    *,
    progress: Progress | None = None,
    batch_size: int = 50,
    rules: Sequence[Rule] | None = None,
    consolidate: bool = True,
) -> IngestReport:
    """Store every new document of ``reads``; duplicates within the run count once.

    The curation ``rules`` (by default those of the store's rules file) apply to every
    new document, so a merged or hidden entity stays merged or hidden. After new
    documents, ``consolidate`` plans corpus-level merges and hides over the whole store
    (one node per concept, no hashtag-only trend nobody backs) and records them as rules.
    """
    if rules is None:
        rules = RuleBook.for_store(store).rules
    report = IngestReport()
    documents: dict[str, Document] = {}
    for read in reads:
        report.files += 1
        report.errors.extend(read.errors)
        for document in read.documents:
            report.documents_read += 1
            documents.setdefault(document.id, document)
        if progress:
            progress("read", report.files, 0)
    known = store.existing_documents(documents)
    fresh = [doc for doc_id, doc in documents.items() if doc_id not in known]
    report.documents_skipped = report.documents_read - len(fresh)
    total = len(fresh)
    for start in range(0, total, batch_size):
        chunk = fresh[start : start + batch_size]
        extractions = []
        for extraction in extract_many(chunk):
            extractions.append(extraction)
            if progress:
                progress("extract", start + len(extractions), total)
        written = store.write(extractions, batch_size=batch_size, rules=rules)
        report.documents_new += written.documents
        report.entities += written.entities
        report.relations += written.relations
        if progress:
            progress("store", start + len(chunk), total)
    if total and consolidate:
        report.consolidated = len(consolidate_store(store))
    return report
