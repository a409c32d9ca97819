"""Documents behind links: metadata, the date/language/platform filters, headline evidence.

Undated documents never switch the date filter off: with a date range they are
left out unless the selection includes them, and counted either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from kg.model import fold
from kg.store import GraphStore
from kg.subgraph.model import Edge, Evidence, Selection
from kg.subgraph.queries import DATES, DOCUMENTS, TITLES
from kg.support import DocumentFilter, supporting_documents, undated_documents


def documents(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Document metadata by id: title, date, url, lang, platform, author, kind."""
    if not ids:
        return {}
    wanted = list(dict.fromkeys(ids))
    result = store.query(DOCUMENTS, {"ids": wanted}, limit=len(wanted), timeout=60.0)
    return {row["id"]: row for row in result.dicts()}


def titles(store: GraphStore, ids: Iterable[str]) -> dict[str, str]:
    """Document titles by id: all that headline marking needs (a hub's view names
    thousands of documents; their other fields are read only where they are shown)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    row = store.query(TITLES, {"ids": wanted}, limit=1, timeout=60.0).first() or {}
    return {doc: title or "" for doc, title in row.get("titles") or []}


@dataclass(frozen=True, slots=True)
class DateRange:
    """The dated span of a store and how many documents have no date."""

    first: str
    last: str
    undated: int
    documents: int


def date_range(store: GraphStore) -> DateRange:
    """First and last dates of dated documents only, and the undated count."""
    row = store.query(DATES, limit=1, timeout=60.0).first() or {}
    return DateRange(first=row.get("first") or "", last=row.get("last") or "",
                     undated=int(row.get("undated") or 0),
                     documents=int(row.get("documents") or 0))


DOCS_PER_EDGE = 20
"""Supporting document ids fetched per kept link (``Edge.doc_count`` has the total)."""


def document_filter(selection: Selection) -> DocumentFilter:
    return DocumentFilter(since=selection.since, until=selection.until_bound, langs=selection.langs,
                          platforms=selection.platforms,
                          include_undated=selection.include_undated)


def filter_by_documents(
    store: GraphStore, edges: list[Edge], selection: Selection
) -> tuple[list[Edge], int]:
    """Links with a supporting document that passes (carrying some of those documents),
    and the undated documents a date range left out.

    Documents are reached through the mentions (kg.support), for the links a view
    keeps only: a link never carries the list of all its documents. Without a filter
    every link passes and its evidence already names documents behind it: the
    mentions are not read (for a view among hubs that read is most of its cost).
    """
    where = document_filter(selection)
    if not where.active:
        return [e if e.docs == (docs := tuple(dict.fromkeys(ev.doc for ev in e.evidence)))
                else replace(e, docs=docs) for e in edges], 0
    found = supporting_documents(store, [e.key for e in edges], per_link=DOCS_PER_EDGE,
                                 where=where)
    kept = [replace(e, docs=tuple(found.get(e.key, ()))) for e in edges
            if e.key in found or not where.active]
    left_out = 0
    if selection.dated and not selection.include_undated:
        left_out = len(undated_documents(store, [e.key for e in edges]))
    return kept, left_out


def mark_headlines(store: GraphStore, edges: Iterable[Edge],
                   known: dict[str, str] | None = None) -> list[Edge]:
    """Flag evidence that is its document's title and list body sentences first
    (``known``: titles already read, by document id; the others are read here)."""
    edges = list(edges)
    known = known or {}
    named = known | titles(store, (ev.doc for e in edges for ev in e.evidence
                                   if ev.doc not in known))
    marked = []
    for edge in edges:  # copied only where a flag changes (a hub's view holds ~1,000)
        flags = [is_headline(ev, named.get(ev.doc, "")) for ev in edge.evidence]
        if flags == [ev.headline for ev in edge.evidence] and flags == sorted(flags):
            marked.append(edge)
            continue
        evidence = [ev if ev.headline == flag else replace(ev, headline=flag)
                    for ev, flag in zip(edge.evidence, flags, strict=True)]
        evidence.sort(key=lambda ev: ev.headline)
        marked.append(replace(edge, evidence=tuple(evidence)))
    return marked


def is_headline(evidence: Evidence, title: str) -> bool:
    folded = fold(title)
    return bool(folded) and fold(evidence.sentence) == folded
