"""Make a store agree with the curation rules, exactly, without re-extracting anything.

The graph is always ``rules`` applied to the raw extractions kept on the documents.
Adding a rule changes only what it touches: a hidden entity or link is deleted; a
merged, renamed or retyped entity is deleted together with the entity it joins, and
both are written again from the raw extractions of the documents that mention them
(only the parts touching them, so nothing else is counted twice). Undoing a rule
rebuilds every entity from the raw extractions under the rules that remain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.curation import archive, queries
from kg.curation.rules import Hide, HideLink, Merge, Rename, Retype, Rule
from kg.curation.transform import type_of_id
from kg.errors import CurationError, Errors
from kg.model import Document, Extraction, entity_id
from kg.ontology import load_ontology
from kg.queries import BIG

CLASS = load_ontology().names

if TYPE_CHECKING:
    from kg.store import GraphStore

BATCH_DOCS = 200
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` with documents rewritten so far."""


@dataclass(slots=True)
class CurationReport:
    rules: int = 0
    documents: int = 0
    entities_removed: int = 0
    links_removed: int = 0


def apply_rules(
    store: GraphStore, rules: Sequence[Rule], *, already: Sequence[Rule] = (),
    progress: Progress | None = None,
) -> CurationReport:
    """Apply ``rules`` to a store that already reflects ``already``, one rule at a time.

    After each step the store holds exactly ``already + rules[:i+1]`` applied to the
    raw extractions; the rewrite of a step replays every rule so far, so earlier
    curation is never undone by a later one.
    """
    report = CurationReport()
    active = list(already)
    for rule in rules:
        active.append(rule)
        _step(store, rule, active, report, progress)
        report.rules += 1
    if rules:
        _keep_landscape(store)
    return report


def rebuild(
    store: GraphStore, rules: Sequence[Rule], *, progress: Progress | None = None
) -> CurationReport:
    """Every entity rewritten from the raw extractions under ``rules`` (undo uses this)."""
    ids = [row["id"] for row in store.query(queries.DOCUMENT_IDS, limit=BIG,
                                            timeout=600.0).dicts()]
    _require_archives(store)
    report = CurationReport(rules=len(rules))
    report.entities_removed = store.delete_all_entities()
    total = len(ids)
    for start in range(0, total, BATCH_DOCS):
        batch = read_archives(store, ids[start : start + BATCH_DOCS])
        store.write(batch, rules=rules, batch_size=BATCH_DOCS, rewrite=True, rank=False)
        report.documents += len(batch)
        if progress:
            progress(report.documents, total)
    store.rank_links(stale_only=True)  # each top-link list once, not once per batch
    _keep_landscape(store)
    return report


def _keep_landscape(store: GraphStore) -> None:
    """Compute and store the landscape once the curation is done, not on the first view
    of it (kg.landscape imports the store layer, which imports kg.curation: hence here)."""
    from kg import landscape

    landscape.current(store)


def _step(store: GraphStore, rule: Rule, active: list[Rule], report: CurationReport,
          progress: Progress | None) -> None:
    match rule:
        case Hide(entity=entity):
            report.entities_removed += _existing_count(store, [entity])
            store.delete_entities([entity])
        case HideLink(source=source, target=target, type=rel_type):
            report.links_removed += store.delete_links(source, target,
                                                       [rel_type] if rel_type else [])
        case Merge() | Rename() | Retype():
            source, target = moved_ids(rule, store)
            if not _existing_count(store, [source]):
                return  # nothing stored under that id now; the rule waits for new documents
            touched = [source, target]
            docs = [row["id"] for row in store.query(
                queries.DOCUMENTS_MENTIONING, {"ids": touched}, limit=BIG, timeout=600.0).dicts()]
            raws = read_archives(store, docs)  # raises before anything is deleted
            report.entities_removed += _existing_count(store, touched)
            store.delete_entities(touched)
            for start in range(0, len(raws), BATCH_DOCS):
                store.write(raws[start : start + BATCH_DOCS], rules=active, focus=set(touched),
                            batch_size=BATCH_DOCS, rewrite=True, rank=False)
                report.documents += len(raws[start : start + BATCH_DOCS])
                if progress:
                    progress(report.documents, len(raws))
            store.rank_links(stale_only=True)


def moved_ids(rule: Merge | Rename | Retype, store: GraphStore) -> tuple[str, str]:
    """(id the rule takes, id it gives) for an entity rule, asking the store for the class."""
    match rule:
        case Merge(source=source, target=target):
            return source, target
        case Rename(entity=entity, name=name):
            return entity, entity_id(type_of_id(entity, store.ontology), name)
        case Retype(entity=entity, type=type_):
            return entity, f"{type_.lower()}:{entity.split(':', 1)[1]}"
    raise TypeError(f"not an entity rule: {rule!r}")  # a bug, not a user's error


def _existing_count(store: GraphStore, ids: Iterable[str]) -> int:
    return len(store.query(queries.ENTITY_CARDS, {"ids": list(ids)}, limit=BIG))


def read_archives(store: GraphStore, doc_ids: Sequence[str]) -> list[Extraction]:
    """The raw extractions kept on these documents, in the order of ``doc_ids``."""
    rows = {row["id"]: row for row in store.query(
        queries.ARCHIVES, {"ids": list(doc_ids)}, limit=BIG, timeout=600.0).dicts()}
    found = []
    for doc_id in doc_ids:
        row = rows.get(doc_id)
        if row is None:
            continue
        document = Document(
            id=doc_id, text="", source=row["source"] or "", kind=row["kind"] or CLASS.Article,
            title=row["title"] or "", url=row["url"] or "", date=row["date"] or "",
            lang=row["lang"] or "", platform=row["platform"] or "", author=row["author"] or "")
        if not row["extraction"]:
            raise CurationError(_unarchived_message(1, [document.source or doc_id]))
        found.append(archive.loads(row["extraction"], document))
    return found


def _require_archives(store: GraphStore) -> None:
    """Refuse before deleting anything when a document has no raw extraction to rebuild from."""
    row = store.query(queries.UNARCHIVED, limit=1, timeout=600.0).first() or {}
    if row.get("count"):
        raise CurationError(_unarchived_message(int(row["count"]), row.get("examples") or []))


def _unarchived_message(count: int, examples: Sequence[str]) -> str:
    return Errors.UNARCHIVED.format(count=count,
                                    examples=", ".join(map(str, examples)) or "unknown")
