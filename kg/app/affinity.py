"""Audience x trend affinity: a heat map of lift, and the quotes behind any cell."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from kg.app import components, state

MEASURES = {"sentences": "Supporting sentences", "docs": "Documents"}
PICK_KEY = "affinity_pick"
LIFT_TOP = 4


def render(uri: str) -> None:
    st.title("Audience × trend affinity")
    c1, c2, c3 = st.columns([2, 1, 1])
    measure = c1.segmented_control("Count", list(MEASURES), default="sentences",
                                   format_func=MEASURES.get, key="affinity_measure")
    audiences = c2.number_input("Audiences", 2, 50, 15, key="affinity_audiences")
    trends = c3.number_input("Trends", 2, 80, 25, key="affinity_trends")
    matrix = state.affinity(uri, measure or "sentences", int(audiences), int(trends))
    if not any(c.count for c in matrix.cells):
        st.info("No trend is linked to an audience yet, so there is nothing to compare. "
                "Ingest articles that say which audiences a trend is popular with.")
        return
    st.caption(
        "Colour = lift: how much more often an audience and a trend are linked than their "
        "overall frequencies predict (1 = as expected, 2 = twice as often). Hover for the raw "
        "count; click a cell for the evidence."
    )
    frame = _frame(matrix)
    height = max(240, 30 * len(matrix.audiences) + 120)
    event = st.altair_chart(_chart(frame, matrix), on_select="rerun", key="affinity_chart",
                            width="stretch", height=height)
    _evidence(uri, matrix, frame, event)


def _frame(matrix) -> pd.DataFrame:
    return pd.DataFrame([
        {"audience_id": c.audience_id, "audience": c.audience, "trend_id": c.trend_id,
         "trend": c.trend, "count": c.count, "docs": c.docs, "expected": c.expected,
         "lift": c.lift, "cell": f"{c.audience_id}|{c.trend_id}"}
        for c in matrix.cells
    ])


def _chart(frame: pd.DataFrame, matrix) -> alt.Chart:
    pick = alt.selection_point(name="cell", fields=["cell"], on="click")
    # Lift is unbounded on small counts (one shared sentence can read as 40x); the scale
    # stops at LIFT_TOP so the ordinary 1-4 range keeps its contrast.
    color = alt.condition(
        alt.datum.count == 0, alt.value("#f1f1f1"),
        alt.Color("lift:Q", title=f"Lift ({LIFT_TOP}+ = top)",
                  scale=alt.Scale(scheme="redblue", reverse=True, domain=[0, 1, LIFT_TOP],
                                  domainMid=1, clamp=True)),
    )
    return (
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("trend:N", title="Trend", sort=[t[1] for t in matrix.trends],
                    axis=alt.Axis(labelAngle=-40, labelOverlap=False, labelLimit=160)),
            y=alt.Y("audience:N", title="Audience", sort=[a[1] for a in matrix.audiences],
                    axis=alt.Axis(labelOverlap=False, labelLimit=180)),
            color=color,
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
            tooltip=[alt.Tooltip("audience:N"), alt.Tooltip("trend:N"),
                     alt.Tooltip("count:Q", title=MEASURES[matrix.measure].lower()),
                     alt.Tooltip("docs:Q", title="documents"),
                     alt.Tooltip("expected:Q", format=".2f"),
                     alt.Tooltip("lift:Q", format=".2f")],
        )
        .add_params(pick)
    )


def _clicked(event: Any) -> str | None:
    try:
        points = event["selection"]["cell"]
    except (KeyError, TypeError):
        return None
    return points[0].get("cell") if points else None


def _evidence(uri: str, matrix, frame: pd.DataFrame, event: Any) -> None:
    linked = frame[frame["count"] > 0].sort_values(["lift", "count"], ascending=False)
    labels = {"": "— click a cell, or pick a pair here —"} | {
        row.cell: f"{row.audience} × {row.trend} · lift {row.lift:.2f} · {row.count}"
        for row in linked.itertuples()
    }
    clicked = _clicked(event)
    if clicked in labels and st.session_state.get("affinity_clicked") != clicked:
        st.session_state["affinity_clicked"] = clicked
        st.session_state[PICK_KEY] = clicked
    picked = st.selectbox("Evidence for", list(labels), format_func=labels.get, key=PICK_KEY)
    if not picked:
        return
    audience_id, trend_id = picked.split("|", 1)
    st.markdown(f"**{labels[picked]}**")
    components.render_quotes(state.link_evidence(uri, trend_id, audience_id, matrix.rel_type))
