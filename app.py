"""trendgraph's Streamlit app: pick a page, check the store, hand over to the page.

Run with `trendgraph app` (or `streamlit run app.py` with TRENDGRAPH_STORE set).
Each page lives in kg/app/ and reads the graph through kg.analytics and the
cached helpers in kg/app/state.py.
"""

from __future__ import annotations

import streamlit as st

from kg.app import (
    affinity,
    auth,
    brand,
    compare,
    console,
    curate,
    explore,
    ingest_page,
    landscape,
    navigation,
    reader,
    rising,
    saved_views,
    sidebar,
    state,
    trend,
)
from kg.errors import TrendgraphError, UnknownEntityError
from kg.secrets import scrub

RENDERERS = {
    "Explore": explore.render,
    "Landscape": landscape.render,
    "Trend profile": trend.render,
    "Compare": compare.render,
    "Rising trends": rising.render,
    "Audience × trend": affinity.render,
    "Brand view": brand.render,
    "Document": reader.render,
    "Cypher console": console.render,
    "Ingest": ingest_page.render,
    "Curate": curate.render,
}
WORKS_ON_EMPTY = {"Cypher console", "Ingest"}


def main() -> None:
    st.set_page_config(page_title="trendgraph", page_icon="🕸️", layout="wide")
    if not auth.gate():
        return
    navigation.apply_pending()
    page = sidebar.render_pages()
    opened = sidebar.open_store_or_explain(state.store_uri())
    if opened is None:
        return
    uri, stats = opened
    saved_views.render(uri)
    if sidebar.is_empty(stats) and page not in WORKS_ON_EMPTY:
        st.title(page)
        st.info(
            "This graph is empty. Load the sample corpus with `trendgraph ingest data/` "
            "(then press Refresh data), or upload articles and posts on the Ingest page."
        )
        return
    try:
        RENDERERS[page](uri)
    except UnknownEntityError as exc:
        st.warning(f"{exc} It may have been removed; search for it again on the Explore page.")
    except TrendgraphError as exc:
        st.error(scrub(str(exc)))


main()
