"""Select the part of the graph a strategist looks at, the same way everywhere.

The app's neighbourhood view, the CLI export and the app's export panel all go
through ``select`` (seeds + hops + filters + node cap) or ``from_query`` (a
read-only Cypher result), so a slide always shows what the screen showed. What a
link means (strength, hubs, background links) is decided in ``kg.linkstats``.
"""

from __future__ import annotations

from kg.subgraph.model import LINKS_PER_NODE, PER_NODE, Edge, Evidence, Node, Selection, Subgraph
from kg.subgraph.query_graph import from_query
from kg.subgraph.ranking import cap, rank_edges
from kg.subgraph.sources import DateRange, date_range, documents
from kg.subgraph.walk import select

__all__ = ["LINKS_PER_NODE", "PER_NODE", "DateRange", "Edge", "Evidence", "Node", "Selection",
           "Subgraph", "cap", "date_range", "documents", "from_query", "rank_edges", "select"]
