"""Brand view: what a brand is linked to, and whether a controversy sits next to it.

Every row opens the sentences linking the brand to that entity, and every flag
the proof of its path: the brand's own link when it is direct, else the two
links through each entity in between.
"""

from __future__ import annotations

import streamlit as st

from kg.analytics import BrandProfile
from kg.app import components, proofs, state
from kg.app.navigation import profile_buttons
from kg.app.pickers import pick_entity
from kg.controversy import load_cues
from kg.ontology import load_ontology

CLASS = load_ontology().names
# the order of the sections (then any other class); their titles are the classes' plural labels
SECTIONS = load_ontology().ordered([CLASS.Trend, CLASS.Audience, CLASS.Person, CLASS.Platform,
                                    CLASS.Topic, CLASS.Event, CLASS.Brand, CLASS.Organization])


def render(uri: str) -> None:
    st.title("Brand view")
    brand_id = pick_entity(uri, CLASS.Brand, param="brand", label="Brand")
    if brand_id is None:
        return
    profile = state.brand_profile(uri, brand_id)
    ontology = state.store(uri).ontology
    components.render_entity_card(profile.details, ontology)
    claims = _claims(profile)
    proofs.button(f"All {profile.details.document_count} documents", "all", key="q:all")
    _flags(profile)
    if not any(profile.links.get(t) for t in SECTIONS):
        st.info(f"{profile.details.name} has no links to other entities yet.")
    else:
        st.caption("Select a row for the sentences that link it to the brand.")
    proofs.link_sections(profile.links, ontology, order=SECTIONS, own_type=CLASS.Brand,
                         own_prefix="Other", key="brand_links")
    details = profile.details
    profile_buttons(details.name, details.id, details.type, ontology.class_plural(details.type))
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
    return claims | proofs.link_claims(details, profile.links)
