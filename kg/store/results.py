"""What a store hands back: plain values that carry no driver type, the same from every
backend (``kg.store.base`` re-exports them with the protocol)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class StoreTraits:
    """What a backend can do, declared as data rather than discovered by isinstance."""

    name: str
    embedded: bool
    transactional_batches: bool
    server_timeout: bool
    typed_expand: bool = True
    """Walk links by type; False: every link, types kept by name (kg.store.toplinks.rank)."""
    link_id: str = ""
    """The function giving a link's id when a query can seek a link by it in one step
    (``elementId`` on Neo4j); empty where finding a link by id scans (FalkorDB): the
    top-link lists then keep no link ids (kg.store.toplinks)."""


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    labels: tuple[str, ...]
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class GraphRel:
    id: str
    type: str
    start: str
    end: str
    properties: dict[str, Any]


@dataclass(slots=True)
class QueryResult:
    """Rows of plain Python values; nodes and relationships as GraphNode/GraphRel."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def first(self) -> dict[str, Any] | None:
        return dict(zip(self.columns, self.rows[0], strict=True)) if self.rows else None

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(slots=True)
class StoreStats:
    location: str
    backend: str
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class WriteReport:
    documents: int = 0
    entities: int = 0
    mentions: int = 0
    relations: int = 0
    skipped: int = 0

    def add(self, other: WriteReport) -> None:
        self.documents += other.documents
        self.entities += other.entities
        self.mentions += other.mentions
        self.relations += other.relations
        self.skipped += other.skipped


@dataclass(frozen=True, slots=True)
class SavedView:
    """A named explorer view: ``query`` is its URL query string (``page=Compare&cmp=…``)."""

    name: str
    query: str
    saved: str = ""


Statement = tuple[str, dict[str, Any]]
