"""The one interface every graph store offers, and the logic they share.

Backends implement four primitives (run a write batch, run a read, create the
schema, drop everything); what to write and how to count it lives here once, so
the embedded FalkorDB and Neo4j cannot drift apart.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import AbstractContextManager, closing, nullcontext
from typing import Any, Protocol, runtime_checkable
from uuid import uuid4

from kg.curation.rules import Rule
from kg.curation.transform import curate_extraction
from kg.errors import ConnectionLost, Errors, StoreError, StoreUnavailable, WriteError
from kg.model import Extraction
from kg.ontology import Ontology, load_ontology
from kg.store import cypher, toplinks
from kg.store.guard import check_read_only
from kg.store.kept import Kept
from kg.store.results import (
    GraphNode,
    GraphRel,
    QueryResult,
    SavedView,
    Statement,
    StoreStats,
    StoreTraits,
    WriteReport,
)
from kg.store.rows import WriteRows, ahead, build_rows, ontology_rows

__all__ = ["CypherStore", "GraphNode", "GraphRel", "GraphStore", "QueryResult", "SavedView",
           "Statement", "StoreStats", "StoreTraits", "WriteReport"]

DEFAULT_ROW_LIMIT = 1000
DEFAULT_TIMEOUT = 10.0
BATCH_ROWS = 5_000
"""Rows per UNWIND statement. Each statement costs the server a fixed amount (parsing,
a plan-cache lookup, operator set-up) besides its rows: on Neo4j 5.26, 200-document
transactions of 2,457 synthetic documents took 57 CPU s with 500 rows per statement
and 27 with 5,000 (bench/load.py rows, server CPU measured on the JVM)."""
DEFAULT_BATCH = 50
BATCH_DELETE = 10_000


@runtime_checkable
class GraphStore(Protocol):
    """What the CLI, the app, analytics and exports may ask of any store."""

    traits: StoreTraits
    location: str
    ontology: Ontology

    def write(
        self,
        extractions: Sequence[Extraction],
        *,
        batch_size: int = DEFAULT_BATCH,
        progress: Callable[[int], None] | None = None,
        rules: Sequence[Rule] = (),
        focus: Collection[str] | None = None,
        rewrite: bool = False,
        rank: bool = True,
    ) -> WriteReport: ...

    def delete_entities(self, ids: Iterable[str]) -> int: ...

    def delete_all_entities(self) -> int: ...

    def delete_links(self, source: str, target: str, rel_types: Iterable[str] = ()) -> int: ...
    def rank_links(self, ids: Iterable[str] | None = None, *,
                   stale_only: bool = False) -> int: ...  # kg.store.toplinks

    def existing_documents(self, ids: Iterable[str]) -> set[str]: ...
    def version(self) -> str: ...
    def identity(self) -> str: ...

    def query(
        self,
        cypher_text: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> QueryResult: ...

    def stats(self) -> StoreStats: ...
    def save_view(self, name: str, query: str, *, saved: str = "") -> None: ...
    def saved_views(self) -> list[SavedView]: ...
    def delete_view(self, name: str) -> bool: ...
    def save_figures(self, name: str, version: str, payload: str) -> None: ...  # kg.store.kept
    def figures(self, name: str) -> tuple[str, str] | None: ...

    def reading(self) -> AbstractContextManager[None]: ...  # one read transaction inside

    def reset(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> GraphStore: ...
    def __exit__(self, *exc: object) -> None: ...


class CypherStore(Kept, ABC):
    """Shared behaviour of the Cypher backends; subclasses supply the primitives."""

    traits: StoreTraits
    location: str
    prepare_ahead = True
    """Build a write's next batch while the current one is written (``rows.ahead``);
    bench/load.py clears it for its baseline."""

    def __init__(self, *, ontology: Ontology | None = None) -> None:
        self.ontology = ontology or load_ontology()
        self._schema_ready = False

    # -- primitives a backend implements -------------------------------------------------
    @abstractmethod
    def _run_batch(self, statements: Sequence[Statement]) -> None:
        """Run statements as one unit (one transaction where the backend has them)."""

    @abstractmethod
    def _run_atomic(self, doc_ids: list[str], plan: Callable[[set[str]], list[Statement]]) -> None:
        """Find which of ``doc_ids`` are stored, then run ``plan(stored)`` as one unit.

        No other writer may store one of ``doc_ids`` between the check and the
        commit (a transaction with uniqueness constraints, or an optimistic watch);
        a conflict is retried, and a crash leaves the whole unit out.
        """

    @abstractmethod
    def _read(
        self, cypher_text: str, params: dict[str, Any], *, limit: int, timeout: float
    ) -> QueryResult:
        """Run one read-only statement; map a write attempt to ReadOnlyError."""

    @abstractmethod
    def _create_schema(self) -> None:
        """Create constraints and indexes idempotently."""

    @abstractmethod
    def _drop_all(self) -> None:
        """Delete all data (and what indexes the backend must drop with it)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections or the embedded server."""

    # -- shared behaviour ----------------------------------------------------------------
    def reading(self) -> AbstractContextManager[None]:
        """The reads inside share one read transaction, where the backend has them."""
        return nullcontext()

    def ensure_schema(self) -> None:
        """Constraints, indexes and the ontology itself, once per store object."""
        if self._schema_ready:
            return
        self._create_schema()
        meta = self.ontology.meta
        classes, properties = ontology_rows(self.ontology)
        merge_properties = cypher.merge_properties(meta.property_label, meta.class_label,
                                                   meta.domain_type, meta.range_type)
        self._run_batch([(cypher.merge_classes(meta.class_label, meta.subclass_type),
                          {"rows": classes}), (merge_properties, {"rows": properties})])
        self._schema_ready = True

    def write(self, extractions: Sequence[Extraction], *, batch_size: int = DEFAULT_BATCH,
              progress: Callable[[int], None] | None = None, rules: Sequence[Rule] = (),
              focus: Collection[str] | None = None, rewrite: bool = False,
              rank: bool = True) -> WriteReport:
        """Write extractions in batches of documents; each batch is all-or-nothing.

        Each document keeps its raw extraction; what reaches the graph is that
        extraction after the curation ``rules``. Inside its transaction a batch first
        asks which of its documents the store already holds and writes only the
        others, so a rerun after a crash, or two writers racing on the same
        documents, never counts a document twice. ``rewrite=True`` is kg.curation
        putting back what a rule removed: the documents are stored, and their
        contributions (only the parts touching ``focus`` ids, when given) are written
        again. A batch the server refuses raises WriteError with the rows already committed;
        a lost connection raises ConnectionLost (a WriteError too); a bug is not wrapped.
        The links' ends' top lists are ranked at the end (``rank=False``: by the caller).
        """
        self.ensure_schema()
        report, written, touched = WriteReport(), 0, set[str]()

        def prepare(chunk: Sequence[Extraction]) -> tuple[list[Extraction], WriteRows]:
            curated = [curate_extraction(raw, rules, self.ontology) for raw in chunk]
            return curated, build_rows(curated, self.ontology, raws=chunk, focus=focus,
                                       rewrite=rewrite)

        batches = [extractions[at:at + batch_size] for at in range(0, len(extractions), batch_size)]
        with closing(ahead(prepare, batches, threaded=self.prepare_ahead)) as prepared:
            for chunk, (curated, fresh) in zip(batches, prepared, strict=True):
                rows = self._write_batch(curated, chunk, fresh, written=written, focus=focus,
                                         rewrite=rewrite)
                written, touched = written + rows.size, touched | rows.link_ends
                report.add(WriteReport(
                    documents=0 if rewrite else rows.document_count,
                    entities=rows.entity_count, mentions=rows.mention_count,
                    relations=rows.relation_count, skipped=rows.skipped))
                if progress:
                    progress(len(chunk))
        if rank and touched:
            self.rank_links(touched)
        return report

    def _write_batch(
        self, curated: Sequence[Extraction], raws: Sequence[Extraction], fresh: WriteRows, *,
        written: int, focus: Collection[str] | None, rewrite: bool,
    ) -> WriteRows:
        """``fresh``: the batch's rows built before, as if none of its documents were stored."""
        planned: list[WriteRows] = []

        def plan(existing: set[str]) -> list[Statement]:
            rows = fresh if not existing else build_rows(
                curated, self.ontology, skip=existing, raws=raws, focus=focus, rewrite=rewrite)
            planned[:] = [rows]
            return [*self._statements(rows), self._bump()] if rows.size else []

        ids = [] if rewrite else sorted({extraction.document.id for extraction in curated})
        try:
            self._run_atomic(ids, plan)
        except WriteError:
            raise
        except StoreUnavailable as exc:  # a lost connection: rerun once the store is back
            raise ConnectionLost(Errors.WRITE_LOST.format(count=len(curated), reason=exc),
                                 written=written) from exc
        except StoreError as exc:  # the server refused the batch and rolled it back
            raise WriteError(Errors.WRITE_REFUSED.format(count=len(curated),
                                                         reason=str(exc).rstrip(".")),
                             written=written) from exc
        return planned[0]

    def _statements(self, rows: WriteRows) -> Iterable[Statement]:
        """Entities first (their locks taken in id order), then documents, then links."""
        for label, group in rows.entities.items():
            yield from _chunks(cypher.merge_entities(self.ontology.check_label(label)), group)
        for label, group in rows.documents.items():
            text = (cypher.REWRITE_DOCUMENTS if rows.rewrite
                    else cypher.create_documents(self.ontology.check_label(label)))
            yield from _chunks(text, group)
        for rel_type, group in rows.relations.items():
            text = cypher.merge_relations(self.ontology.check_rel_type(rel_type))
            yield from _chunks(text, group)

    def delete_entities(self, ids: Iterable[str]) -> int:
        """Remove entities with their mentions and links (a rule hid or moved them)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return 0
        near = self._read(toplinks.NEIGHBOURS, {"ids": wanted}, limit=10**9, timeout=600.0)
        rerank = toplinks.rank(self.ontology, self.traits, or_naming=True)
        self._run_batch([(cypher.DELETE_ENTITIES, {"ids": wanted}),
                         (rerank, {"ids": [row[0] for row in near.rows], "gone": wanted}),
                         self._bump()])
        return len(wanted)

    def delete_all_entities(self) -> int:
        """Remove every entity, keeping documents and their raw extractions (a rebuild)."""
        count = self._read(cypher.ENTITY_COUNT, {}, limit=1, timeout=60.0).scalar() or 0
        for _ in range(0, int(count), BATCH_DELETE):
            self._run_batch([(cypher.DELETE_SOME_ENTITIES, {"limit": BATCH_DELETE}),
                             self._bump()])
        return int(count)

    def delete_links(self, source: str, target: str, rel_types: Iterable[str] = ()) -> int:
        """Remove the links between two entities, either direction, of some or all types."""
        types = [self.ontology.check_rel_type(t) for t in rel_types] or list(
            self.ontology.entity_relationship_types)
        before = self._read(cypher.LINK_COUNT, {"source": source, "target": target,
                                                 "types": types}, limit=1, timeout=60.0)
        ends = {"source": source, "target": target, "ids": [source, target]}
        rank = toplinks.rank(self.ontology, self.traits)
        self._run_batch([(cypher.delete_links("|".join(types)), ends), (rank, ends), self._bump()])
        return int(before.scalar() or 0)

    def rank_links(self, ids: Iterable[str] | None = None, *, stale_only: bool = False) -> int:
        """Recompute the top-link lists (kg.store.toplinks) of ``ids``, or of all entities
        (only those without a list when ``stale_only``: links written with ``rank=False``,
        a killed run's, a load ``write`` did not make); returns how many were ranked."""
        wanted = list(dict.fromkeys(ids if ids is not None else toplinks.entity_ids(
            self._read, stale_only=stale_only, link_id=self.traits.link_id)))
        ranked = toplinks.rank(self.ontology, self.traits)
        for chunk in toplinks.chunks(wanted):
            self._run_batch([(ranked, {"ids": chunk}), self._bump()])
        return len(wanted)
    def existing_documents(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        self.ensure_schema()
        result = self._read(
            cypher.EXISTING_DOCUMENTS, {"ids": wanted}, limit=len(wanted), timeout=60.0
        )
        return {row[0] for row in result.rows}

    def version(self) -> str:
        """Changes whenever the graph's content changes; one node read, never a scan.

        Every write, delete and curation bumps a counter in its own transaction; the
        counter's node is stamped at creation, so a reset store never repeats an old
        version. Caches of graph-wide computations key on it.
        """
        text = cypher.store_version(self.ontology.meta.state_label)
        row = self._read(text, {}, limit=1, timeout=DEFAULT_TIMEOUT).first()
        return f"{row['epoch']}:{row['version']}" if row else "empty"

    def identity(self) -> str:
        """A random id kept in the database, written the first time it is asked for.

        Files a server's database cannot hold are named after it (its curation rules):
        trendgraph's reset keeps it, while a database emptied or replaced any other way
        gets a new one, so old rules never apply to a graph they were not made for.
        """
        found = self._stored_identity()
        if found is None:
            label = self.ontology.meta.state_label
            self._run_batch([(cypher.claim_identity(label), {"identity": uuid4().hex})])
            found = self._stored_identity()
        if found is None:
            raise StoreError(Errors.IDENTITY_LOST.format(location=self.location))
        return found

    def _stored_identity(self) -> str | None:
        text = cypher.store_identity(self.ontology.meta.state_label)
        row = self._read(text, {}, limit=1, timeout=DEFAULT_TIMEOUT).first()
        return str(row["identity"]) if row and row["identity"] else None

    def _bump(self) -> Statement:
        return cypher.bump_version(self.ontology.meta.state_label), {"epoch": uuid4().hex}

    def query(
        self,
        cypher_text: str,
        params: dict[str, Any] | None = None,
        *,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> QueryResult:
        """Run user or app Cypher read-only; writes raise ReadOnlyError.

        The guard runs first on every backend: LOAD CSV, procedures, admin commands
        and writes are refused before anything reaches the server (QueryRefused).
        """
        check_read_only(cypher_text)
        return self._read(cypher_text, dict(params or {}), limit=limit, timeout=timeout)

    def stats(self) -> StoreStats:
        labels, types = self._counts()
        # Only what trendgraph writes: a shared database may hold other applications' data.
        known_types = self.ontology.relationship_types
        known_labels = self.ontology.node_labels - {self.ontology.meta.state_label}
        return StoreStats(location=self.location, backend=self.traits.name,
                          labels={k: int(n) for k, n in labels if k in known_labels and n},
                          types={k: int(n) for k, n in types if k in known_types and n})

    def _counts(self) -> tuple[list, list]:
        """(label, nodes) and (type, links) pairs: counted here, kept by some backends."""
        return (self._read(cypher.LABEL_COUNTS, {}, limit=10_000, timeout=60.0).rows,
                self._read(cypher.TYPE_COUNTS, {}, limit=10_000, timeout=60.0).rows)

    def reset(self) -> None:
        """Delete every node and relationship but the store's identity (so the rules named
        after it still apply); the schema is recreated on next write."""
        identity = self._stored_identity()
        self._drop_all()
        self._schema_ready = False
        if identity is not None:
            label = self.ontology.meta.state_label
            self._run_batch([(cypher.claim_identity(label), {"identity": identity})])

    def __enter__(self) -> CypherStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chunks(text: str, rows: list[dict]) -> Iterable[Statement]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield text, {"rows": rows[start : start + BATCH_ROWS]}
