"""Explore: search an entity (or open a cluster), walk its neighbourhood, read the proof.

With nothing picked, the page shows the landscape's cluster map; a click opens
that cluster. With an entity, it shows the card, the filtered neighbourhood on
a full-width canvas, the evidence for the picked link under it, and the table
of links. Every choice is in the URL (query parameters), so the view can be
shared; neighbours added with "Expand" are kept there too (``exp``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

import streamlit as st

from kg.app import components, evidence, hubs, landscape, link_options, state
from kg.app.navigation import open_page
from kg.ontology import Ontology, load_ontology
from kg.search import EntityHit, search
from kg.subgraph import LINKS_PER_NODE, PER_NODE, Selection, Subgraph

CLASS = load_ontology().names

EXAMPLES = 6
EXPANDED, EXPANDED_FOR = "exp", "exp_for"
CLUSTER = "cluster"
URL: Final = "query-params"  # the filters are bound to the URL, so a view can be shared


def render(uri: str) -> None:
    st.title("Explore")
    index = state.entity_index(uri)
    query = st.text_input(
        "Search an entity", key="q", placeholder="Mermaidcore, Gen Z, CrowdStrike, #girlmath…",
        help="Names and aliases, any case or accent; hashtags work too.",
        live="300ms", bind="query-params",
    )
    if not query.strip():
        _clusters(uri)
        return
    hits = search(index, query, limit=8)
    if not hits:
        st.info(f"No match for “{query}”. Check the spelling, try an alias or a hashtag, "
                "or browse the most mentioned entities below.")
        _examples(uri)
        return
    hit = _pick(hits)
    ontology = state.store(uri).ontology
    details = state.details(uri, hit.id)
    components.render_entity_card(details, ontology)
    _shortcuts(hit)
    filters = _filters(uri, ontology)
    expanded = _expanded(hit.id)
    graph = state.neighbourhood(uri, replace(filters, seeds=(hit.id, *expanded)))
    if not graph.edges:
        st.info(f"{hit.name} has no links that pass these filters. Loosen the filters above, "
                "or read the documents that mention it below.")
    else:
        canvas(uri, graph, ontology, view=f"{hit.id}|{hash(filters)}", seed=hit.id)
    with st.expander(f"Documents mentioning {details.name} ({details.document_count})"):
        components.render_documents(details.documents)
    _export_panel(uri, graph)


def _clusters(uri: str) -> None:
    found = state.current_landscape(uri)
    if not found.clusters:
        _examples(uri)
        return
    picked = _cluster_picker(found)
    if picked is None:
        st.caption("The landscape: clusters of trends and what surrounds them. Click one to "
                   "explore it, or search an entity above.")
        clicked = landscape.render_map(uri, found, key="explore-map")
        if clicked is not None:
            st.query_params[CLUSTER] = str(clicked + 1)
            st.rerun()
        _examples(uri)
        return
    cluster = found.cluster(picked)
    if cluster is None:
        return
    st.markdown(f"### Cluster {picked + 1}: {cluster.name}")
    st.caption(f"{cluster.size} entities · strongest trends: "
               + ", ".join(t.name for t in cluster.trends[:6]))
    graph = state.cluster_graph(uri, picked, 40)
    canvas(uri, graph, state.store(uri).ontology, view=f"cluster:{picked}")


def _cluster_picker(found) -> int | None:
    """The cluster in the URL (``cluster=N``, numbered from 1), chosen here or on the map.

    A plain URL parameter rather than a bound widget, so a click on the map or on
    the Landscape page can write it directly.
    """
    names = {c.id: f"{c.id + 1}. {c.name}" for c in found.clusters}
    wanted = st.query_params.get(CLUSTER, "")
    current = int(wanted) - 1 if wanted.isdigit() and int(wanted) - 1 in names else None
    options = [None, *names]
    picked = st.selectbox("Cluster", options, index=options.index(current),
                          format_func=lambda c: "— the whole landscape —" if c is None
                          else names[c], help="Communities of trends and what surrounds them.")
    if picked != current:
        if picked is None:
            st.query_params.pop(CLUSTER, None)
        else:
            st.query_params[CLUSTER] = str(picked + 1)
        st.rerun()
    return picked


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


def _pick(hits: list[EntityHit]) -> EntityHit:
    if len(hits) == 1:
        return hits[0]
    by_id = {h.id: h for h in hits}
    chosen = st.radio("Matches", options=list(by_id), horizontal=True, key="match",
                      bind="query-params", format_func=lambda i: f"{by_id[i].name} · "
                      f"{by_id[i].type}")
    return by_id.get(chosen or "", hits[0])


def _shortcuts(hit: EntityHit) -> None:
    if hit.type == CLASS.Trend:
        st.button("Open the trend profile", on_click=open_page,
                  args=("Trend profile", None, {"trend": hit.id}))
    elif hit.type == CLASS.Brand:
        st.button("Open the brand view", on_click=open_page,
                  args=("Brand view", None, {"brand": hit.id}))


def _filters(uri: str, ontology: Ontology) -> Selection:
    facets = state.facets(uri)
    with st.expander("Graph filters", expanded=False):
        c1, c2, c3 = st.columns(3)
        node_types = c1.multiselect("Node types", list(ontology.entity_types), key="f_types",
                                    help="Empty = all types.", bind=URL)
        rel_types = c2.multiselect("Relationship types",
                                   list(ontology.entity_relationship_types), key="f_rels", bind=URL)
        min_weight = c3.slider("Minimum weight (sentences)", 1, 10, 1, key="f_weight", bind=URL)
        c4, c5, c6 = st.columns(3)
        langs = c4.multiselect("Language", list(facets.langs), key="f_langs", bind=URL)
        platforms = c5.multiselect("Source / platform", list(facets.platforms),
                                   key="f_platforms", bind=URL)
        options = link_options.render_link_options(facets, c6)
        c7, c8, c9 = st.columns(3)
        hops = c7.radio("Hops", [1, 2], horizontal=True, key="f_hops", bind=URL)
        max_nodes = c8.slider("Nodes shown at most", 10, 150, 40, step=10, key="f_max", bind=URL)
        per_node = c9.slider("Links read per node", 10, 200, PER_NODE, step=10, key="f_per_node",
                             help="Each node's strongest links, by sentences: a hub's two "
                                  "hops read at most this many squared.", bind=URL)
        links_drawn = st.columns(3)[0].slider(
            "Links drawn per node", 0, 30, LINKS_PER_NODE, key="f_drawn", bind=URL,
            help="Each node's strongest links among the nodes shown, besides those that "
                 "connect it to the picture; 0 draws every link.")
    return Selection(
        node_types=frozenset(node_types), rel_types=frozenset(rel_types), min_weight=min_weight,
        since=options.since, until=options.until, include_undated=options.include_undated,
        through_hubs=options.through_hubs, background_links=options.background_links,
        langs=frozenset(langs), platforms=frozenset(platforms), hops=hops, max_nodes=max_nodes,
        per_node=per_node, links_per_node=links_drawn,
    )


def _expanded(seed: str) -> list[str]:
    """Nodes whose neighbours were added, from the URL; forgotten when the seed changes."""
    params = st.query_params
    if params.get(EXPANDED_FOR) != seed:
        return []
    return [i for i in params.get_all(EXPANDED) if i and i != seed]


def _expand(seed: str, node_id: str) -> None:
    expanded = _expanded(seed)
    if node_id in expanded or node_id == seed:
        return
    st.query_params[EXPANDED_FOR] = seed
    st.query_params[EXPANDED] = [*expanded, node_id]
    st.session_state["expanded_around"] = node_id


def _reset(seed: str) -> None:
    st.query_params.pop(EXPANDED, None)
    st.query_params.pop(EXPANDED_FOR, None)


def canvas(uri: str, graph: Subgraph, ontology: Ontology, *, view: str, seed: str = "") -> None:
    """Hub badges, the full-width graph, the evidence for the picked element, the links table."""
    key = f"graph:{view}"
    event = components.graph_event(st.session_state.get(key))
    # The searched entity, never "the first seed": expanded nodes are seeds too.
    expandable = bool(seed)
    if expandable and components.fresh_event(event, "grow") and event.ids:
        _expand(seed, event.ids[0])
        st.rerun()
    drawn = hubs.render_badges(uri, graph)
    slot = st.container()
    st.caption(_shown(graph, drawn, expandable))
    if expandable:
        _expand_controls(graph, seed)
    picked = evidence.render_panel(uri, graph, ontology, event=event)
    with slot:
        components.render_legend(sorted({n.type for n in drawn.nodes}), ontology)
        around = st.session_state.pop("expanded_around", None)
        components.render_graph(drawn, ontology, key=key, picked=picked, around=around)
    st.markdown("**Links in the picture**")
    st.dataframe(components.links_frame(graph, ontology), hide_index=True, width="stretch")


def _shown(graph: Subgraph, drawn: Subgraph, expandable: bool) -> str:
    text = f"{len(drawn.nodes)} nodes, {len(drawn.edges)} links drawn"
    if graph.omitted_nodes:
        text += f" · {graph.omitted_nodes} more not shown (raise the node cap or filter)"
    if graph.omitted_edges:
        text += f" · {graph.omitted_edges} weaker links not drawn (links drawn per node)"
    if left_out := link_options.left_out_caption(graph.hidden_links, graph.undated_left_out):
        text += f" · {left_out} (see the graph filters)"
    if expandable:
        text += " · double-click a node to add its neighbours"
    return text + " · click a link or a node to read its evidence below."


def _expand_controls(graph: Subgraph, seed: str) -> None:
    candidates = [n for n in graph.nodes if not n.seed]
    if not candidates:
        return
    c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
    names = {n.id: f"{n.name} · {n.type}" for n in candidates}
    target = c1.selectbox("Add the neighbours of", list(names), format_func=names.__getitem__,
                          key="expand_pick")
    c2.button("Expand", key="expand", on_click=_expand, args=(seed, target))
    if _expanded(seed):
        c3.button("Reset", key="expand_reset", on_click=_reset, args=(seed,))


def _export_panel(uri: str, graph: Subgraph) -> None:
    """The export panel (issue 6): the view on screen, as slides, pictures, tables."""
    if not graph.nodes:
        return
    from kg.app.export_panel import render_export_panel

    with st.expander("Export this view (slides, pictures, tables, Gephi, RDF)"):
        render_export_panel(graph, store=state.store(uri), key="explore-export")
