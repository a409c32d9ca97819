"""Saved views in the sidebar: every named view as a link, and a form to save this one.

A view is its URL, so a saved view is a link to it: opening one is opening a
shared URL (a fresh session reads everything from the query parameters). The
views live in the graph store (``kg.views``), so they are the same for everyone
using this graph and survive a restart.
"""

from __future__ import annotations

import html

import streamlit as st

from kg import views
from kg.app import state
from kg.errors import ViewError
from kg.secrets import scrub

NAME_KEY = "view_name"
MESSAGE = "view_message"


def render(uri: str) -> None:
    bar = st.sidebar
    bar.markdown("**Saved views**")
    saved = state.saved_views(uri)
    if not saved:
        bar.caption("None yet. Save the view on screen below; it is kept with the graph.")
    for view in saved:
        c1, c2 = bar.columns([6, 1], vertical_alignment="center")
        c1.markdown(f"<a href='{html.escape(views.href(view))}' target='_self'>"
                    f"{html.escape(view.name)}</a>", unsafe_allow_html=True)
        c2.button("✕", key=f"view_delete:{view.name}", on_click=_delete, args=(uri, view.name),
                  help=f"Delete the saved view “{view.name}”.", type="tertiary")
    with bar.expander("Save this view"):
        st.text_input("Name", key=NAME_KEY, max_chars=views.NAME_MAX,
                      placeholder="Mermaidcore vs Girl Math, November")
        st.button("Save", key="view_save", on_click=_save, args=(uri,))
    message = st.session_state.pop(MESSAGE, None)
    if message:
        (bar.success if message[0] == "ok" else bar.error)(message[1])


def current_params() -> dict[str, list[str]]:
    """Every URL parameter of the view on screen (bound widgets included)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _save(uri: str) -> None:
    try:
        view = views.save_view(state.store(uri), st.session_state.get(NAME_KEY, ""),
                               current_params())
    except ViewError as exc:
        st.session_state[MESSAGE] = ("error", str(exc))
        return
    except Exception as exc:  # a store failure: say so, keep the app running
        st.session_state[MESSAGE] = ("error", f"Could not save the view: {scrub(str(exc))}")
        return
    state.saved_views.clear()
    st.session_state[NAME_KEY] = ""
    st.session_state[MESSAGE] = ("ok", f"Saved “{view.name}”.")


def _delete(uri: str, name: str) -> None:
    try:
        views.delete_view(state.store(uri), name)
    except ViewError as exc:
        st.session_state[MESSAGE] = ("error", str(exc))
    state.saved_views.clear()
