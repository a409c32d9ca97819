"""The embedded store: its bundled server stops on close and the data is on disk."""

from __future__ import annotations

from pathlib import Path

from kg.model import Document, Entity, Extraction, Mention, document_id
from kg.store import open_store


def _one_trend(store) -> None:
    doc = Document(id=document_id("Mermaidcore on TikTok"), text="Mermaidcore on TikTok",
                   source="t.txt", date="2024-03-12")
    store.write([Extraction(doc, [Entity("Trend", "Mermaidcore", [], [Mention("M", 0, 11, 0)])])])


def test_falkordb_store_data_survives_close_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "graph.db"
    store = open_store(str(path))
    _one_trend(store)
    store.close()
    with open_store(str(path)) as reopened:
        assert reopened.stats().labels["Trend"] == 1


def test_falkordb_store_close_stops_the_bundled_server(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "graph.db"))
    server = store._server
    assert server.pid()
    _one_trend(store)
    store.close()
    assert not server.pid()
    assert not server.socket.exists() and not server.pidfile.exists()


def test_falkordb_store_two_handles_share_one_server(tmp_path: Path) -> None:
    path = str(tmp_path / "graph.db")
    first, second = open_store(path), open_store(path)
    _one_trend(first)
    first.close()
    assert second.stats().labels["Trend"] == 1
    second.close()
