"""Trend profile: how a trend moves week by week and who and what it is linked to.

Answers "which audiences is Mermaidcore popular with, and on which platforms"
and "is it growing" on one screen, from one cached ``trend_profile`` call.
Every number opens its proof: the counts their documents, a week its
documents, a table row the sentences linking the trend to that entity.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from kg.analytics import PROFILE_TYPES, TrendProfile
from kg.app import components, proofs, state, window
from kg.app.navigation import profile_buttons
from kg.app.pickers import pick_entity
from kg.ontology import load_ontology

CLASS = load_ontology().names

WINDOWS = (7, 30, 90)

def render(uri: str) -> None:
    st.title("Trend profile")
    trend_id = pick_entity(uri, CLASS.Trend, param="trend", label="Trend")
    if trend_id is None:
        return
    days = st.segmented_control("Compare the last", WINDOWS, default=30, key="trend_window",
                                format_func=lambda d: f"{d} days", bind="query-params") or 30
    as_of = window.end_date(uri)
    profile = state.trend_profile(uri, trend_id, days, as_of)
    ontology = state.store(uri).ontology
    components.render_entity_card(profile.details, ontology)
    claims = _claims(profile)
    proofs.button(f"All {profile.details.document_count} documents", "all", key="q:all")
    _growth(profile, days, as_of)
    _weekly_chart(profile, claims)
    _links(profile, ontology, claims)
    details = profile.details
    profile_buttons(details.name, details.id, details.type, ontology.class_plural(details.type))
    proofs.render(uri, claims)


def _growth(profile: TrendProfile, days: int, as_of: date | None) -> None:
    growth = profile.growth
    cols = st.columns(3)
    delta = f"{growth.rate:+.0%}" if growth.rate is not None else None
    cols[0].metric(f"Documents, last {days} days", growth.current, delta=delta)
    if growth.current:
        proofs.button(f"The {growth.current}", "now", key="q:now", where=cols[0])
    cols[1].metric(f"The {days} days before", growth.previous)
    if growth.previous:
        proofs.button(f"The {growth.previous}", "before", key="q:before", where=cols[1])
    cols[2].metric("Growth", f"{growth.rate:+.0%}" if growth.rate is not None else "—",
                   help="Empty when there were no mentions in the window before.")
    end = "pinned" if as_of else "the newest document date in the store, not today"
    st.caption(f"Window {growth.window.start} → **{growth.window.end}**: it ends on {end}.")


def _weekly_chart(profile: TrendProfile, claims: dict[str, proofs.Claim]) -> None:
    st.markdown("**Mentions per week** (documents mentioning the trend; click a bar for them)")
    if not profile.weekly:
        st.info("No dated document mentions this trend, so there is no time series.")
        return
    frame = pd.DataFrame({"week": [w.week.isoformat() for w in profile.weekly],
                          "documents": [w.documents for w in profile.weekly]})
    pick = alt.selection_point(name="week", fields=["week"], on="click")
    chart = (alt.Chart(frame).mark_bar(color="#E4572E")
             .encode(x=alt.X("week:T", title=None),
                     y=alt.Y("documents:Q", title="documents",
                             axis=alt.Axis(tickMinStep=1, format="d")),
                     opacity=alt.condition(pick, alt.value(1.0), alt.value(0.6)),
                     tooltip=["week:T", "documents:Q"])
             .add_params(pick))
    proofs.chart(chart, lambda event: _week_clicked(event, claims), key="trend_weeks",
                 height=220)


def _week_clicked(event: Any, claims: dict[str, proofs.Claim]) -> str | None:
    point = components.clicked_point(event, "week")
    key = f"week:{components.clicked_day(point.get('week'))}" if point else ""
    return key if key in claims else None


def _links(profile: TrendProfile, ontology, claims: dict[str, proofs.Claim]) -> None:
    if not any(profile.links.values()):
        st.info("No audience, platform, brand, person or topic is linked to this trend yet.")
        return
    st.caption("Select a row for the sentences that link it to the trend.")
    proofs.link_sections(profile.links, ontology, order=PROFILE_TYPES, own_type=CLASS.Trend,
                         own_prefix="Related", key="trend_links")


def _claims(profile: TrendProfile) -> dict[str, proofs.Claim]:
    details, growth = profile.details, profile.growth
    now, before = growth.window.bounds, growth.window.before().bounds
    claims = {
        "all": proofs.Claim(f"All {details.document_count} documents mentioning {details.name}",
                            "mentions", details.id),
        "now": proofs.Claim(f"{growth.current} document(s), {growth.window.start} → "
                            f"{growth.window.end}", "mentions", details.id, since=now[0],
                            until=now[1]),
        "before": proofs.Claim(f"{growth.previous} document(s) the window before", "mentions",
                               details.id, since=before[0], until=before[1]),
    }
    for week in profile.weekly:
        if week.documents:
            start = week.week
            claims[f"week:{start}"] = proofs.Claim(
                f"Week of {start:%d %b %Y}: {week.documents} document(s)", "mentions",
                details.id, since=start.isoformat(),
                until=(start + timedelta(days=7)).isoformat())
    return claims | proofs.link_claims(details, profile.links)
