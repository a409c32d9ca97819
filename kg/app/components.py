"""Rendering pieces every page reuses: the graph widget, its legend, cards and quotes.

The graph is st-link-analysis (Cytoscape.js): node colour and shape come from the
ontology classes, size from mentions, edge width from weight. Clicks come back as
the component's value and are turned into a small ``GraphEvent`` here, so pages
never parse the component's wire format.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeGuard

import pandas as pd
import streamlit as st

from kg.analytics import DocumentRef, EntityDetails, Quote
from kg.layout import positions
from kg.ontology import Ontology
from kg.subgraph import Edge, Subgraph

GRAPH_HEIGHT = 600
PICKED = "#FF7F11"


@dataclass(frozen=True, slots=True)
class GraphEvent:
    """What the user did in the graph: picked a node/edge, or asked to expand nodes."""

    action: str
    ids: tuple[str, ...]
    group: str
    timestamp: int


class _Style:
    """A raw Cytoscape style rule; st-link-analysis only needs ``dump()``."""

    def __init__(self, selector: str, style: dict[str, Any]) -> None:
        self.selector, self.style = selector, style

    def dump(self) -> dict[str, Any]:
        return {"selector": self.selector, "style": self.style}


def edge_text(edge: Edge, names: dict[str, str], ontology: Ontology) -> str:
    return (f"{names.get(edge.source, edge.source)} → {ontology.rel_label(edge.type)} → "
            f"{names.get(edge.target, edge.target)} ({edge.weight})")


def node_size(mentions: int, top: int) -> float:
    """Square roots, so one huge hub does not hide the rest."""
    return round(26 + 44 * math.sqrt(mentions / (top or 1)), 1)


def graph_elements(
    graph: Subgraph, ontology: Ontology, *, points: dict[str, tuple[float, float]] | None = None,
    picked: str = "",
) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements, placed at ``points``; ``picked`` (an edge or node id) is highlighted.

    Elements are not selectable: the component's raw data panel (internal ids and
    every property) never opens, and taps still reach the app as events.
    """
    top_mentions = max((n.mentions for n in graph.nodes), default=1) or 1
    top_weight = max((e.weight for e in graph.edges), default=1) or 1
    points = points or {}
    nodes = []
    for n in graph.nodes:
        x, y = points.get(n.id, (0.0, 0.0))
        nodes.append({
            "data": {"id": n.id, "label": n.type, "name": n.name, "mentions": n.mentions,
                     "size": node_size(n.mentions, top_mentions),
                     "seed": "yes" if n.seed else "", "picked": "yes" if n.id == picked else ""},
            "position": {"x": x, "y": y}, "selectable": False,
        })
    edges = [
        {"data": {
            "id": e.id, "label": e.type, "source": e.source, "target": e.target,
            "caption": ontology.rel_label(e.type), "weight": e.weight,
            "width": round(1 + 7 * math.sqrt(e.weight / top_weight), 1),
            "picked": "yes" if e.id == picked else "",
        }, "selectable": False}
        for e in graph.edges
    ]
    return {"nodes": nodes, "edges": edges}


def graph_styles(ontology: Ontology) -> list[_Style]:
    styles = [
        # Sizes are model units, the same the layout reserves room for; the component hides
        # text under 10 px on screen by default, lowered so a fitted graph keeps its labels.
        _Style("node", {"label": "data(name)", "width": "data(size)", "height": "data(size)",
                        "font-size": 12, "text-valign": "bottom", "text-margin-y": 3,
                        "min-zoomed-font-size": 5}),
        _Style("node[seed = 'yes']", {"border-width": 3, "border-color": "#222222"}),
        _Style("edge", {"width": "data(width)", "curve-style": "bezier",
                        "target-arrow-shape": "triangle", "line-opacity": 0.75}),
        # A cluster's name sits under it on one line, like every label the layout makes
        # room for (kg.layout.label_box); inside the circle a long name was cut off.
        _Style("node[label = 'Cluster']", {"background-color": "#6C5B7B", "shape": "ellipse",
                                           "font-weight": "bold"}),
    ]
    for cls in ontology.classes.values():
        styles.append(_Style(f"node[label='{cls.name}']",
                             {"background-color": cls.color, "shape": cls.shape}))
    styles += [
        _Style("edge[picked = 'yes']", {"line-color": PICKED, "target-arrow-color": PICKED,
                                        "line-opacity": 1, "width": 9, "label": "data(caption)",
                                        "font-size": 12, "color": "#222222",
                                        "text-rotation": "autorotate",
                                        "text-background-opacity": 0.8,
                                        "text-background-color": "#ffffff"}),
        _Style("node[picked = 'yes']", {"border-width": 5, "border-color": PICKED}),
    ]
    return styles


