"""Each page's logic through Streamlit's AppTest, on the small graph (no browser).

AppTest cannot click inside the graph component, so these tests drive the same
paths through the widgets the pages offer beside it (evidence picker, expand
button, heat-map pair picker); tests/test_browser.py clicks the real canvas.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
EDGE = "trend:mermaidcore|POPULAR_WITH|audience:queercommunity"


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch, warm_models: None):
    """Start the app on a store URI; returns a function so each test picks its store."""

    def start(uri: str) -> AppTest:
        monkeypatch.setenv("TRENDGRAPH_STORE", uri)
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception, at.exception
        return at

    return start


def _page(at: AppTest, name: str) -> AppTest:
    at.sidebar.radio(key="page").set_value(name).run()
    assert not at.exception, at.exception
    return at


def _texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def _search(at: AppTest, text: str) -> AppTest:
    at.text_input(key="q").input(text).run()
    assert not at.exception, at.exception
    return at


def test_app_search_shows_card_and_neighbour_table(app_on, small_graph_uri):
    at = _search(app_on(small_graph_uri), "mermaid core")  # spacing and case differ
    assert "### Mermaidcore" in _texts(at.markdown)
    assert [m.value for m in at.metric][:2] == ["10", "7"]  # mentions, documents
    links = at.dataframe[0].value
    neighbours = set(links["to"]) | set(links["from"])
    assert {"Gen Z", "queer community", "TikTok", "Levi's"} <= neighbours
    assert "popular with" in set(links["relationship"])
    assert "Store" in _texts(at.sidebar.markdown)


def test_app_search_by_alias_finds_the_entity(app_on, small_graph_uri):
    at = _search(app_on(small_graph_uri), "zoomers")
    assert "### Gen Z" in _texts(at.markdown)


def test_app_unknown_entity_says_so(app_on, small_graph_uri):
    at = _search(app_on(small_graph_uri), "qwxzv")
    assert "No match for “qwxzv”" in _texts(at.info)
    assert not at.error


def test_app_evidence_panel_shows_quotes_for_a_link(app_on, small_graph_uri):
    at = _search(app_on(small_graph_uri), "Mermaidcore")
    picker = next(s for s in at.selectbox if s.label == "Show evidence for")
    picker.set_value(EDGE).run()
    quotes = [m.value for m in at.markdown if m.value.startswith(">")]
    assert len(quotes) == 3
    assert "Mermaidcore popular with queer community" in quotes[0]
    assert "Queer mermaids on Instagram" in quotes[0] and "2025-11-12" in quotes[0]


def test_app_expand_adds_a_nodes_neighbours(app_on, small_graph_uri):
    at = _search(app_on(small_graph_uri), "Mermaidcore")
    before = set(at.dataframe[0].value["from"]) | set(at.dataframe[0].value["to"])
    next(s for s in at.selectbox if s.label == "Add the neighbours of").set_value(
        "trend:blokecore").run()
    at.button(key="expand").click().run()
    after = set(at.dataframe[0].value["from"]) | set(at.dataframe[0].value["to"])
    assert {"Adidas", "Millennials"} <= after - before


def test_app_empty_store_explains_how_to_fill_it(app_on, tmp_path):
    at = app_on(str(tmp_path / "empty.db"))
    assert "This graph is empty" in _texts(at.info)
    assert "trendgraph ingest data/" in _texts(at.info)


def test_app_unreachable_store_shows_an_error_not_a_traceback(app_on):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes
    at = app_on(f"falkordb://127.0.0.1:{port}")
    assert "Cannot open the graph store" in _texts(at.error)
    assert not at.exception


def test_app_trend_profile_answers_audiences_and_platforms(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Trend profile")
    assert at.selectbox(key="url:trend").value == "trend:mermaidcore"  # most mentioned
    assert at.query_params["trend"] in ("trend:mermaidcore", ["trend:mermaidcore"])
    tables = {tuple(df.value["name"]) for df in at.dataframe}
    assert ("Gen Z", "queer community") in tables or ("queer community", "Gen Z") in tables
    assert ("TikTok", "Instagram") in tables
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Documents, last 30 days"] == "6" and metrics["Growth"] == "+500%"


def test_app_rising_trends_table(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Rising trends")
    table = at.dataframe[0].value
    assert list(table["trend"]) == ["Mermaidcore", "Blokecore", "Girl Math"]
    assert list(table["new"]) == [False, True, False]
    assert table["growth"][0] == "+500%" and table["growth"][1] == "from 0"
    assert len(table["weekly"][0]) >= 8
    assert "2025-10-30 → **2025-11-28** (the newest document)" in _texts(at.caption)


def test_app_affinity_pair_opens_evidence(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Audience × trend")
    at.selectbox(key="url:pair").set_value("audience:queercommunity|trend:mermaidcore").run()
    assert "queer community × Mermaidcore · 3 · score +1.47" in _texts(at.markdown)
    assert sum(m.value.startswith(">") for m in at.markdown) == 3


def test_app_brand_view_flags_controversy(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Brand view")
    at.selectbox(key="url:brand").set_value("brand:kfc").run()
    warnings = _texts(at.warning)
    assert "Blockout2024" in warnings and "through Mister V" in warnings
    at.selectbox(key="url:brand").set_value("brand:adidas").run()
    assert "No controversy cue" in _texts(at.success)


def test_app_console_runs_a_saved_query(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Cypher console")
    at.selectbox(key="console_saved").set_value("Platforms a trend spreads on").run()
    assert "SPREADS_ON" in at.text_area(key="console_cypher").value
    at.button(key="console_run_button").click().run()
    assert not at.error, _texts(at.error)
    table = at.dataframe[0].value
    assert list(table["platform"]) == ["TikTok", "Instagram"]


def test_app_console_draws_graph_results(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Cypher console")
    at.selectbox(key="console_saved").set_value("Neighbourhood of an entity (graph)").run()
    at.button(key="console_run_button").click().run()
    assert "**As a graph**" in _texts(at.markdown)
    assert "(:Trend Mermaidcore)" in set(at.dataframe[0].value["e"])


def test_app_console_refuses_a_write(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Cypher console")
    at.text_area(key="console_cypher").input("CREATE (n:Trend {name: 'Nope'}) RETURN n")
    at.button(key="console_run_button").click().run()
    assert "read-only" in _texts(at.error)
    at.text_area(key="console_cypher").input("MATCH (t:Trend) RETURN t.name AS name")
    at.text_area(key="console_params").input("{not json")
    at.button(key="console_run_button").click().run()
    assert "not valid JSON" in _texts(at.error)


def test_app_console_shows_syntax_errors_plainly(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Cypher console")
    at.text_area(key="console_cypher").input("MATCH (n RETURN n")
    at.text_area(key="console_params").input("{}")
    at.button(key="console_run_button").click().run()
    assert "Query failed" in _texts(at.error)
    assert not at.exception


def test_app_ingest_page_offers_the_cli_formats(app_on, small_graph_uri):
    at = _page(app_on(small_graph_uri), "Ingest")
    assert "Ingest" in [t.value for t in at.title]
    assert at.button(key="ingest_button").disabled  # nothing uploaded yet


def test_app_ingest_uploads_and_reports_rejected_files(app_on, tmp_path):
    at = _page(app_on(str(tmp_path / "upload.db")), "Ingest")
    text = (b"TITLE: Mermaidcore on TikTok\nDATE: 2025-11-20\n\n"
            b"Mermaidcore is hugely popular with Gen Z on TikTok.\n")
    at.file_uploader(key="ingest_files").set_value([
        ("mermaidcore.txt", text, "text/plain"),
        ("broken.jsonl", b'{"text": "ok"}\n{not json\n', "application/json"),
    ]).run()
    at.button(key="ingest_button").click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Sources"] == "2" and int(metrics["New"]) >= 1
    assert "rejected" in _texts(at.warning)
    rejected = at.dataframe[0].value
    assert rejected["file"].iloc[0].startswith("broken.jsonl")
    _search(_page(at, "Explore"), "Mermaidcore")
    assert "### Mermaidcore" in _texts(at.markdown)


def test_app_ingest_names_the_file_and_row_of_each_rejection_and_warning(app_on, tmp_path):
    at = _page(app_on(str(tmp_path / "rows.db")), "Ingest")
    export = (b"id,date,text\n"
              b"p1,2024-06-10,Mermaidcore is popular with Gen Z on TikTok\n"
              b"p2,9999-12-31,A post from a date that cannot come\n"
              b"p3,next blue moon,Girl Math keeps trending on TikTok\n")
    at.file_uploader(key="ingest_files").set_value([("posts.csv", export, "text/csv")]).run()
    at.button(key="ingest_button").click().run()
    assert not at.exception, at.exception
    assert "1 file(s) or row(s) were rejected" in _texts(at.warning)
    table = at.dataframe[0].value.to_dict("records")
    rejected = [r for r in table if r["outcome"] == "rejected"]
    warned = [r for r in table if r["outcome"] != "rejected"]
    assert [(r["file"], r["where"]) for r in rejected] == [("posts.csv", "row 3 (id p2)")]
    assert "9999-12-31" in rejected[0]["reason"]
    assert [(r["file"], r["where"]) for r in warned] == [("posts.csv", "row 4 (id p3)")]
    assert "undated" in warned[0]["reason"]


def test_app_ingest_pasted_text(app_on, tmp_path):
    at = _page(app_on(str(tmp_path / "paste.db")), "Ingest")
    at.text_area(key="paste_text").input(
        "Mermaidcore is hugely popular with Gen Z on TikTok this summer.").run()
    at.text_input(key="paste_title").input("Pasted note").run()
    at.text_input(key="paste_date").input("2025-11-20").run()
    at.button(key="paste_button").click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["New"] == "1" and "Everything was read" in _texts(at.success)
    _search(_page(at, "Explore"), "Mermaidcore")
    assert "### Mermaidcore" in _texts(at.markdown)


def test_app_ingest_a_page_from_its_address(app_on, tmp_path, local_site, monkeypatch):
    monkeypatch.setenv("TRENDGRAPH_ALLOW_PRIVATE_URLS", "1")  # the test site is on loopback
    at = _page(app_on(str(tmp_path / "url.db")), "Ingest")
    at.text_input(key="ingest_url").input(f"{local_site}/mermaid-tails.html").run()
    at.button(key="url_button").click().run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["New"] == "1"
    _search(_page(at, "Explore"), "Mermaidcore")
    assert "### Mermaidcore" in _texts(at.markdown)


def test_app_ingest_a_bad_address_is_reported(app_on, tmp_path, local_site, monkeypatch):
    monkeypatch.setenv("TRENDGRAPH_ALLOW_PRIVATE_URLS", "1")
    at = _page(app_on(str(tmp_path / "bad-url.db")), "Ingest")
    at.text_input(key="ingest_url").input(f"{local_site}/nope.html").run()
    at.button(key="url_button").click().run()
    rejected = at.dataframe[0].value
    assert "HTTP 404" in rejected["reason"].iloc[0]


def test_app_shows_a_write_made_elsewhere_at_the_next_run(app_on, tmp_path):
    from small_graph import write_small_graph

    from kg.app import state
    from kg.store import open_store

    uri = str(tmp_path / "graph.db")
    with open_store(uri) as graph:
        write_small_graph(graph)
    at = app_on(uri)
    before = _texts(at.sidebar.caption)
    state.store(uri).delete_entities(["trend:mermaidcore"])  # as a curation or CLI would

    at.run()  # no "Refresh data" press

    assert _texts(at.sidebar.caption) != before

