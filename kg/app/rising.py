"""Rising trends: what grew in the last window compared with the one before.

The window ends on the newest document unless a date is pinned (``?asof=``);
the caption says which day it ends on. A row opens the documents behind its
count, each with the sentence naming the trend.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kg.analytics import RisingReport
from kg.app import proofs, state, window
from kg.app.navigation import open_page

WINDOWS = (7, 14, 30, 60, 90)


def render(uri: str) -> None:
    st.title("Rising trends")
    days = st.segmented_control("Window", WINDOWS, default=30, key="rising_window",
                                format_func=lambda d: f"{d} days", bind="query-params") or 30
    as_of = window.end_date(uri)
    report = state.rising(uri, days, as_of)
    st.caption(
        f"Window {report.window.start} → **{report.window.end}** "
        f"({'pinned' if as_of else 'the newest document'}), compared with "
        f"{report.previous.start} → {report.previous.end}. Mentions = documents mentioning "
        "the trend. Ranked by (mentions + 1) / (previous + 1) so a tiny trend cannot win on an "
        "infinite ratio. Select a row for the documents behind it."
    )
    if not report.rows:
        st.info("No trend is mentioned in this window. Pick a longer window or an earlier date.")
        return
    claims = _claims(report)
    proofs.table(_frame(report), [f"now:{r.id}" for r in report.rows], key="rising_table",
                 column_order=["trend", "mentions", "previous", "growth", "new", "weekly",
                               "first seen"],
                 column_config=_columns(report, days))
    picked = st.query_params.get(proofs.PARAM, "")
    chosen = next((r for r in report.rows if picked.endswith(":" + r.id)), report.rows[0])
    st.button(f"Open the profile of {chosen.name}", on_click=open_page,
              args=("Trend profile", None, {"trend": chosen.id}),
              help="Select a row in the table to pick another trend.")
    proofs.render(uri, claims, title="Documents behind the counts")


def _frame(report: RisingReport) -> pd.DataFrame:
    return pd.DataFrame([
        {"trend": r.name, "mentions": r.mentions, "previous": r.previous,
         "growth": f"{r.growth:+.0%}" if r.growth is not None else "from 0",
         "new": r.new, "weekly": list(r.weekly), "first seen": r.first_seen, "id": r.id}
        for r in report.rows
    ])


def _columns(report: RisingReport, days: int) -> dict:
    return {
        "mentions": st.column_config.NumberColumn(f"Last {days} days"),
        "previous": st.column_config.NumberColumn(f"{days} days before"),
        "growth": st.column_config.TextColumn("Growth", help="Change against the window "
                                              "before; “from 0” when it had no mentions."),
        "new": st.column_config.CheckboxColumn("New", help="First seen inside the window."),
        "weekly": st.column_config.BarChartColumn(
            f"Weekly, {report.weeks[0]:%d %b} → {report.weeks[-1]:%d %b}", y_min=0),
    }


def _claims(report: RisingReport) -> dict[str, proofs.Claim]:
    now, before = report.window.bounds, report.previous.bounds
    claims = {}
    for r in report.rows:
        claims[f"now:{r.id}"] = proofs.Claim(
            f"{r.name}: {r.mentions} document(s), {report.window.start} → {report.window.end}",
            "mentions", r.id, since=now[0], until=now[1])
        claims[f"before:{r.id}"] = proofs.Claim(
            f"{r.name}: {r.previous} document(s), {report.previous.start} → "
            f"{report.previous.end}", "mentions", r.id, since=before[0], until=before[1])
    return claims
