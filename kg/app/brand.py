"""Brand view: what a brand is linked to, and whether a controversy sits next to it.

Every row opens the sentences linking the brand to that entity, and every flag
the proof of its path: the brand's own link when it is direct, else the two
links through each entity in between.
"""

from __future__ import annotations

import streamlit as st

from kg.analytics import BrandProfile
from kg.app import components, proofs, state
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
    brand_id = pick_entity(uri, "Brand", param="brand", label="Brand")
    if brand_id is None:
        return
    profile = state.brand_profile(uri, brand_id)
    ontology = state.store(uri).ontology
    components.render_entity_card(profile.details, ontology)
    claims = _claims(profile)
    proofs.button(f"All {profile.details.document_count} documents", "all", key="q:all")
    _flags(profile)
    present = [t for t in SECTIONS if profile.links.get(t)]
    if not present:
        st.info(f"{profile.details.name} has no links to other entities yet.")
    else:
        st.caption("Select a row for the sentences that link it to the brand.")
    for row in range(0, len(present), 3):
        cols = st.columns(3)
        for col, type_ in zip(cols, present[row:row + 3], strict=False):
            links = profile.links[type_]
            col.markdown(f"**{SECTIONS[type_]}**")
            proofs.table(components.links_table(links, ontology),
                         [f"link:{link.id}" for link in links], key=f"brand_links:{type_}",
                         where=col)
    c1, c2 = st.columns(2)
    c1.button("Explore its graph", on_click=open_page,
              args=("Explore", {"q": profile.details.name}))
    c2.button("Compare it with other brands", on_click=open_page,
              args=("Compare", None, {"cmp_type": "Brand", "cmp": [brand_id]}))
    proofs.render(uri, claims)


def _flags(profile: BrandProfile) -> None:
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
        proofs.button(f"Why: the quotes linking {name} to {flag.name}", f"flag:{flag.id}",
                      key=f"q:flag:{flag.id}")
    with st.expander("How flags are decided"):
        st.markdown(
            "A flag is raised when a topic, trend or event one or two links away from the brand "
            "has a name or alias containing one of these cues (edit `kg/controversy_cues.yaml` "
            "to tune them):")
        for category in load_cues():
            st.markdown(f"- **{category.label}**: {', '.join(category.cues)}")


def _claims(profile: BrandProfile) -> dict[str, proofs.Claim]:
    details = profile.details
    claims = {"all": proofs.Claim(f"All {details.document_count} documents mentioning "
                                  f"{details.name}", "mentions", details.id)}
    for flag in profile.flags:
        claims[f"flag:{flag.id}"] = proofs.Claim(
            f"Flag: {flag.category_label} — {flag.name}", "pair" if flag.direct else "path",
            details.id, flag.id)
    for links in profile.links.values():
        for link in links:
            claims[f"link:{link.id}"] = proofs.Claim(
                f"{details.name} — {link.name} ({link.type}): weight {link.weight}", "pair",
                details.id, link.id)
    return claims
