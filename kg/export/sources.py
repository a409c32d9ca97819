"""Where each quote comes from: document metadata for the evidence of a subgraph.

Exports are pure functions of a subgraph; the store is only asked, once, for the
titles, dates and URLs of the documents behind the shown links, so a slide's
notes and a spreadsheet can cite their sources. Without a store, the document id
is the citation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.store import GraphStore
from kg.subgraph import Edge, Subgraph, documents, rank_edges

Docs = dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Quote:
    edge: Edge
    doc: str
    sentence: str
    title: str = ""
    date: str = ""
    url: str = ""
    platform: str = ""
    headline: bool = False  # the sentence is its document's title: claimed, not told

    def citation(self) -> str:
        """"Title, 2024-05-01, https://…" or the document id when nothing else is known."""
        parts = [p for p in (self.title, self.platform, self.date, self.url) if p]
        return ", ".join(parts) if parts else self.doc


def load_documents(subgraph: Subgraph, store: GraphStore | None) -> Docs:
    """Metadata of every document cited by the subgraph's links (empty without a store)."""
    if store is None:
        return {}
    ids = [d for e in subgraph.edges for d in (*e.docs, *(ev.doc for ev in e.evidence))]
    return documents(store, ids)


def quotes(subgraph: Subgraph, docs: Docs) -> list[Quote]:
    """One row per evidence sentence, best links first (kg.subgraph's order: stated links,
    body-backed ones, not leaning on a hub, strongest)."""
    rows = []
    for edge in rank_edges(subgraph):
        for ev in edge.evidence:
            meta = docs.get(ev.doc) or {}
            rows.append(Quote(
                edge=edge, doc=ev.doc, sentence=" ".join(ev.sentence.split()),
                title=meta.get("title") or "", date=meta.get("date") or "",
                url=meta.get("url") or "", platform=meta.get("platform") or "",
                headline=ev.headline,
            ))
    return rows


def top_edges(subgraph: Subgraph, limit: int | None = None) -> list[Edge]:
    ranked = rank_edges(subgraph)
    return ranked if limit is None else ranked[:limit]
