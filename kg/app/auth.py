"""The app's one gate: a shared secret, asked for when the app serves beyond this machine.

`trendgraph app --host 0.0.0.0` refuses to start without TRENDGRAPH_APP_PASSWORD;
when it is set, no page renders in a browser session until that secret is typed.
The comparison is constant-time and the secret is never echoed.
"""

from __future__ import annotations

import hmac
import os

import streamlit as st

from kg.serve import PASSWORD_VARIABLE

SESSION_KEY = "tg_authenticated"


def gate() -> bool:
    """True when this session may see the app; otherwise draw the password form."""
    secret = os.environ.get(PASSWORD_VARIABLE, "")
    if not secret or st.session_state.get(SESSION_KEY):
        return True
    st.title("trendgraph")
    with st.form("login"):
        typed = st.text_input("Password", type="password", key="tg_password")
        submitted = st.form_submit_button("Enter")
    if submitted:
        if hmac.compare_digest(typed.encode("utf-8"), secret.encode("utf-8")):
            st.session_state[SESSION_KEY] = True
            st.session_state.pop("tg_password", None)
            st.rerun()
        st.error("Wrong password.")
    st.caption(f"This explorer is shared on the network; ask its owner for the password "
               f"({PASSWORD_VARIABLE}).")
    return False
