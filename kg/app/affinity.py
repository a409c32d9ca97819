"""Audience x trend affinity: a heat map scored with support, ranked lists, and the quotes.

Colour is the support-aware score of ``kg.affinity`` (a z of log-odds with a
prior), so a pair resting on one sentence stays pale; every cell prints its
count. Under the map, one audience's ranked list against all the others or
against one named audience. A cell click, a row of the list or the pair picker
opens the quotes behind the pair; everything is in the URL.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from kg.affinity import Affinity, OverIndex, PairCounts
from kg.app import components, state, urlstate

MEASURES = {"sentences": "Supporting sentences", "docs": "Documents"}
PAIR = "pair"
SCORE_TOP = 3.0
ALL_OTHERS = ""


def render(uri: str) -> None:
    st.title("Audience × trend affinity")
    c1, c2, c3 = st.columns([2, 1, 1])
    measure = c1.segmented_control("Count", list(MEASURES), default="sentences",
                                   format_func=MEASURES.__getitem__, key="affinity_measure",
                                   bind="query-params") or "sentences"
    audiences = c2.number_input("Audiences", 2, 50, 15, key="affinity_audiences",
                                bind="query-params")
    trends = c3.number_input("Trends", 2, 80, 25, key="affinity_trends", bind="query-params")
    counts = state.pair_counts(uri, measure)
    if not counts.total:
        st.info("No trend is linked to an audience yet, so there is nothing to compare. "
                "Ingest articles that say which audiences a trend is popular with.")
        return
    matrix = state.affinity(uri, measure, int(audiences), int(trends))
    st.caption(
        "Each cell prints its count. Colour = over-indexing score: how much more often the "
        "audience goes with the trend than the other audiences do, as a z-score of the "
        "log-odds with a prior (0 = as expected, 2 = clearly more, negative = less). Few "
        "sentences mean a pale cell however high the ratio, so one sentence cannot top the "
        "list; lift is in the tooltip. Click a cell for the quotes."
    )
    height = max(240, 30 * len(matrix.audiences) + 120)
    event = st.altair_chart(_chart(_frame(matrix), matrix), on_select="rerun",
                            key="affinity_chart", width="stretch", height=height)
    _pick(_clicked(event), "map")
    ranked = _ranked_list(counts)
    _evidence(uri, matrix, counts, ranked)


def _frame(matrix: Affinity) -> pd.DataFrame:
    return pd.DataFrame([
        {"audience_id": c.audience_id, "audience": c.audience, "trend_id": c.trend_id,
         "trend": c.trend, "count": c.count, "docs": c.docs, "expected": c.expected,
         "lift": c.lift, "score": c.score, "cell": f"{c.audience_id}|{c.trend_id}",
         "label": str(c.count) if c.count else ""}
        for c in matrix.cells
    ])


def _chart(frame: pd.DataFrame, matrix: Affinity) -> alt.LayerChart:
    pick = alt.selection_point(name="cell", fields=["cell"], on="click")
    color = alt.condition(
        alt.datum.count == 0, alt.value("#f1f1f1"),
        alt.Color("score:Q", title="Score (z)",
                  scale=alt.Scale(scheme="redblue", reverse=True,
                                  domain=[-SCORE_TOP, 0, SCORE_TOP], domainMid=0, clamp=True)),
    )
    x = alt.X("trend:N", title="Trend", sort=[t[1] for t in matrix.trends],
              axis=alt.Axis(labelAngle=-40, labelOverlap=False, labelLimit=160))
    y = alt.Y("audience:N", title="Audience", sort=[a[1] for a in matrix.audiences],
              axis=alt.Axis(labelOverlap=False, labelLimit=180))
    tooltip = [alt.Tooltip("audience:N"), alt.Tooltip("trend:N"),
               alt.Tooltip("count:Q", title=MEASURES[matrix.measure].lower()),
               alt.Tooltip("docs:Q", title="documents"),
               alt.Tooltip("score:Q", format=".2f", title="score (z)"),
               alt.Tooltip("expected:Q", format=".2f"), alt.Tooltip("lift:Q", format=".2f")]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    cells = (base.mark_rect(stroke="white", strokeWidth=1)
             .encode(color=color, opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)))
             .add_params(pick))
    text = base.mark_text(fontSize=11, color="#222222").encode(text="label:N")
    return alt.LayerChart(layer=[cells, text])  # no facets, so never a FacetChart


def _clicked(event: Any) -> str | None:
    point = components.clicked_point(event, "cell")
    return point.get("cell") if point else None


def _ranked_list(counts: PairCounts) -> list[tuple[str, OverIndex]]:
    """One audience's ranked trends against the others; returns (audience id, row) pairs."""
    st.subheader("What an audience over-indexes on")
    audiences = counts.audiences()
    names = counts.names
    c1, c2 = st.columns(2)
    audience = urlstate.choice("Audience", audiences, param="aff_a",
                               format_func=lambda a: names.get(a, a),
                               where=c1)
    others = [ALL_OTHERS, *(a for a in audiences if a != audience)]
    versus = urlstate.choice("Against", others, param="aff_b", where=c2,
                             format_func=lambda a: names.get(a, "all the other audiences"))
    rows = state.over_index(counts, audience, versus or None)
    if not rows:
        st.info(f"{names[audience]} is linked to no trend yet.")
        return []
    other = names.get(versus, "the others")
    event = st.dataframe(pd.DataFrame([
        {"trend": r.trend, names[audience]: r.count, other: r.other,
         f"share of {names[audience]}": r.share, f"share of {other}": r.other_share,
         "score": r.score} for r in rows
    ]), hide_index=True, width="stretch", key="aff_rows", on_select="rerun",
        selection_mode="single-row", column_config={
        f"share of {names[audience]}": st.column_config.NumberColumn(format="percent"),
        f"share of {other}": st.column_config.NumberColumn(format="percent"),
        "score": st.column_config.NumberColumn(
            "Score (z)", format="%.2f", help="Positive: over-indexes; grows with support."),
    })
    chosen = event.selection.rows if event is not None and hasattr(event, "selection") else []
    _pick(f"{audience}|{rows[chosen[0]].trend_id}" if chosen else None, "list")
    return [(audience, r) for r in rows]


