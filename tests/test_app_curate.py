"""The app's Curate page through AppTest: a rule applied, listed, then undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from small_graph import write_small_graph
from streamlit.testing.v1 import AppTest

from kg.store import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def curate_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    uri = str(tmp_path / "graph.db")
    with open_store(uri) as graph:
        write_small_graph(graph)
    monkeypatch.setenv("TRENDGRAPH_STORE", uri)
    monkeypatch.delenv("TRENDGRAPH_RULES", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.radio(key="page").set_value("Curate").run()
    assert not at.exception, at.exception
    return at, uri


def _names(uri: str) -> set[str]:
    with open_store(uri) as graph:
        return {row[0] for row in graph.query("MATCH (e:Entity) RETURN e.name").rows}


def test_app_curate_merges_and_lists_the_rule(curate_page) -> None:
    at, uri = curate_page
    at.text_input(key="cur_a_q").input("Blokecore").run()
    at.text_input(key="cur_b_q").input("Mermaidcore").run()
    at.button(key="cur_apply").click().run()
    assert not at.exception, at.exception
    assert "Rule 1: merge Blokecore" in at.success[0].value
    assert "Blokecore" not in _names(uri)
    assert "merge Blokecore (trend:blokecore) into Mermaidcore" in at.dataframe[0].value["rule"][0]


def test_app_curate_hides_then_undoes(curate_page) -> None:
    at, uri = curate_page
    at.radio(key="cur_op").set_value("Hide").run()
    at.text_input(key="cur_a_q").input("Sexism").run()
    at.button(key="cur_apply").click().run()
    assert "Sexism" not in _names(uri)
    at.button(key="cur_undo_go").click().run()
    assert not at.exception, at.exception
    assert "Undid rule 1" in at.success[0].value
    assert "Sexism" in _names(uri)
