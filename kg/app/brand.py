"""Brand view: what a brand is linked to, and whether a controversy sits next to it."""

from __future__ import annotations

import streamlit as st

from kg.app import components, state
from kg.app.navigation import open_page
from kg.app.pickers import pick_entity
from kg.controversy import load_cues

SECTIONS = {
    "Trend": "Trends", "Audience": "Audiences", "Person": "People", "Platform": "Platforms",
    "Topic": "Topics", "Event": "Events", "Brand": "Other brands",
    "Organization": "Organizations", "CreativeWork": "Creative works", "Place": "Places",
}


def render(uri: str) -> None:
    st.title("Brand view")
    brand_id = pick_entity(uri, "Brand", key="brand_id", label="Brand")
    if brand_id is None:
        return
    profile = state.brand_profile(uri, brand_id)
    ontology = state.store(uri).ontology
    components.render_entity_card(profile.details, ontology)
    _flags(profile)
    present = [t for t in SECTIONS if profile.links.get(t)]
    if not present:
        st.info(f"{profile.details.name} has no links to other entities yet.")
    for row in range(0, len(present), 3):
        cols = st.columns(3)
        for col, type_ in zip(cols, present[row:row + 3], strict=False):
            col.markdown(f"**{SECTIONS[type_]}**")
            col.dataframe(components.links_table(profile.links[type_], ontology), hide_index=True,
                          width="stretch")
    st.button("Explore its graph", on_click=open_page,
              args=("Explore", {"q": profile.details.name}))


def _flags(profile) -> None:
    name = profile.details.name
    if not profile.flags:
        st.success(f"No controversy cue among the topics, trends and events linked to {name} "
                   "(directly or through one entity).")
    for flag in profile.flags:
        others = flag.via_count - len(flag.via)
        where = ("linked directly" if flag.direct else "through " + ", ".join(flag.via)
                 + (f" and {others} more" if others > 0 else ""))
        st.warning(f"**{flag.category_label}**: {name} is next to **{flag.name}** "
                   f"({flag.type}), {where}. Cue: “{flag.cue}”.", icon="⚠️")
    with st.expander("How flags are decided"):
        st.markdown(
            "A flag is raised when a topic, trend or event one or two links away from the brand "
            "has a name or alias containing one of these cues (edit `kg/controversy_cues.yaml` "
            "to tune them):")
        for category in load_cues():
            st.markdown(f"- **{category.label}**: {', '.join(category.cues)}")
