"""Choosing an entity of one class on a page, with a useful message when there is none."""

from __future__ import annotations

import streamlit as st

from kg.app import state


def pick_entity(uri: str, type_: str, *, key: str, label: str) -> str | None:
    """A selectbox of the class's entities, most mentioned first; None (and a hint) if empty.

    A value preset by another page (``st.session_state[key]``) is kept when it
    exists; anything else falls back to the most mentioned entity.
    """
    hits = state.entities_of(uri, type_)
    if not hits:
        st.info(f"No {label.lower()} in this graph yet. Ingest articles or posts that mention "
                f"some (Ingest page, or `trendgraph ingest data/`).")
        return None
    names = {h.id: f"{h.name} ({h.mentions} mentions)" for h in hits}
    if st.session_state.get(key) not in names:
        st.session_state[key] = hits[0].id
    return st.selectbox(label, list(names), format_func=names.get, key=key)
