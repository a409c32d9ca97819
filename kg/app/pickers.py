"""Choosing an entity of one class on a page, with a useful message when there is none."""

from __future__ import annotations

import streamlit as st

from kg.app import state, urlstate


def pick_entity(uri: str, type_: str, *, param: str, label: str) -> str | None:
    """A selectbox of the class's entities, most mentioned first; None (and a hint) if empty.

    The chosen id is the URL parameter ``param`` (``?trend=trend:mermaidcore``),
    written even for the default, so a shared URL names its entity; an id the
    graph no longer holds falls back to the most mentioned entity.
    """
    hits = state.entities_of(uri, type_)
    if not hits:
        st.info(f"No {label.lower()} in this graph yet. Ingest articles or posts that mention "
                f"some (Ingest page, or `trendgraph ingest data/`).")
        return None
    names = {h.id: h.name for h in hits}
    return urlstate.choice(label, list(names), param=param, format_func=lambda k: names.get(k, k),
                           help="Most mentioned first; type to search.")
