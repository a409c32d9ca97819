"""Landscape: the whole graph at a glance, as clusters of trends and the bridges between them.

The cluster map is drawn with the same canvas as Explore; clicking a cluster
(or its row) opens it in Explore. The numbers come from ``kg.landscape``,
computed once per load and stored in the graph, so a visit reads them back.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kg.app import components, state
from kg.app.navigation import go
from kg.landscape import Landscape
from kg.ontology import load_ontology
from kg.subgraph import Edge, Node, Subgraph

CLASS = load_ontology().names

MAP_KEY = "landscape-map"
MEMBERS_SHOWN = 6


def render(uri: str) -> None:
    st.title("Landscape")
    found = state.current_landscape(uri)
    if not found.clusters:
        st.info("No cluster of trends yet: the graph needs trends linked to brands, people or "
                "topics. Ingest more articles, then press Refresh data.")
        return
    st.caption(_summary(found))
    picked = render_map(uri, found, key=MAP_KEY)
    if picked is not None:
        go("Explore", {"q": ""}, {"cluster": str(picked + 1)})
    _cluster_table(found)
    _bridges(found)


def _summary(found: Landscape) -> str:
    hubs = ", ".join(h.name for h in found.hubs[:8])
    return (f"{len(found.clusters)} clusters over {found.entities:,} entities and "
            f"{found.links:,} links (Louvain communities, seeded). Hubs left out so they do not "
            f"glue everything together: {hubs}. Click a cluster to explore it.")


def map_graph(found: Landscape) -> Subgraph:
    """Clusters as nodes (sized by members), links as the weight running between them."""
    nodes = [Node(id=f"cluster:{c.id}", name=c.name, type="Cluster", mentions=c.size)
             for c in found.clusters]
    link = load_ontology().fallback_type
    edges = [Edge(source=f"cluster:{a}", target=f"cluster:{b}", type=link, weight=w)
             for a, b, w in found.between]
    return Subgraph(nodes=nodes, edges=edges)


def render_map(uri: str, found: Landscape, *, key: str) -> int | None:
    """Draw the cluster map; the id of a cluster the user just clicked, else None."""
    ontology = state.store(uri).ontology
    event = components.render_graph(map_graph(found), ontology, key=key)
    seen = f"{key}:seen"
    if event is None or st.session_state.get(seen) == event.timestamp:
        return None
    st.session_state[seen] = event.timestamp
    target = event.ids[0] if event.ids else ""
    if event.group == "nodes" and target.startswith("cluster:"):
        return int(target.split(":", 1)[1])
    return None


def _cluster_table(found: Landscape) -> None:
    st.subheader("Clusters")
    frame = pd.DataFrame([
        {"cluster": f"{c.id + 1}. {c.name}", "entities": c.size, "link weight": c.weight,
         "trends": ", ".join(t.name for t in c.trends[:MEMBERS_SHOWN]),
         "around them": ", ".join(
             [m.name for m in c.members if m.type != CLASS.Trend][:MEMBERS_SHOWN])}
        for c in found.clusters
    ])
    event = st.dataframe(frame, hide_index=True, width="stretch", key="landscape_table",
                         on_select="rerun", selection_mode="single-row")
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if rows:
        go("Explore", {"q": ""}, {"cluster": str(found.clusters[rows[0]].id + 1)})


def _bridges(found: Landscape) -> None:
    st.subheader("Bridges")
    st.caption("Entities whose links spread over several clusters (participation coefficient "
               "× link weight): the trends, people and brands that connect one conversation to "
               "another.")
    if not found.bridges:
        st.info("No entity links two clusters yet.")
        return
    names = {c.id: f"{c.id + 1}. {c.name}" for c in found.clusters}
    st.dataframe(pd.DataFrame([
        {"entity": b.name, "type": b.type, "bridging score": b.score,
         "clusters it links": " · ".join(names[c] for c in b.clusters[:3])
         + (f" and {len(b.clusters) - 3} more" if len(b.clusters) > 3 else "")}
        for b in found.bridges
    ]), hide_index=True, width="stretch")