def render_graph(
    graph: Subgraph, ontology: Ontology, *, key: str, picked: str = "", around: str | None = None,
) -> GraphEvent | None:
    """Draw the graph at positions kept per ``key``; return the newest user event, or None.

    Nodes already on screen keep their places when the graph grows (``around`` is
    the node whose neighbours were just added), and the canvas fits the drawing.
    """
    from st_link_analysis import Event, st_link_analysis

    points = _points(graph, key, around)
    layout = {"name": "preset", "positions": {i: {"x": x, "y": y} for i, (x, y) in points.items()},
              "fit": True, "padding": 30, "animate": False}
    value = st_link_analysis(
        graph_elements(graph, ontology, points=points, picked=picked), layout=layout,
        node_styles=graph_styles(ontology), height=GRAPH_HEIGHT, key=key,
        events=[Event("pick", "tap", "node, edge"), Event("grow", "dbltap", "node")],
    )
    return graph_event(value)


def _points(graph: Subgraph, key: str, around: str | None) -> dict[str, tuple[float, float]]:
    store_key = f"positions:{key}"
    previous: dict[str, tuple[float, float]] = st.session_state.get(store_key) or {}
    wanted = {n.id for n in graph.nodes}
    if set(previous) == wanted:
        return previous
    top = max((n.mentions for n in graph.nodes), default=1) or 1
    points = positions({n.id: (n.name, node_size(n.mentions, top)) for n in graph.nodes},
                       [(e.source, e.target, e.weight) for e in graph.edges],
                       previous={i: p for i, p in previous.items() if i in wanted},
                       around=around)
    st.session_state[store_key] = points
    return points


def graph_event(value: Any) -> GraphEvent | None:
    """The component's value (or its session-state copy) as a GraphEvent."""
    if not isinstance(value, dict) or "action" not in value:
        return None
    data = value.get("data") or {}
    ids = tuple(data.get("node_ids") or ([data["target_id"]] if data.get("target_id") else []))
    return GraphEvent(action=str(value["action"]), ids=ids,
                      group=str(data.get("target_group") or "nodes"),
                      timestamp=int(value.get("timestamp") or 0))


def fresh_event(event: GraphEvent | None, action: str) -> TypeGuard[GraphEvent]:
    """True once per new ``action`` event: Streamlit hands the last event back on every
    rerun, so the timestamp seen last is kept in the session to act on each click once."""
    if event is None or event.action != action:
        return False
    seen = f"seen:{action}"
    if st.session_state.get(seen) == event.timestamp:
        return False
    st.session_state[seen] = event.timestamp
    return True


def render_legend(types: list[str], ontology: Ontology) -> None:
    """Colour and shape per class, only for the classes on screen."""
    items = []
    for name in types:
        cls = ontology.classes.get(name)
        color, shape = (cls.color, cls.shape) if cls else ("#888888", "ellipse")
        label = cls.label_en if cls else name
        items.append(
            f"<span style='white-space:nowrap;margin-right:14px'>"
            f"<span style='display:inline-block;width:11px;height:11px;background:{color};"
            f"border-radius:{'50%' if shape == 'ellipse' else '2px'};margin-right:4px'></span>"
            f"{label} <span style='color:#888'>({shape})</span></span>"
        )
    st.markdown("".join(items), unsafe_allow_html=True)


