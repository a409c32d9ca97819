"""Ingest page: upload articles and posts into the current store, with the CLI's report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from kg.app import state
from kg.errors import TrendgraphError

REPORT = "ingest_report"
# Share of the bar each stage takes: extraction dominates the time.
STAGES = {"read": (0.0, 0.1, "Reading files"), "extract": (0.1, 0.85, "Extracting entities"),
          "store": (0.85, 1.0, "Storing the graph")}


def render(uri: str) -> None:
    from ingest import READERS

    st.title("Ingest")
    st.markdown(
        "Upload articles and posts: text and Markdown (optional `URL:`/`LANG:`/`DATE:`/`TITLE:` "
        "headers), CSV or JSONL exports with a `text` column, HTML pages and RSS/Atom feeds. "
        "Documents already stored are skipped, so uploading twice adds nothing."
    )
    files = st.file_uploader("Files", type=sorted(s.lstrip(".") for s in READERS),
                             accept_multiple_files=True, key="ingest_files")
    if st.button("Ingest", type="primary", disabled=not files):
        _run(uri, files or [])
    if REPORT in st.session_state:
        _report(st.session_state[REPORT])


def _run(uri: str, files: list) -> None:
    from ingest import read_bytes

    try:
        from kg.ingestion import ingest
    except ImportError as exc:
        st.error(f"The extractor is not available in this installation ({exc}). Reinstall "
                 "trendgraph with its spaCy models (`make run`).")
        return
    bar = st.progress(0.0, text="Reading files…")

    def progress(stage: str, done: int, total: int) -> None:
        start, end, label = STAGES.get(stage, (0.0, 1.0, stage))
        share = done / total if total else 1.0
        bar.progress(min(1.0, start + (end - start) * share),
                     text=f"{label}: {done}/{total or len(files)}")

    reads = [read_bytes(f.getvalue(), source=f.name, suffix=Path(f.name).suffix) for f in files]
    try:
        report = ingest(reads, state.store(uri), progress=progress, workers=1)
    except TrendgraphError as exc:
        st.error(f"Ingest stopped: {exc}")
        return
    bar.progress(1.0, text="Done")
    state.refresh()
    st.session_state[REPORT] = report


def _report(report) -> None:
    cols = st.columns(6)
    for col, (label, value) in zip(cols, [
        ("Files", report.files), ("Documents read", report.documents_read),
        ("New", report.documents_new), ("Already stored", report.documents_skipped),
        ("Entities written", report.entities), ("Relations written", report.relations),
    ], strict=True):
        col.metric(label, value)
    if report.errors:
        st.warning(f"{len(report.errors)} file(s) or row(s) were rejected; everything else was "
                   "stored.")
        st.dataframe(pd.DataFrame([{"file": e.source, "reason": e.reason}
                                   for e in report.errors]), hide_index=True, width="stretch")
    else:
        st.success("Every file was read.")
