"""Moving between pages: the page list, and links that carry a selection with them.

Pages are picked in a sidebar radio bound to the URL (``?page=…``), so every view
can be bookmarked; a link from one page to another is a button callback that
sets the target page and its selection before the next run draws anything.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

PAGES = (
    "Explore",
    "Trend profile",
    "Rising trends",
    "Audience × trend",
    "Brand view",
    "Cypher console",
    "Ingest",
)
PAGE_KEY = "page"


def open_page(page: str, selection: dict[str, Any] | None = None) -> None:
    """Button callback: switch page and preset that page's widgets."""
    st.session_state[PAGE_KEY] = page
    for key, value in (selection or {}).items():
        st.session_state[key] = value
