"""The explorer's export panel: download exactly the view on screen, in any format.

It only parses the user's choices and renders a download button; the bytes come
from ``kg.export.export_bytes``, the function behind ``trendgraph export``, so a
file downloaded here equals the CLI's for the same selection (CSV comes zipped,
as the browser downloads one file).
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from kg.errors import TrendgraphError
from kg.export import FORMATS, default_title, export_bytes, file_name
from kg.store import GraphStore
from kg.subgraph import Subgraph

PICTURE_FORMATS = ("pptx", "png", "svg")


def _stem(title: str, day: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "trendgraph"
    return f"{slug[:60]}-{day}"


@st.cache_data(show_spinner="Preparing the export…", max_entries=32)
def _bytes(
    subgraph: Subgraph, fmt: str, title: str, day: str, edge_labels: bool, links_table: bool,
    stem: str, store_location: str, _store: GraphStore | None,
) -> bytes:
    """Cached per view and options; ``store_location`` keys the cache, ``_store`` is unhashed."""
    return export_bytes(subgraph, fmt, title=title or None, store=_store, date=day,
                        edge_labels=edge_labels, links_table=links_table, stem=stem)


def render_export_panel(
    subgraph: Subgraph, *, store: GraphStore | None, key: str = "export"
) -> None:
    """A format picker, a few slide options and a download button for ``subgraph``."""
    if not subgraph.nodes:
        st.info("Nothing to export yet: pick an entity to show its neighbourhood.")
        return
    names = list(FORMATS)
    fmt = st.selectbox("Export format", names, format_func=lambda f: FORMATS[f].label,
                       key=f"{key}-format")
    title = st.text_input("Title", value=default_title(subgraph), key=f"{key}-title")
    edge_labels = links_table = False
    if fmt in PICTURE_FORMATS:
        edge_labels = st.checkbox("Label the links with their type", key=f"{key}-labels")
    if fmt == "pptx":
        links_table = st.checkbox("Add a slide with the top links", key=f"{key}-table")
    day = dt.date.today().isoformat()
    stem = _stem(title, day)
    try:
        data = _bytes(subgraph, fmt, title, day, edge_labels, links_table, stem,
                      getattr(store, "location", ""), store)
    except TrendgraphError as exc:
        st.error(f"This view cannot be exported as {fmt}: {exc}")
        return
    st.download_button(
        f"Download {FORMATS[fmt].label}", data=data, file_name=file_name(fmt, stem),
        mime=FORMATS[fmt].mime, key=f"{key}-download", on_click="ignore",
        icon=":material/download:",
    )
    shown = f"{len(subgraph.nodes)} entities, {len(subgraph.edges)} links"
    if subgraph.omitted_nodes:
        shown += f" ({subgraph.omitted_nodes} more not shown)"
    st.caption(f"{shown}. The same file as `trendgraph export --format {fmt}` for this "
               "selection.")
