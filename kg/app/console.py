"""Cypher console: read-only queries, a library of saved ones, results as table and graph.

The store enforces read-only (Neo4j READ access, FalkorDB GRAPH.RO_QUERY), so a
write is refused by the database itself; this page only shows the refusal plainly.
A query that ran is in the URL (``cy``, ``cyp``), so a shared link runs it again.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from kg.app import components, state, urlstate
from kg.errors import ReadOnlyError, TrendgraphError
from kg.queries import ENTITY
from kg.saved_queries import SavedQuery, load_saved_queries
from kg.secrets import scrub
from kg.store.base import GraphNode, GraphRel

EDITOR, PARAMS, LIBRARY, RUN = "console_cypher", "console_params", "console_saved", "console_run"
CYPHER_PARAM, PARAMS_PARAM = "cy", "cyp"
LIMIT, TIMEOUT = 500, 10.0


def render(uri: str) -> None:
    st.title("Cypher console")
    st.caption("Read-only: writes, LOAD CSV, procedures (other than schema and full-text "
               "reads) and admin commands are refused before they reach the store.")
    queries = {q.name: q for q in load_saved_queries()}
    if EDITOR not in st.session_state:
        _start(next(iter(queries.values())))
    library, editor = st.columns([1, 2])
    with library:
        name = st.selectbox("Saved queries", list(queries), key=LIBRARY, bind="query-params",
                            on_change=lambda: _load(queries[st.session_state[LIBRARY]]))
        st.markdown(queries[name].description)
        st.button("Load into the editor", on_click=lambda: _load(queries[name]))
    with editor:
        st.text_area("Cypher", key=EDITOR, height=220)
        st.text_area("Parameters (JSON object)", key=PARAMS, height=68)
        c1, c2, c3 = st.columns([1, 1, 1], vertical_alignment="bottom")
        limit = c1.number_input("Row limit", 1, 100_000, LIMIT, step=100, key="console_limit",
                                bind="query-params")
        timeout = c2.number_input("Timeout (s)", 1.0, 120.0, TIMEOUT, step=5.0,
                                  key="console_timeout", bind="query-params")
        if c3.button("Run", type="primary", key="console_run_button"):
            st.session_state[RUN] = (st.session_state[EDITOR], st.session_state[PARAMS],
                                     int(limit), float(timeout))
            urlstate.write(CYPHER_PARAM, st.session_state[EDITOR])
            urlstate.write(PARAMS_PARAM, st.session_state[PARAMS])
    if RUN in st.session_state:
        _results(uri, *st.session_state[RUN])


def _start(first: SavedQuery) -> None:
    """A new session: the query of a shared URL (run at once), else the first saved one."""
    shared = st.query_params.get(CYPHER_PARAM, "")
    if not shared.strip():
        _load(first)
        return
    params = st.query_params.get(PARAMS_PARAM, "") or "{}"
    st.session_state[EDITOR], st.session_state[PARAMS] = shared, params
    st.session_state[RUN] = (shared, params, LIMIT, TIMEOUT)


def _load(query: SavedQuery) -> None:
    """Callback: put a saved query and its default parameters in the editor."""
    st.session_state[EDITOR] = query.cypher
    st.session_state[PARAMS] = json.dumps(query.params, ensure_ascii=False)
    st.session_state.pop(RUN, None)


def _results(uri: str, cypher: str, params_text: str, limit: int, timeout: float) -> None:
    if not cypher.strip():
        st.info("Write a query, or pick one from the saved queries.")
        return
    try:
        params = json.loads(params_text) if params_text.strip() else {}
    except json.JSONDecodeError as exc:
        st.error(f"The parameters are not valid JSON ({exc.msg} at line {exc.lineno}, column "
                 f"{exc.colno}). Write an object such as {{\"trend\": \"Mermaidcore\"}}.")
        return
    if not isinstance(params, dict):
        st.error("The parameters must be a JSON object such as {\"trend\": \"Mermaidcore\"}.")
        return
    canonical = json.dumps(params, sort_keys=True, ensure_ascii=False)
    try:
        result = state.run_query(uri, cypher, canonical, limit, timeout)
    except ReadOnlyError:
        st.error("Refused: this console is read-only, and the query would change the graph "
                 "(CREATE, MERGE, SET, DELETE…). Use `trendgraph ingest` to add data.")
        return
    except TrendgraphError as exc:
        st.error(scrub(str(exc)))
        return
    note = " (cut at the row limit)" if result.truncated else ""
    st.markdown(f"**{len(result)} row(s)**{note}")
    if not result.rows:
        st.info("The query ran and returned no rows.")
        return
    st.dataframe(_frame(result.columns, result.rows), hide_index=True, width="stretch")
    if _has_graph(result.rows):
        graph = state.query_graph(uri, cypher, canonical, limit, 60)
        if graph.nodes:
            ontology = state.store(uri).ontology
            st.markdown("**As a graph**")
            components.render_legend(sorted({n.type for n in graph.nodes}), ontology)
            key = f"console-graph:{hash(cypher + canonical)}"
            components.render_graph(graph, ontology, key=key)


def _has_graph(rows: list[list[Any]]) -> bool:
    def walk(value: Any) -> bool:
        if isinstance(value, GraphNode | GraphRel):
            return True
        return isinstance(value, list) and any(walk(v) for v in value)

    return any(walk(v) for row in rows for v in row)


def _cell(value: Any) -> Any:
    """Plain text for nodes, relationships and lists, so any result fits a table."""
    if isinstance(value, GraphNode):
        labels = ":".join(label for label in value.labels if label != ENTITY)
        name = value.properties.get("name") or value.properties.get("title") or value.id
        return f"(:{labels} {name})"
    if isinstance(value, GraphRel):
        return f"[:{value.type} weight={value.properties.get('weight', '')}]"
    if isinstance(value, list):
        return json.dumps([_cell(v) for v in value], ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _frame(columns: list[str], rows: list[list[Any]]) -> pd.DataFrame:
    frame = pd.DataFrame([[_cell(v) for v in row] for row in rows], columns=columns)
    for column in frame.columns:  # mixed-type columns break Arrow; show them as text
        if frame[column].map(type).nunique() > 1:
            frame[column] = frame[column].astype(str)
    return frame