def type_badge(type_: str, ontology: Ontology) -> str:
    color = ontology.color(type_)
    label = ontology.class_label(type_)
    return (f"<span style='background:{color};color:white;padding:2px 8px;border-radius:8px;"
            f"font-size:0.85em'>{label}</span>")


def render_entity_card(details: EntityDetails, ontology: Ontology) -> None:
    st.markdown(f"### {details.name} &nbsp; {type_badge(details.type, ontology)}",
                unsafe_allow_html=True)
    if details.aliases:
        st.caption("Also written: " + " · ".join(details.aliases))
    cols = st.columns(4)
    cols[0].metric("Mentions", details.mentions)
    cols[1].metric("Documents", details.document_count)
    cols[2].metric("First seen", details.first_seen or "—")
    cols[3].metric("Last seen", details.last_seen or "—")


def documents_frame(docs: tuple[DocumentRef, ...] | list[DocumentRef]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"date": d.date, "title": d.title, "platform": d.platform, "lang": d.lang,
          "kind": d.kind, "mentions": d.count, "link": d.url or None} for d in docs],
        columns=["date", "title", "platform", "lang", "kind", "mentions", "link"],
    )


def render_documents(docs: tuple[DocumentRef, ...] | list[DocumentRef]) -> None:
    st.dataframe(documents_frame(docs), hide_index=True, width="stretch",
                 column_config={"link": st.column_config.LinkColumn("link", display_text="open")})


def render_quotes(found: list[Quote], *, key: str = "quotes",
                  empty: str = "No evidence sentence is stored.") -> None:
    """Each sentence as a quote, where it comes from, and a button to read the whole document."""
    from kg.app.navigation import open_page

    if not found:
        st.info(empty)
        return
    for n, quote in enumerate(found):
        doc = quote.doc
        where = " · ".join(x for x in (doc.title, doc.date, doc.platform, doc.lang) if x)
        link = f" · [source]({doc.url})" if doc.url else ""
        st.markdown(f"> {quote.sentence}\n\n<small>{where}{link}</small>",
                    unsafe_allow_html=True)
        st.button("Read the document", key=f"read:{key}:{n}", on_click=open_page,
                  args=("Document", None, {"doc": doc.id}), type="tertiary",
                  icon=":material/article:")


def links_frame(graph: Subgraph, ontology: Ontology) -> pd.DataFrame:
    """One row per link in the picture: the neighbour table strategists copy into notes."""
    names = graph.names
    types = {n.id: n.type for n in graph.nodes}
    rows = [
        {"from": names.get(e.source, e.source), "from type": types.get(e.source, ""),
         "relationship": ontology.rel_label(e.type), "to": names.get(e.target, e.target),
         "to type": types.get(e.target, ""), "weight": e.weight, "documents": e.doc_count,
         "first seen": e.first_seen, "last seen": e.last_seen}
        for e in graph.edges
    ]
    return pd.DataFrame(rows, columns=["from", "from type", "relationship", "to", "to type",
                                       "weight", "documents", "first seen", "last seen"])


def links_table(links: list[Any], ontology: Ontology) -> pd.DataFrame:
    """Linked entities (``kg.entities.Link``) as a small table for profile pages."""
    return pd.DataFrame(
        [{"name": link.name, "link": ", ".join(ontology.rel_label(t) for t in link.rel_types),
          "weight": link.weight, "docs": link.docs} for link in links],
        columns=["name", "link", "weight", "docs"],
    )


def clicked_point(event: Any, selection: str) -> dict[str, Any] | None:
    """The first point of ``selection`` in a chart's ``on_select`` event, or None."""
    try:
        points = event["selection"][selection]
    except (KeyError, TypeError):
        return None
    return points[0] if points else None


def clicked_day(value: Any) -> str:
    """A clicked temporal value as an ISO day (Vega gives epoch milliseconds, or a string)."""
    if isinstance(value, int | float):
        return (date(1970, 1, 1) + timedelta(milliseconds=value)).isoformat()
    return str(value)[:10]
