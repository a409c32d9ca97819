"""Ingest page: upload files, paste a text or give a page's address; the CLI's report.

The three ways in end in the same ``kg.ingestion.ingest`` call (files, pasted
text and fetched pages are all ``FileRead``s), so duplicates are skipped and bad
input is reported the same way.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ingest import FileRead
from kg.app import state
from kg.errors import TrendgraphError

REPORT = "ingest_report"
# Share of the bar each stage takes: extraction dominates the time.
STAGES = {"read": (0.0, 0.1, "Reading sources"), "extract": (0.1, 0.85, "Extracting entities"),
          "store": (0.85, 1.0, "Storing the graph")}


def render(uri: str) -> None:
    from ingest import READERS

    st.title("Ingest")
    st.markdown(
        "Upload articles and posts: text and Markdown (optional `URL:`/`LANG:`/`DATE:`/`TITLE:` "
        "headers), CSV or JSONL exports with a `text` column, HTML pages and RSS/Atom feeds. "
        "Documents already stored are skipped, so uploading twice adds nothing."
    )
    upload, paste, address = st.tabs(["Upload files", "Paste a text", "From a web address"])
    with upload:
        files = st.file_uploader("Files", type=sorted(s.lstrip(".") for s in READERS),
                                 accept_multiple_files=True, key="ingest_files")
        if st.button("Ingest", type="primary", disabled=not files, key="ingest_button"):
            _run(uri, [_read_upload(f) for f in files or []])
    with paste:
        _paste(uri)
    with address:
        _address(uri)
    if REPORT in st.session_state:
        _report(st.session_state[REPORT])


def _read_upload(upload) -> FileRead:
    from ingest import read_bytes

    return read_bytes(upload.getvalue(), source=upload.name, suffix=Path(upload.name).suffix)


def _paste(uri: str) -> None:
    from ingest.direct import read_pasted

    text = st.text_area("Text", key="paste_text", height=200,
                        placeholder="Paste an article or a post. Optional header lines "
                        "(TITLE:, DATE:, LANG:, URL:) work as in a .txt file.")
    c1, c2, c3 = st.columns([3, 1, 1])
    title = c1.text_input("Title (optional)", key="paste_title")
    day = c2.text_input("Date (YYYY-MM-DD)", key="paste_date")
    lang = c3.selectbox("Language", ["", "en", "fr"], key="paste_lang",
                        format_func=lambda x: x or "detect")
    if st.button("Ingest the text", type="primary", disabled=not text.strip(),
                 key="paste_button"):
        _run(uri, [read_pasted(text, title=title, date=day, lang=lang)])


def _address(uri: str) -> None:
    from ingest.direct import fetch_page

    url = st.text_input("Page address", key="ingest_url", placeholder="https://…",
                        help="The page is downloaded and its main text kept (menus, ads and "
                        "comments left out), with its title, date and site.")
    if st.button("Fetch and ingest", type="primary", disabled=not url.strip(),
                 key="url_button"):
        with st.spinner(f"Downloading {url.strip()}…"):
            read = fetch_page(url)
        _run(uri, [read])


def _run(uri: str, reads: list[FileRead]) -> None:
    try:
        from kg.ingestion import ingest
    except ImportError as exc:
        st.error(f"The extractor is not available in this installation ({exc}). Reinstall "
                 "trendgraph with its spaCy models (`make run`).")
        return
    bar = st.progress(0.0, text="Reading…")

    def progress(stage: str, done: int, total: int) -> None:
        start, end, label = STAGES.get(stage, (0.0, 1.0, stage))
        share = done / total if total else 1.0
        bar.progress(min(1.0, start + (end - start) * share),
                     text=f"{label}: {done}/{total or len(reads)}")

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
        ("Sources", report.files), ("Documents read", report.documents_read),
        ("New", report.documents_new), ("Already stored", report.documents_skipped),
        ("Entities written", report.entities), ("Relations written", report.relations),
    ], strict=True):
        col.metric(label, value)
    if report.store_error:
        st.error(f"Writing stopped: {report.store_error}. The batches written before are "
                 "complete; ingest the same files again to finish.")
    problems = issues(report)
    if report.errors:
        st.warning(f"{len(report.errors)} file(s) or row(s) were rejected; everything else was "
                   "stored." + (f" {len(report.warnings)} more were stored with a warning."
                                if report.warnings else ""))
    elif report.warnings:
        st.info(f"Everything was stored; {len(report.warnings)} file(s) or row(s) with a "
                "warning (below).")
    elif not report.store_error:
        st.success("Everything was read.")
    if problems:
        st.dataframe(pd.DataFrame(problems), hide_index=True, width="stretch")


def issues(report) -> list[dict[str, str]]:
    """One row per rejected or odd file, row or line: the file, where in it, what, outcome."""
    rows = [{**_where(e.source), "reason": e.reason, "outcome": "rejected"}
            for e in report.errors]
    rows += [{**_where(w.source), "reason": w.reason, "outcome": "stored, with a warning"}
             for w in report.warnings]
    return rows


def _where(source: str) -> dict[str, str]:
    """Split "export.csv:row 4 (id p9)" into the file and the place in it."""
    for marker in (":row ", ":line "):
        head, found, tail = source.rpartition(marker)
        if found and head:
            return {"file": head, "where": f"{marker.strip(': ')} {tail}"}
    head, found, tail = source.rpartition(" (part ")
    if found and head:
        return {"file": head, "where": f"part {tail.rstrip(')')}"}
    return {"file": source, "where": ""}
