"""Explore's link options through AppTest: the date filter stays on with undated
documents, which can be included; hubs and platform links are switches."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def explore(monkeypatch: pytest.MonkeyPatch, hub_graph_uri: str) -> AppTest:
    monkeypatch.setenv("TRENDGRAPH_STORE", hub_graph_uri)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="q").input("Cottagecore").run()
    assert not at.exception, at.exception
    return at


def _neighbours(at: AppTest) -> set[str]:
    """Names in the "Links in the picture" table (empty when no link passes)."""
    tables = [d.value for d in at.dataframe if "to" in d.value.columns]
    return set(tables[0]["to"]) | set(tables[0]["from"]) if tables else set()


def test_app_date_filter_stays_on_with_undated_documents(explore: AppTest) -> None:
    assert explore.date_input(key="f_period").value is not None
    assert "Include 1 undated document" in explore.checkbox(key="f_undated").label


def test_app_narrow_period_leaves_undated_links_out_until_included(explore: AppTest) -> None:
    period = explore.date_input(key="f_period")
    period.set_value((period.value[0], period.value[1].replace(day=1))).run()
    assert "Slow living" not in _neighbours(explore)
    assert "1 undated document left out" in "\n".join(c.value for c in explore.caption)
    explore.checkbox(key="f_undated").check().run()
    assert "Slow living" in _neighbours(explore)


def test_app_platform_links_are_a_switch(monkeypatch, hub_graph_uri: str) -> None:
    monkeypatch.setenv("TRENDGRAPH_STORE", hub_graph_uri)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="q").input("Instagram").run()
    assert "TikTok" not in _neighbours(at)
    at.checkbox(key="f_background").check().run()
    assert "TikTok" in _neighbours(at)
