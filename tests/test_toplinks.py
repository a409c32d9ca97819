"""Each entity's list of its strongest links (kg.store.toplinks), on every backend.

The promise under test: after any write, re-ingest, curation merge, hide or link
removal, every entity's list is exactly what one pass over its links computes
(``rank_links``), strongest first, at most ``TOP_K`` long; and a view read off the
lists shows what a view reading the links shows.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hub_graph import COTTAGECORE, GENZ, write_hub_graph

from kg.curation import Hide, HideLink, Merge
from kg.curation.engine import apply_rules
from kg.errors import QueryError
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation
from kg.store.toplinks import TOP_K
from kg.subgraph import Selection, select

LISTS = """
MATCH (e:Entity)
RETURN e.id AS id, e.top_ids AS ids, e.top_types AS types, e.top_out AS out,
       e.top_weight AS weight, e.top_confidence AS confidence, e.top_hidden AS hidden,
       e.link_count AS links, e.link_degree AS degree, e.link_weight AS strength
ORDER BY id"""

STAR = "brand:star"


def _lists(store) -> dict[str, dict]:
    return {row["id"]: row for row in store.query(LISTS, limit=100_000).dicts()}


def _ranked_again(store) -> dict[str, dict]:
    store.rank_links()
    return _lists(store)


def _entity(type_: str, name: str) -> Entity:
    return Entity(type=type_, name=name, mentions=[Mention(name, 0, len(name), 0)])


def _doc(n: int, links: list[tuple[str, str, str, int]], date: str = "2025-01-05") -> Extraction:
    """A document with ``count`` sentences for each (type, brand name, trend name) link."""
    doc = Document(id=f"doc:top{n}", text="…", source=f"tests/top{n}.txt", date=date,
                   lang="en")
    entities: dict[str, Entity] = {}
    relations = []
    for kind, source, target, count in links:
        ends = [entities.setdefault(name, _entity(type_, name))
                for type_, name in (("Brand", source), ("Trend", target))]
        relations.append(Relation(ends[0].id, ends[1].id, kind, confidence=0.7, evidence=[
            Evidence(doc.id, f"{source} and {target}, sentence {i}.") for i in range(count)]))
    return Extraction(doc, list(entities.values()), relations, lang="en")


def _star(count: int) -> list[Extraction]:
    """One brand linked to ``count`` trends, trend n by n sentences (one document each)."""
    return [_doc(n, [("ASSOCIATED_WITH", "Star", f"Trend {n:03d}", n)])
            for n in range(1, count + 1)]


def test_toplinks_written_batch_by_batch_equal_one_pass_over_the_links(
        store, contract_extractions) -> None:
    for extraction in contract_extractions:
        store.write([extraction])
    written = _lists(store)
    assert written["trend:mermaidcore"]["ids"][0] == "audience:genz"  # 3 sentences
    assert written == _ranked_again(store)


def test_toplinks_keep_the_strongest_k_strongest_first(store) -> None:
    store.write(_star(TOP_K + 5)[::-1], batch_size=7)  # weaker links meet a full list
    star = _lists(store)[STAR]
    assert star["weight"] == list(range(TOP_K + 5, 5, -1))
    assert _lists(store) == _ranked_again(store)


def test_toplinks_a_new_stronger_link_enters_a_full_list_first(store) -> None:
    store.write(_star(TOP_K + 5))
    store.write([_doc(999, [("ASSOCIATED_WITH", "Star", "Trend 001", 100)])])
    star = _lists(store)[STAR]
    assert star["ids"][0] == "trend:trend001" and star["weight"][0] == 101
    assert len(star["ids"]) == TOP_K and "trend:trend006" not in star["ids"]
    assert _lists(store) == _ranked_again(store)


def test_toplinks_do_not_change_when_the_same_documents_are_ingested_again(
        store, contract_extractions) -> None:
    store.write(contract_extractions)
    before = _lists(store)
    store.write(contract_extractions)
    assert _lists(store) == before


def test_toplinks_follow_a_merge_of_two_entities(store) -> None:
    store.write([_doc(1, [("ASSOCIATED_WITH", "Acme", "Cozy", 2)]),
                 _doc(2, [("ASSOCIATED_WITH", "Acme", "Douillet", 3)])])
    apply_rules(store, [Merge("trend:douillet", "trend:cozy", "Cozy", "Trend")])
    acme = _lists(store)["brand:acme"]
    assert acme["ids"] == ["trend:cozy"] and acme["weight"] == [5]
    assert _lists(store) == _ranked_again(store)


def test_toplinks_drop_a_hidden_entity_and_a_hidden_link(store) -> None:
    store.write(_star(TOP_K + 5))
    apply_rules(store, [Hide("trend:trend055"), HideLink(STAR, "trend:trend054")])
    star = _lists(store)[STAR]
    assert star["ids"][:2] == ["trend:trend053", "trend:trend052"]
    assert len(star["ids"]) == TOP_K and "trend:trend005" in star["ids"]  # moved up
    assert _lists(store) == _ranked_again(store)


def _drop_lists(store) -> None:
    """A store written before the lists existed (or loaded by neo4j-admin)."""
    store._run_batch([("MATCH (e:Entity) REMOVE e.top_ids RETURN count(e)", {})])


def _view(graph) -> tuple:
    return (sorted((n.id, n.ring) for n in graph.nodes),
            sorted((e.key, e.weight, len(e.evidence)) for e in graph.edges),
            graph.hidden_links, graph.omitted_edges)


def test_toplinks_a_view_read_off_the_lists_equals_one_reading_the_links(store) -> None:
    write_hub_graph(store)
    selections = [Selection(seeds=(GENZ,), hops=2, max_nodes=30, links_per_node=2),
                  Selection(seeds=(COTTAGECORE,), hops=2, per_node=2),
                  Selection(seeds=(GENZ, COTTAGECORE), hops=1)]
    listed = [_view(select(store, s)) for s in selections]
    _drop_lists(store)
    assert [_view(select(store, s)) for s in selections] == listed


def test_toplinks_a_write_left_unranked_drops_the_lists_it_touched(store) -> None:
    store.write(_star(TOP_K + 5), rank=False)  # as each batch of an ingest run
    assert all(row["ids"] is None for row in _lists(store).values())
    assert store.rank_links(stale_only=True) == TOP_K + 6
    assert len(_lists(store)[STAR]["ids"]) == TOP_K
    assert _lists(store) == _ranked_again(store)


def test_toplinks_an_unranked_write_is_shown_from_the_links_until_ranked(store) -> None:
    write_hub_graph(store)
    selection = Selection(seeds=(GENZ,), hops=2, max_nodes=30, links_per_node=2)
    store.write([_doc(1, [("ASSOCIATED_WITH", "Star", "Cottagecore", 200)])], rank=False)
    stale = _view(select(store, selection))  # a killed run leaves this until the next
    assert STAR in [node for node, _ in stale[0]]
    store.rank_links(stale_only=True)
    assert _view(select(store, selection)) == stale


def test_toplinks_a_view_reads_in_one_transaction_as_outside_one(store) -> None:
    write_hub_graph(store)
    selection = Selection(seeds=(GENZ,), hops=2, max_nodes=30)
    alone = _view(select(store, selection))
    with store.reading(), store.reading():  # a view inside another unit joins it
        assert _view(select(store, selection)) == alone
        assert store.query("MATCH (e:Entity {id: $id}) RETURN e.id AS id",
                           {"id": GENZ}).scalar() == GENZ
    with pytest.raises(QueryError), store.reading():
        store.query("RETURN 1 / $zero AS x", {"zero": 0})
    assert _view(select(store, selection)) == alone  # the failed unit left nothing open


@pytest.mark.parametrize("typed", [True, False])
def test_toplinks_the_same_whether_the_links_are_walked_by_type_or_all_then_kept_by_type(
        store, contract_extractions, typed) -> None:
    """FalkorDB walks every relationship and keeps the link types by name (faster there);
    Neo4j walks the link types: either way, the same lists (documents' MENTIONS left out)."""
    store.write([*contract_extractions, *_star(TOP_K + 3)])
    before = _lists(store)
    store.traits = replace(store.traits, typed_expand=typed)
    assert _ranked_again(store) == before
