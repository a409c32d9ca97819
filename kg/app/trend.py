"""Trend profile: how a trend moves week by week and who and what it is linked to.

Answers "which audiences is Mermaidcore popular with, and on which platforms"
and "is it growing" on one screen, from one cached ``trend_profile`` call.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kg.app import components, state
from kg.app.navigation import open_page
from kg.app.pickers import pick_entity

WINDOWS = (7, 30, 90)
SECTIONS = {
    "Audience": "Audiences", "Platform": "Platforms", "Brand": "Brands", "Person": "People",
    "Topic": "Topics", "Trend": "Related trends", "Event": "Events",
}


def render(uri: str) -> None:
    st.title("Trend profile")
    trend_id = pick_entity(uri, "Trend", key="trend_id", label="Trend")
    if trend_id is None:
        return
    window = st.segmented_control("Compare the last", WINDOWS, default=30, key="trend_window",
                                  format_func=lambda d: f"{d} days") or 30
    profile = state.trend_profile(uri, trend_id, window)
    ontology = state.store(uri).ontology
    components.render_entity_card(profile.details, ontology)
    growth = profile.growth
    cols = st.columns(3)
    delta = f"{growth.rate:+.0%}" if growth.rate is not None else None
    cols[0].metric(f"Documents, last {window} days", growth.current, delta=delta)
    cols[1].metric(f"The {window} days before", growth.previous)
    cols[2].metric("Growth", f"{growth.rate:+.0%}" if growth.rate is not None else "—",
                   help="Empty when there were no mentions in the window before.")
    st.caption(f"Window {growth.window.start} → {growth.window.end}: it ends on the newest "
               "document date in the store, not today.")
    _weekly_chart(profile.weekly)
    _links(profile.links, ontology)
    st.button("Explore its graph", on_click=open_page,
              args=("Explore", {"q": profile.details.name}))


def _weekly_chart(weekly) -> None:
    st.markdown("**Mentions per week** (documents mentioning the trend)")
    if not weekly:
        st.info("No dated document mentions this trend, so there is no time series.")
        return
    frame = pd.DataFrame({"week": [w.week for w in weekly],
                          "documents": [w.documents for w in weekly]}).set_index("week")
    st.bar_chart(frame, height=220)


def _links(links: dict, ontology) -> None:
    present = [t for t in SECTIONS if links.get(t)]
    if not present:
        st.info("No audience, platform, brand, person or topic is linked to this trend yet.")
        return
    for row in range(0, len(present), 3):
        cols = st.columns(3)
        for col, type_ in zip(cols, present[row:row + 3], strict=False):
            col.markdown(f"**{SECTIONS[type_]}**")
            col.dataframe(components.links_table(links[type_], ontology), hide_index=True,
                          width="stretch")
