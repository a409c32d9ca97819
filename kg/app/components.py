"""Rendering pieces every page reuses: the graph widget, its legend, cards and quotes.

The graph is st-link-analysis (Cytoscape.js): node colour and shape come from the
ontology classes, size from mentions, edge width from weight. Clicks come back as
the component's value and are turned into a small ``GraphEvent`` here, so pages
never parse the component's wire format.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from kg.analytics import DocumentRef, EntityDetails, Quote
from kg.ontology import Ontology
from kg.subgraph import Edge, Subgraph

GRAPH_HEIGHT = 560


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


def edge_id(edge: Edge) -> str:
    return f"{edge.source}|{edge.type}|{edge.target}"


def rel_label(ontology: Ontology, rel_type: str) -> str:
    """The ontology's English label for a relationship type ("popular with")."""
    for prop in ontology.properties.values():
        if prop.rel_type == rel_type:
            return prop.label_en or rel_type
    return rel_type


def edge_text(edge: Edge, names: dict[str, str], ontology: Ontology) -> str:
    return (f"{names.get(edge.source, edge.source)} → {rel_label(ontology, edge.type)} → "
            f"{names.get(edge.target, edge.target)} ({edge.weight})")


def graph_elements(graph: Subgraph, ontology: Ontology) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements; sizes use square roots so one huge hub does not hide the rest."""
    top_mentions = max((n.mentions for n in graph.nodes), default=1) or 1
    top_weight = max((e.weight for e in graph.edges), default=1) or 1
    nodes = [
        {"data": {
            "id": n.id, "label": n.type, "name": n.name, "mentions": n.mentions,
            "aliases": ", ".join(n.aliases[:6]), "first_seen": n.first_seen,
            "last_seen": n.last_seen,
            "size": round(26 + 44 * math.sqrt(n.mentions / top_mentions), 1),
            "seed": "yes" if n.seed else "",
        }}
        for n in graph.nodes
    ]
    edges = [
        {"data": {
            "id": edge_id(e), "label": e.type, "source": e.source, "target": e.target,
            "caption": rel_label(ontology, e.type), "weight": e.weight, "documents": e.doc_count,
            "width": round(1 + 7 * math.sqrt(e.weight / top_weight), 1),
        }}
        for e in graph.edges
    ]
    return {"nodes": nodes, "edges": edges}


def graph_styles(ontology: Ontology) -> list[_Style]:
    styles = [
        # The component hides text under 10 px on screen; our graphs are small enough
        # for smaller labels to stay readable, so lower that threshold.
        _Style("node", {"label": "data(name)", "width": "data(size)", "height": "data(size)",
                        "font-size": 12, "text-valign": "bottom", "text-margin-y": 3,
                        "min-zoomed-font-size": 6}),
        _Style("node[seed = 'yes']", {"border-width": 3, "border-color": "#222222"}),
        _Style("edge", {"label": "data(caption)", "width": "data(width)", "font-size": 10,
                        "min-zoomed-font-size": 6,
                        "curve-style": "bezier", "target-arrow-shape": "triangle",
                        "text-rotation": "autorotate", "color": "#555555",
                        "text-background-opacity": 0}),
    ]
    for cls in ontology.classes.values():
        styles.append(_Style(f"node[label='{cls.name}']",
                             {"background-color": cls.color, "shape": cls.shape}))
    return styles


def render_graph(graph: Subgraph, ontology: Ontology, *, key: str) -> GraphEvent | None:
    """Draw the graph; return the newest user event, or None when there is none."""
    from st_link_analysis import Event, st_link_analysis

    value = st_link_analysis(
        graph_elements(graph, ontology), layout="cose", node_styles=graph_styles(ontology),
        height=GRAPH_HEIGHT, key=key, node_actions=["expand"],
        events=[Event("pick", "tap", "node, edge")],
    )
    if not isinstance(value, dict) or "action" not in value:
        return None
    data = value.get("data") or {}
    ids = tuple(data.get("node_ids") or ([data["target_id"]] if data.get("target_id") else []))
    return GraphEvent(action=str(value["action"]), ids=ids,
                      group=str(data.get("target_group") or "nodes"),
                      timestamp=int(value.get("timestamp") or 0))


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
    label = ontology.classes[type_].label_en if type_ in ontology.classes else type_
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


def render_quotes(found: list[Quote], *, empty: str = "No evidence sentence is stored.") -> None:
    """Each sentence as a quote, then where it comes from, so it can go on a slide as is."""
    if not found:
        st.info(empty)
        return
    for quote in found:
        doc = quote.doc
        where = " · ".join(x for x in (doc.title, doc.date, doc.platform, doc.lang) if x)
        link = f" · [source]({doc.url})" if doc.url else ""
        st.markdown(f"> {quote.sentence}\n\n<small>{where}{link}</small>",
                    unsafe_allow_html=True)


def links_frame(graph: Subgraph, ontology: Ontology) -> pd.DataFrame:
    """One row per link in the picture: the neighbour table strategists copy into notes."""
    names = graph.names
    types = {n.id: n.type for n in graph.nodes}
    rows = [
        {"from": names.get(e.source, e.source), "from type": types.get(e.source, ""),
         "relationship": rel_label(ontology, e.type), "to": names.get(e.target, e.target),
         "to type": types.get(e.target, ""), "weight": e.weight, "documents": e.doc_count,
         "first seen": e.first_seen, "last seen": e.last_seen}
        for e in graph.edges
    ]
    return pd.DataFrame(rows, columns=["from", "from type", "relationship", "to", "to type",
                                       "weight", "documents", "first seen", "last seen"])


def links_table(links: list[Any], ontology: Ontology) -> pd.DataFrame:
    """Linked entities (``kg.entities.Link``) as a small table for profile pages."""
    return pd.DataFrame(
        [{"name": link.name, "link": ", ".join(rel_label(ontology, t) for t in link.rel_types),
          "weight": link.weight, "docs": link.docs} for link in links],
        columns=["name", "link", "weight", "docs"],
    )
