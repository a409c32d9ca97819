"""The sidebar: page choice, which store is in use, and whether it can be read at all.

Opening the store is the first thing that can fail (a wrong path, Neo4j down),
so it happens here once, and a failure becomes a message with the fix instead
of a traceback on every page.
"""

from __future__ import annotations

import streamlit as st

from kg.app import state
from kg.app.navigation import PAGE_KEY, PAGES
from kg.queries import DOCUMENT, ENTITY
from kg.secrets import redact_uri, scrub
from kg.store import StoreStats


def render_pages() -> str:
    st.sidebar.title("trendgraph")
    st.sidebar.caption("Cultural trends, the audiences and brands around them, with the quotes.")
    return st.sidebar.radio("Page", PAGES, key=PAGE_KEY, bind="query-params")


def open_store_or_explain(uri: str) -> tuple[str, StoreStats] | None:
    """The graph key (``state.graph_key``) and stats of the store, or None after telling
    the user what failed and how to fix it."""
    try:
        if ensure_alive := getattr(state.store(uri), "ensure_alive", None):
            ensure_alive()  # a dead embedded server is restarted now, and said so below
        key = state.graph_key(uri)
        stats = state.stats(key)
    except Exception as exc:  # any driver or OS failure: the user needs the message, not a trace
        st.sidebar.error("Store unreachable")
        st.error(f"Cannot open the graph store `{redact_uri(uri)}`: {scrub(str(exc))}")
        st.info(
            "Check that the path is writable (embedded store) or that the server is running "
            "and reachable (`falkordb://host:port`, `bolt://…` with NEO4J_PASSWORD set). "
            "Choose another store with `trendgraph app --store URI` or the TRENDGRAPH_STORE "
            "variable, then reload this page."
        )
        return None
    entities = stats.labels.get(ENTITY, 0)
    documents = stats.labels.get(DOCUMENT, 0)
    entity_types = set(state.store(uri).ontology.entity_relationship_types)
    links = sum(n for t, n in stats.types.items() if t in entity_types)
    for notice in getattr(state.store(uri), "notices", []):
        st.sidebar.warning(notice)
    st.sidebar.markdown(f"**Store** `{stats.location}`  \n{stats.backend}")
    st.sidebar.caption(f"{entities:,} entities · {documents:,} documents · {links:,} links")
    st.sidebar.button("Refresh data", on_click=state.refresh,
                      help="Read the whole store again (pages already show every write).")
    return key, stats


def is_empty(stats: StoreStats) -> bool:
    return stats.labels.get(ENTITY, 0) == 0
