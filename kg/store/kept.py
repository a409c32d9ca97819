"""Small things a store keeps besides the graph: saved views, and stored figures.

Stored figures are graph-wide results computed once after a load (the landscape's
clusters) and read by every page view after it: at a million links, computing the
landscape is 6-8 s of work, reading it back one node. Each is kept with the
``version`` of the graph it was computed from, so a reader knows when it is stale
(any later write bumps the version) and recomputes instead of showing old figures.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import Any

from kg.ontology import Ontology
from kg.store import cypher
from kg.store.results import QueryResult, SavedView, Statement

FIGURES_PREFIX = "figures:"
"""Stored figures are nodes of the store's state label, ``id`` = this prefix + name."""

SAVE_FIGURES = """
MERGE (s:{label} {{id: $id}})
SET s.of_version = $version, s.payload = $payload"""

FIGURES = """
MATCH (s:{label} {{id: $id}})
RETURN s.of_version AS version, s.payload AS payload"""


class Kept:
    """Saved views and stored figures, through a store's own write and read primitives."""

    ontology: Ontology

    @abstractmethod
    def _run_batch(self, statements: Sequence[Statement]) -> None: ...

    @abstractmethod
    def _read(self, cypher_text: str, params: dict[str, Any], *, limit: int,
              timeout: float) -> QueryResult: ...

    # -- saved views: small nodes of the ontology's view label, one per name ------------
    def save_view(self, name: str, query: str, *, saved: str = "") -> None:
        """Store (or replace) the view called ``name``; kept until deleted or reset."""
        label = self.ontology.check_label(self.ontology.meta.view_label)
        self._run_batch([(cypher.save_view(label),
                          {"name": name, "query": query, "saved": saved})])

    def saved_views(self) -> list[SavedView]:
        label = self.ontology.check_label(self.ontology.meta.view_label)
        rows = self._read(cypher.saved_views(label), {}, limit=10_000, timeout=30.0)
        return [SavedView(r["name"], r["query"] or "", r["saved"] or "") for r in rows.dicts()]

    def delete_view(self, name: str) -> bool:
        """Remove the view called ``name``; False when there was none."""
        if not any(view.name == name for view in self.saved_views()):
            return False
        label = self.ontology.check_label(self.ontology.meta.view_label)
        self._run_batch([(cypher.delete_view(label), {"name": name})])
        return True

    # -- stored figures -----------------------------------------------------------------
    def save_figures(self, name: str, version: str, payload: str) -> None:
        """Keep ``payload`` (text, e.g. JSON) as figures ``name`` computed at ``version``;
        the graph's version is not bumped (the graph did not change)."""
        label = self.ontology.check_label(self.ontology.meta.state_label)
        self._run_batch([(SAVE_FIGURES.format(label=label), {
            "id": FIGURES_PREFIX + name, "version": version, "payload": payload})])

    def figures(self, name: str) -> tuple[str, str] | None:
        """(version, payload) of the figures ``name``, or None if never saved."""
        label = self.ontology.check_label(self.ontology.meta.state_label)
        row = self._read(FIGURES.format(label=label), {"id": FIGURES_PREFIX + name},
                         limit=1, timeout=60.0).first()
        return (str(row["version"]), str(row["payload"])) if row and row["payload"] else None
