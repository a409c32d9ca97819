"""The filters that decide what a link view leaves out: period, undated documents, hubs,
background links. Self-contained so any page that builds a ``Selection`` can offer them.

Undated documents never switch the date filter off: the range covers the dated
documents, and a checkbox (with their count) says whether undated ones come too.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kg.app.state import Facets


@dataclass(frozen=True, slots=True)
class LinkOptions:
    since: str = ""
    until: str = ""
    include_undated: bool = False
    through_hubs: bool = False
    background_links: bool = False


def render_period(column, facets: Facets) -> tuple[str, str, bool]:
    """(since, until, include undated); a range equal to the full span filters nothing."""
    first, last = facets.first, facets.last
    if first is None or last is None:
        column.caption("No dated documents: the date filter is off.")
        return "", "", True
    picked = column.date_input("Date range", value=(first, last), min_value=first,
                               max_value=last, key="f_period", bind="query-params")
    include = False  # nothing undated to include: the same selection as the CLI's default
    if facets.undated:
        include = column.checkbox(
            f"Include {facets.undated} undated document{'s' if facets.undated > 1 else ''}",
            value=False, key="f_undated", bind="query-params",
            help="Documents without a date cannot be placed in the range; tick to keep "
                 "their links anyway.")
    if isinstance(picked, tuple) and len(picked) == 2:
        since, until = picked
        if (since, until) != (first, last):
            return since.isoformat(), until.isoformat(), include
    return "", "", include


def render_link_options(facets: Facets, period_column) -> LinkOptions:
    """The period in ``period_column``, then a row of hub and background-link switches."""
    since, until, include = render_period(period_column, facets)
    left, right = st.columns(2)
    through = left.checkbox(
        "Walk through hubs", value=False, key="f_through_hubs", bind="query-params",
        help="Let the second hop pass through platforms and the broadest audiences "
             "(TikTok, Gen Z…): many more, mostly unrelated, stories.")
    background = right.checkbox(
        "Show platform links", value=False, key="f_background", bind="query-params",
        help="Platform-platform and audience-platform co-occurrences (\u201cInstagram related "
             "to TikTok\u201d): true but uninformative, hidden by default.")
    return LinkOptions(since, until, include, through, background)


def left_out_caption(hidden_links: int, undated_left_out: int) -> str:
    """What the options left out, for the caption under a graph ("" when nothing)."""
    parts = []
    if hidden_links:
        parts.append(f"{hidden_links} platform link{'s' if hidden_links > 1 else ''} hidden")
    if undated_left_out:
        parts.append(f"{undated_left_out} undated document"
                     f"{'s' if undated_left_out > 1 else ''} left out")
    return " · ".join(parts)
