"""The evidence panel under the canvas: the quotes behind the picked link or node.

The pick is a widget bound to the URL (``ev``), so a shared link opens on the
same evidence; a click on the canvas sets it before the widget is drawn, and the
picked element is highlighted on the canvas.
"""

from __future__ import annotations

import streamlit as st

from kg.app import components, state
from kg.app.components import GraphEvent
from kg.ontology import Ontology
from kg.proof import body_first
from kg.subgraph import Subgraph

PICK_KEY = "ev"
NONE = ""


def render_panel(uri: str, graph: Subgraph, ontology: Ontology, *,
                 event: GraphEvent | None) -> str:
    """Draw the picker and the quotes; return the picked element's id ("" for none)."""
    st.markdown("**Evidence**")
    names = graph.names
    edges = {e.id: e for e in graph.edges}
    nodes = {n.id: n for n in graph.nodes}
    labels = {NONE: "— click a node or a link in the graph, or pick one here —"}
    # No weights in the labels: the URL carries the label, and must survive a new ingest.
    labels |= {i: f"{names.get(e.source, e.source)} → {ontology.rel_label(e.type)} "
                  f"→ {names.get(e.target, e.target)}" for i, e in edges.items()}
    labels |= {i: f"{n.name} · {n.type}" for i, n in nodes.items()}
    if components.fresh_event(event, "pick") and event.ids and event.ids[0] in labels:
        st.session_state[PICK_KEY] = event.ids[0]
    picked = st.selectbox("Show evidence for", list(labels), format_func=labels.__getitem__,
                          key=PICK_KEY, bind="query-params")
    if picked in edges:
        edge = edges[picked]
        found = state.quotes(uri, tuple((ev.doc, ev.sentence) for ev in edge.evidence))
        st.caption(f"{labels[picked]} · weight {edge.weight} (supporting sentences)")
        components.render_quotes(body_first(found), key=f"ev:{picked}")
        if edge.doc_count > len(edge.evidence):
            st.caption(f"Showing the {len(edge.evidence)} stored sentences of "
                       f"{edge.doc_count} supporting documents.")
    elif picked in nodes:
        node = nodes[picked]
        touching = sorted((e for e in graph.edges if node.id in (e.source, e.target)),
                          key=lambda e: -e.weight)
        # One sentence often supports several links (Girl Math, Gen Z, TikTok): show it once.
        pairs = tuple(dict.fromkeys((ev.doc, ev.sentence) for e in touching
                                    for ev in e.evidence[:2]))[:8]
        st.caption(f"{node.name}: {node.mentions} mentions · first seen {node.first_seen or '—'}"
                   f" · last seen {node.last_seen or '—'}. Strongest links' sentences:")
        components.render_quotes(body_first(state.quotes(uri, pairs))[:5], key=f"ev:{picked}")
    return picked or NONE

