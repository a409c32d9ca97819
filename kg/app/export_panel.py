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
    stem: str, store_location: str, _store: GraphStore | None, template: bytes | None = None,
) -> bytes:
    """Cached per view and options; ``store_location`` keys the cache, ``_store`` is unhashed."""
    return export_bytes(subgraph, fmt, title=title or None, store=_store, date=day,
                        edge_labels=edge_labels, links_table=links_table, stem=stem,
                        template=template)


def render_export_panel(
    subgraph: Subgraph, *, store: GraphStore | None, key: str = "export"
) -> None:
    """A format picker, a few slide options and a download button for ``subgraph``."""
    if not subgraph.nodes:
        st.info("Nothing to export yet: pick an entity to show its neighbourhood.")
        return
    names = [f for f in FORMATS if f != "story"]  # the story has its own button below
    fmt = st.selectbox("Export format", names, format_func=lambda f: FORMATS[f].label,
                       key=f"{key}-format")
    title = st.text_input("Title", value=default_title(subgraph), key=f"{key}-title")
    edge_labels = links_table = False
    if fmt in PICTURE_FORMATS:
        edge_labels = st.checkbox("Label the links with their type", value=True,
                                  key=f"{key}-labels")
    if fmt == "pptx":
        links_table = st.checkbox("Add a slide with the top links", key=f"{key}-table")
    template = None
    if fmt == "pptx":
        template = _template(key)
    day = dt.date.today().isoformat()
    stem = _stem(title, day)
    try:
        data = _bytes(subgraph, fmt, title, day, edge_labels, links_table, stem,
                      getattr(store, "location", ""), store, template)
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
    _story(subgraph, store, day=day, stem=stem, template=template, key=key)


def _template(key: str) -> bytes | None:
    upload = st.file_uploader("Client template (.pptx, optional)", type=["pptx", "potx"],
                              key=f"{key}-template",
                              help="Its slide master, theme fonts, colours and logo are used.")
    return upload.getvalue() if upload is not None else None


def _story(subgraph: Subgraph, store: GraphStore | None, *, day: str, stem: str,
           template: bytes | None, key: str) -> None:
    """The story deck of the view's seed: built on request, then downloaded."""
    seeds = [n for n in subgraph.nodes if n.seed]
    if not seeds or store is None:
        return
    st.divider()
    if not st.toggle(f"Story deck for {seeds[0].name}: overview, audiences, brands, people, "
                     "weekly mentions, affinity, quotes, sources", key=f"{key}-story"):
        return
    try:
        data = _bytes(subgraph, "story", "", day, True, False, f"{stem}-story",
                      getattr(store, "location", ""), store, template)
    except TrendgraphError as exc:
        st.error(f"No story deck for this view: {exc}")
        return
    st.download_button(
        "Download the story deck (.pptx)", data=data, file_name=f"{stem}-story.pptx",
        mime=FORMATS["story"].mime, key=f"{key}-story-download", on_click="ignore",
        icon=":material/slideshow:", type="primary",
    )
    st.caption("The same file as `trendgraph export --story` for this selection.")
