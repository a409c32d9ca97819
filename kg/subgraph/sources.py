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
from kg.subgraph.queries import DATES, DOCUMENTS


def documents(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Document metadata by id: title, date, url, lang, platform, author, kind."""
    if not ids:
        return {}
    wanted = list(dict.fromkeys(ids))
    result = store.query(DOCUMENTS, {"ids": wanted}, limit=len(wanted), timeout=60.0)
    return {row["id"]: row for row in result.dicts()}


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


def doc_filter(selection: Selection) -> bool:
    return bool(selection.dated or selection.langs or selection.platforms)


def doc_passes(doc: dict[str, Any] | None, selection: Selection) -> bool:
    if doc is None:
        return False
    date = doc.get("date") or ""
    if selection.dated and not date:
        return selection.include_undated
    if selection.since and date < selection.since:
        return False
    if selection.until and date > selection.until:
        return False
    if selection.langs and (doc.get("lang") or "") not in selection.langs:
        return False
    platforms = {p.lower() for p in selection.platforms}
    return not platforms or (doc.get("platform") or "").lower() in platforms


def filter_by_documents(
    edges: list[Edge], docs: dict[str, dict[str, Any]], selection: Selection
) -> tuple[list[Edge], int]:
    """Links with a supporting document that passes, and the undated documents left out."""
    if not doc_filter(selection):
        return edges, 0
    kept = [e for e in edges if any(doc_passes(docs.get(d), selection) for d in e.docs)]
    left_out = {d for e in edges for d in e.docs
                if selection.dated and not selection.include_undated
                and d in docs and not (docs[d].get("date") or "")}
    return kept, len(left_out)


def mark_headlines(edges: Iterable[Edge], docs: dict[str, dict[str, Any]]) -> list[Edge]:
    """Flag evidence that is its document's title and list body sentences first."""
    marked = []
    for edge in edges:
        evidence = [replace(ev, headline=is_headline(ev, docs.get(ev.doc))) for ev in edge.evidence]
        evidence.sort(key=lambda ev: ev.headline)
        marked.append(replace(edge, evidence=tuple(evidence)))
    return marked


def is_headline(evidence: Evidence, doc: dict[str, Any] | None) -> bool:
    title = fold((doc or {}).get("title") or "")
    return bool(title) and fold(evidence.sentence) == title
