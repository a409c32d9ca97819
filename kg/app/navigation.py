"""Moving between pages: the page list, and links that carry a selection with them.

Every page's state lives in the URL: the page radio and each page's widgets are
bound to query parameters (``bind="query-params"``), so a view can be shared or
bookmarked and opens the same in a fresh browser. A link from one page to
another is a button callback that sets the target page and its selection before
the next run draws anything; a click read during a run (on a canvas) asks for
the move with ``go``, applied at the top of the next run.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import streamlit as st

from kg.app.urlstate import write

PAGES = (
    "Explore",
    "Landscape",
    "Trend profile",
    "Compare",
    "Rising trends",
    "Audience × trend",
    "Brand view",
    "Document",
    "Cypher console",
    "Ingest",
    "Curate",
)
PAGE_KEY = "page"
PENDING = "_goto"


def open_page(page: str, selection: dict[str, Any] | None = None,
              params: dict[str, Any] | None = None) -> None:
    """Button callback: switch page, preset that page's widgets and its URL parameters.

    ``params`` are the plain parameters the pages read with ``kg.app.urlstate``
    (``trend``, ``brand``, ``cmp``…): ids or names, never display labels.
    """
    st.session_state[PAGE_KEY] = page
    for key, value in (selection or {}).items():
        st.session_state[key] = value
    for key, value in (params or {}).items():
        write(key, value)


def go(page: str, selection: dict[str, Any] | None = None,
       params: dict[str, str] | None = None) -> None:
    """Move to ``page`` from the middle of a run: applied first thing on the rerun.

    ``selection`` presets widgets; ``params`` are plain URL parameters (not bound to
    a widget), written at once so the URL shows them.
    """
    st.session_state[PENDING] = (page, dict(selection or {}))
    for key, value in (params or {}).items():
        write(key, value)
    st.rerun()


def apply_pending() -> None:
    """Run before any widget exists, so the page radio and the targets can still be set."""
    pending = st.session_state.pop(PENDING, None)
    if pending:
        open_page(*pending)


def href(page: str, **params: str) -> str:
    """A relative link that opens ``page`` with these parameters (a new session reads them)."""
    return "?" + urlencode({PAGE_KEY: page, **{k: v for k, v in params.items() if v}})



def profile_buttons(name: str, id_: str, type_: str, plural: str) -> None:
    """A profile page's way on: the entity's graph in Explore, or it beside its peers."""
    c1, c2 = st.columns(2)
    c1.button("Explore its graph", on_click=open_page, args=("Explore", {"q": name}))
    c2.button(f"Compare it with other {plural.lower()}", on_click=open_page,
              args=("Compare", None, {"cmp_type": type_, "cmp": [id_]}))
