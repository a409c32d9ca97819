"""Where a time window ends: the newest document by default, or a date pinned in the URL.

A window that ends on the newest document lurches when one upload adds a later
date, and reshuffles every ranking; a pinned end (``?asof=2025-11-28``) holds
still, so a shared "rising this month" link shows the same ranking next week.
Shared by Rising trends and Trend profile.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from kg.analytics import parse_day
from kg.app import state, urlstate

PARAM = "asof"
MODE_KEY = "asof_mode"
DAY_KEY = "asof_day"
LATEST, PINNED = "latest", "pinned"


def _mode_changed(latest: date | None) -> None:
    if st.session_state[MODE_KEY] == PINNED and latest is not None:
        urlstate.write(PARAM, latest.isoformat())
    else:
        urlstate.drop(PARAM)


def _day_changed() -> None:
    picked = st.session_state[DAY_KEY]
    if isinstance(picked, date):
        urlstate.write(PARAM, picked.isoformat())


def end_date(uri: str, *, where: Any = st) -> date | None:
    """Draw the choice; the pinned day, or None for "the newest document"."""
    latest = state.facets(uri).last
    pinned = parse_day(st.query_params.get(PARAM))
    # The URL decides; the widgets follow it (a shared link, a page link, the back button).
    st.session_state[MODE_KEY] = PINNED if pinned else LATEST
    newest = f"the newest document ({latest:%d %b %Y})" if latest else "the newest document"
    c1, c2 = where.columns([3, 2])
    c1.radio("The window ends on", (LATEST, PINNED), key=MODE_KEY, horizontal=True,
             format_func={LATEST: newest, PINNED: "a date I pin"}.get,
             on_change=_mode_changed, args=(latest,),
             help="Pinned, the window stays put when newer documents arrive; the date is "
                  "kept in the URL.")
    if pinned is None:
        return None
    st.session_state[DAY_KEY] = pinned
    c2.date_input("Pinned end date", key=DAY_KEY, on_change=_day_changed, format="YYYY-MM-DD")
    return pinned
