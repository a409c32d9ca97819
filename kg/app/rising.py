"""Rising trends: what grew in the last window compared with the one before."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kg.app import state
from kg.app.navigation import open_page

WINDOWS = (7, 14, 30, 60, 90)


def render(uri: str) -> None:
    st.title("Rising trends")
    latest = state.facets(uri).last
    c1, c2 = st.columns([3, 2])
    window = c1.segmented_control("Window", WINDOWS, default=30, key="rising_window",
                                  format_func=lambda d: f"{d} days") or 30
    as_of = c2.date_input("As of", value=latest, key="rising_as_of",
                          help="The last day of the window. Defaults to the newest document "
                          "date in the store, since a corpus stops before today.")
    report = state.rising(uri, window, as_of or None)
    st.caption(
        f"{report.window.start} → {report.window.end}, compared with {report.previous.start} → "
        f"{report.previous.end}. Mentions = documents mentioning the trend. Ranked by "
        "(mentions + 1) / (previous + 1) so a tiny trend cannot win on an infinite ratio."
    )
    if not report.rows:
        st.info("No trend is mentioned in this window. Pick a longer window or an earlier date.")
        return
    frame = pd.DataFrame([
        {"trend": r.name, "mentions": r.mentions, "previous": r.previous,
         "growth": f"{r.growth:+.0%}" if r.growth is not None else "from 0",
         "new": r.new, "weekly": list(r.weekly), "first seen": r.first_seen, "id": r.id}
        for r in report.rows
    ])
    event = st.dataframe(
        frame, hide_index=True, width="stretch", key="rising_table", on_select="rerun",
        selection_mode="single-row", column_order=["trend", "mentions", "previous", "growth",
                                                   "new", "weekly", "first seen"],
        column_config={
            "mentions": st.column_config.NumberColumn(f"Last {window} days"),
            "previous": st.column_config.NumberColumn(f"{window} days before"),
            "growth": st.column_config.TextColumn("Growth", help="Change against the window "
                                                  "before; “from 0” when it had no mentions."),
            "new": st.column_config.CheckboxColumn("New", help="First seen inside the window."),
            "weekly": st.column_config.BarChartColumn(
                f"Weekly, {report.weeks[0]:%d %b} → {report.weeks[-1]:%d %b}", y_min=0),
        },
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    chosen = report.rows[rows[0]] if rows else report.rows[0]
    st.button(f"Open the profile of {chosen.name}", on_click=open_page,
              args=("Trend profile", {"trend_id": chosen.id}),
              help="Select a row in the table to pick another trend.")