def _pairs(matrix: Affinity, counts: PairCounts,
           ranked: list[tuple[str, OverIndex]]) -> dict[str, str]:
    """Picker labels: the map's linked cells by score, then the ranked list's pairs."""
    labels = {"": "— click a cell, or pick a pair here —"}
    for cell in matrix.ranked():
        labels[f"{cell.audience_id}|{cell.trend_id}"] = (
            f"{cell.audience} × {cell.trend} · {cell.count} · score {cell.score:+.2f}")
    for audience, row in ranked:
        labels.setdefault(f"{audience}|{row.trend_id}",
                          f"{counts.names[audience]} × {row.trend} · {row.count}")
    return labels


def _pick(pair: str | None, source: str) -> None:
    """A new click (on the map or a row) becomes the URL's ``pair``, once per click."""
    if urlstate.fresh(f"affinity:{source}", pair):
        urlstate.write(PAIR, pair)


def _evidence(uri: str, matrix: Affinity, counts: PairCounts,
              ranked: list[tuple[str, OverIndex]]) -> None:
    st.subheader("Quotes")
    labels = _pairs(matrix, counts, ranked)
    wanted = st.query_params.get(PAIR, "")
    if wanted and wanted not in labels and wanted.count("|") == 1:
        audience, trend = wanted.split("|")  # a shared pair outside today's cut
        names = counts.names
        labels[wanted] = f"{names.get(audience, audience)} × {names.get(trend, trend)}"
    picked = urlstate.choice("Evidence for", list(labels), param=PAIR, default="",
                             format_func=labels.__getitem__)
    if not picked:
        return
    audience_id, trend_id = picked.split("|", 1)
    st.markdown(f"**{labels[picked]}**")
    components.render_quotes(state.link_evidence(uri, trend_id, audience_id, matrix.rel_type),
                             key=f"aff:{picked}")
