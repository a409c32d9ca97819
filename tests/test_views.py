"""Saved views: named explorer URLs kept in the graph store, on both backends, across a
restart of the store; the label comes from the ontology's meta-schema."""

from __future__ import annotations

import pytest

from kg.errors import ViewError
from kg.store import open_store
from kg.views import delete_view, href, save_view, saved_views, view_query

COMPARE = {"page": "Compare", "cmp": ["trend:mermaidcore", "trend:girlmath"]}


def _reopen(store, tmp_path):
    """A new connection to the same data (the embedded file, or the same Neo4j)."""
    from conftest import NEO4J_URI

    store.close()
    return open_store(NEO4J_URI if store.traits.name == "neo4j" else str(tmp_path / "graph.db"))


def test_views_query_string_puts_the_page_first_and_repeats_lists():
    assert view_query({"cmp": ["a", "b"], "page": "Compare"}) == "page=Compare&cmp=a&cmp=b"


def test_views_saved_view_survives_a_restart(store, tmp_path):
    save_view(store, "Mermaidcore vs Girl Math", COMPARE)
    again = _reopen(store, tmp_path)
    try:
        views = saved_views(again)
    finally:
        again.close()
    assert [(v.name, v.query) for v in views] == [
        ("Mermaidcore vs Girl Math", "page=Compare&cmp=trend%3Amermaidcore&cmp=trend%3Agirlmath")]
    assert href(views[0]).startswith("?page=Compare&")


def test_views_same_name_replaces_the_view(store):
    save_view(store, "Watch list", {"page": "Rising trends"})
    save_view(store, "  Watch   list ", {"page": "Rising trends", "asof": "2025-11-28"})
    assert [v.query for v in saved_views(store)] == ["page=Rising+trends&asof=2025-11-28"]


def test_views_are_listed_by_name(store):
    for name in ("b view", "A view", "c view"):
        save_view(store, name, {"page": "Explore"})
    assert [v.name for v in saved_views(store)] == ["A view", "b view", "c view"]


def test_views_delete_removes_only_that_view(store):
    save_view(store, "keep", {"page": "Explore"})
    save_view(store, "drop", {"page": "Landscape"})
    delete_view(store, "drop")
    assert [v.name for v in saved_views(store)] == ["keep"]
    with pytest.raises(ViewError, match=r"No saved view named 'drop' \(saved views: keep\)"):
        delete_view(store, "drop")


def test_views_need_a_name(store):
    with pytest.raises(ViewError, match="Give the view a name"):
        save_view(store, "   ", {"page": "Explore"})
    assert saved_views(store) == []


def test_views_are_stored_under_the_ontology_label(store, ontology):
    save_view(store, "one", {"page": "Explore"})
    label = ontology.meta.view_label
    assert store.stats().labels.get(label) == 1
    assert "Entity" not in store.stats().labels  # a view is not an entity of the graph
