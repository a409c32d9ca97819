"""Explore: search an entity, read its card, walk its neighbourhood, read the proof.

The page answers "what is this, what is it linked to, and who says so" in one
screen: type-ahead search, the entity card, the filtered neighbourhood graph
with an evidence panel beside it, and the table of links under it.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from datetime import date

import streamlit as st

from kg.app import components, state
from kg.app.navigation import open_page
from kg.export.selection import until_bound
from kg.ontology import Ontology
from kg.search import EntityHit, search
from kg.subgraph import Selection, Subgraph

EXAMPLES = 6


def render(uri: str) -> None:
    st.title("Explore")
    index = state.entity_index(uri)
    query = st.text_input(
        "Search an entity", key="q", placeholder="Mermaidcore, Gen Z, CrowdStrike, #girlmath…",
        help="Names and aliases, any case or accent; hashtags work too.",
        live="300ms", bind="query-params",
    )
    if not query.strip():
        _examples(uri)
        return
    hits = search(index, query, limit=8)
    if not hits:
        st.info(f"No entity matches “{query}”. Check the spelling, try an alias or a hashtag, "
                "or browse the most mentioned entities below.")
        _examples(uri)
        return
    hit = _pick(hits, query)
    ontology = state.store(uri).ontology
    details = state.details(uri, hit.id)
    components.render_entity_card(details, ontology)
    _shortcuts(hit)
    graph = _neighbourhood(uri, hit, ontology)
    with st.expander(f"Documents mentioning {details.name} ({details.document_count})"):
        components.render_documents(details.documents)
    _export_panel(uri, graph)


def _examples(uri: str) -> None:
    top = sorted(state.entity_index(uri).entities, key=lambda h: -h.mentions)[:EXAMPLES]
    if not top:
        return
    st.caption("Most mentioned in this graph:")
    cols = st.columns(len(top))
    for col, hit in zip(cols, top, strict=True):
        col.button(hit.name, key=f"example:{hit.id}", on_click=_set_query, args=(hit.name,))


def _set_query(text: str) -> None:
    st.session_state["q"] = text


def _pick(hits: list[EntityHit], query: str) -> EntityHit:
    if len(hits) == 1:
        return hits[0]
    chosen = st.radio(
        "Matches", options=range(len(hits)), horizontal=True, key=f"match:{query.strip()}",
        format_func=lambda i: f"{hits[i].name} · {hits[i].type}",
    )
    return hits[chosen or 0]


def _shortcuts(hit: EntityHit) -> None:
    if hit.type == "Trend":
        st.button("Open the trend profile", on_click=open_page,
                  args=("Trend profile", {"trend_id": hit.id}))
    elif hit.type == "Brand":
        st.button("Open the brand view", on_click=open_page,
                  args=("Brand view", {"brand_id": hit.id}))


def _filters(uri: str, ontology: Ontology) -> Selection:
    facets = state.facets(uri)
    with st.expander("Graph filters", expanded=False):
        c1, c2, c3 = st.columns(3)
        node_types = c1.multiselect("Node types", list(ontology.entity_types), key="f_types",
                                    help="Empty = all types.")
        rel_types = c2.multiselect("Relationship types",
                                   list(ontology.entity_relationship_types), key="f_rels")
        min_weight = c3.slider("Minimum weight (sentences)", 1, 10, 1, key="f_weight")
        c4, c5, c6 = st.columns(3)
        langs = c4.multiselect("Language", list(facets.langs), key="f_langs")
        platforms = c5.multiselect("Source / platform", list(facets.platforms), key="f_platforms")
        period = _period(c6, facets.first, facets.last)
        c7, c8 = st.columns(2)
        hops = c7.radio("Hops", [1, 2], horizontal=True, key="f_hops",
                        help="Two hops around a hub can take a few seconds on a large graph.")
        max_nodes = c8.slider("Nodes shown at most", 10, 150, 40, step=10, key="f_max")
    since, until = period
    return Selection(
        node_types=frozenset(node_types), rel_types=frozenset(rel_types), min_weight=min_weight,
        since=since, until=until, langs=frozenset(langs), platforms=frozenset(platforms),
        hops=hops, max_nodes=max_nodes,
    )


def _period(column, first: date | None, last: date | None) -> tuple[str, str]:
    if first is None or last is None:
        column.caption("No dated documents: the date filter is off.")
        return "", ""
    picked = column.date_input("Date range", value=(first, last), min_value=first,
                               max_value=last, key="f_period")
    if isinstance(picked, tuple) and len(picked) == 2:
        since, until = picked
        if (since, until) != (first, last):
            return since.isoformat(), until_bound(until.isoformat())
    return "", ""


def _neighbourhood(uri: str, hit: EntityHit, ontology: Ontology) -> Subgraph:
    filters = _filters(uri, ontology)
    expanded_key = f"expanded:{hit.id}"
    expanded: list[str] = st.session_state.setdefault(expanded_key, [])
    graph = state.neighbourhood(uri, replace(filters, seeds=(hit.id, *expanded)))
    st.subheader("Neighbourhood")
    if not graph.edges:
        st.info(f"{hit.name} has no links that pass these filters. Loosen the filters above, "
                "or read the documents that mention it below.")
        return graph
    components.render_legend(sorted({n.type for n in graph.nodes}), ontology)
    left, right = st.columns([3, 2])
    with left:
        # Filters and focus remount the widget so the layout restarts; expansions keep it,
        # so the component can animate the new neighbours in.
        key = f"graph:{hash((hit.id, filters))}"
        event = components.render_graph(graph, ontology, key=key)
        shown = f"{len(graph.nodes)} nodes, {len(graph.edges)} links shown"
        if graph.omitted_nodes:
            shown += f" · {graph.omitted_nodes} more not shown (raise the node cap or filter)"
        st.caption(shown + " · double-click a node to add its neighbours.")
        _expand_controls(graph, expanded_key, expanded)
    with right:
        _evidence_panel(uri, graph, ontology, event, key)
    if event and event.action == "expand":
        fresh = [i for i in event.ids if i not in expanded and i != hit.id]
        if fresh and st.session_state.get("graph_ts") != event.timestamp:
            st.session_state["graph_ts"] = event.timestamp
            expanded.extend(fresh)
            st.rerun()
    st.markdown("**Links in the picture**")
    st.dataframe(components.links_frame(graph, ontology), hide_index=True, width="stretch")
    return graph


def _expand_controls(graph: Subgraph, expanded_key: str, expanded: list[str]) -> None:
    candidates = [n for n in graph.nodes if not n.seed]
    if not candidates:
        return
    c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
    names = {n.id: f"{n.name} · {n.type}" for n in candidates}
    target = c1.selectbox("Add the neighbours of", list(names), format_func=names.get,
                          key=f"expand_pick:{expanded_key}")
    if c2.button("Expand", key=f"expand:{expanded_key}") and target not in expanded:
        expanded.append(target)
        st.rerun()
    if expanded and c3.button("Reset", key=f"reset:{expanded_key}"):
        st.session_state[expanded_key] = []
        st.rerun()


def _evidence_panel(uri: str, graph: Subgraph, ontology: Ontology, event, key: str) -> None:
    st.markdown("**Evidence**")
    names = graph.names
    edges = {components.edge_id(e): e for e in graph.edges}
    nodes = {n.id: n for n in graph.nodes}
    labels = {"": "— click a node or a link in the graph, or pick one here —"}
    labels |= {i: components.edge_text(e, names, ontology) for i, e in edges.items()}
    labels |= {i: f"{n.name} · {n.type}" for i, n in nodes.items()}
    pick_key = f"evidence:{key}"
    fresh = event is not None and st.session_state.get("pick_ts") != event.timestamp
    if fresh and event.action == "pick" and event.ids and event.ids[0] in labels:
        st.session_state["pick_ts"] = event.timestamp
        st.session_state[pick_key] = event.ids[0]
    picked = st.selectbox("Show evidence for", list(labels), format_func=labels.get,
                          key=pick_key)
    if picked in edges:
        edge = edges[picked]
        st.caption(f"{labels[picked]} · weight = supporting sentences · "
                   f"{len(edge.docs)} document(s)")
        found = state.quotes(uri, tuple((ev.doc, ev.sentence) for ev in edge.evidence))
        components.render_quotes(sorted(found, key=lambda q: q.doc.date, reverse=True))
        if len(edge.docs) > len(edge.evidence):
            st.caption(f"Showing the {len(edge.evidence)} stored sentences of "
                       f"{len(edge.docs)} supporting documents.")
    elif picked in nodes:
        node = nodes[picked]
        touching = sorted((e for e in graph.edges if node.id in (e.source, e.target)),
                          key=lambda e: -e.weight)
        # One sentence often supports several links (Girl Math, Gen Z, TikTok): show it once.
        pairs = tuple(dict.fromkeys((ev.doc, ev.sentence) for e in touching
                                    for ev in e.evidence[:2]))[:5]
        st.caption(f"{node.name}: {node.mentions} mentions · first seen {node.first_seen or '—'}"
                   f" · last seen {node.last_seen or '—'}. Strongest links' sentences:")
        components.render_quotes(state.quotes(uri, pairs))


def _export_panel(uri: str, graph: Subgraph) -> None:
    """Hook for the export panel (issue 6): the view on screen, as slides, pictures, tables."""
    if not graph.nodes or importlib.util.find_spec("kg.app.export_panel") is None:
        return
    from kg.app.export_panel import render_export_panel

    with st.expander("Export this view (slides, pictures, tables, Gephi, RDF)"):
        render_export_panel(graph, store=state.store(uri), key="explore-export")
