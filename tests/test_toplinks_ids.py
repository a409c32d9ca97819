"""Top-link lists that keep each entry's link id (kg.store.toplinks, ``StoreTraits.link_id``).

Neo4j seeks a link by its element id in one step, so its lists keep one per entry and a
view reads the evidence of the links it draws through them; FalkorDB, which would scan
for it, keeps none. The promises: each id names the entry's own link; lists ranked
before ids were kept are ranked again by the next stale-only pass; and an id that names
another link, or none, never changes a view.
"""

from __future__ import annotations

from hub_graph import COTTAGECORE, GENZ, write_hub_graph
from test_toplinks import STAR, _lists, _star

from kg.store.toplinks import LINKS, TOP_K
from kg.subgraph import Selection, select

IDS = f"MATCH (e:Entity) RETURN e.id AS id, e.{LINKS} AS links ORDER BY id"
LINK = "MATCH ()-[r]->() WHERE elementId(r) = $id RETURN startNode(r).id, type(r), endNode(r).id"


def _ids(store) -> dict[str, list | None]:
    return {row["id"]: row["links"] for row in store.query(IDS, limit=100_000).dicts()}


def test_toplinks_each_entry_names_its_own_link_where_links_are_found_by_id(
        store, contract_extractions) -> None:
    store.write([*contract_extractions, *_star(TOP_K + 3)])
    ids, lists = _ids(store), _lists(store)
    if not store.traits.link_id:
        assert set(ids.values()) == {None}
        return
    assert len(ids[STAR]) == TOP_K
    for entity, row in lists.items():
        assert len(ids[entity]) == len(row["ids"])
        for link, other, kind, out in zip(ids[entity], row["ids"], row["types"], row["out"],
                                          strict=True):
            ends = (entity, kind, other) if out else (other, kind, entity)
            assert tuple(store.query(LINK, {"id": link}).rows[0]) == ends


def test_toplinks_lists_ranked_before_link_ids_are_ranked_by_the_next_stale_only_pass(
        store) -> None:
    store.write(_star(3))
    before, ids = _lists(store), _ids(store)
    store._run_batch([(f"MATCH (e:Entity) REMOVE e.{LINKS} RETURN count(e)", {})])
    assert store.rank_links(stale_only=True) == (4 if store.traits.link_id else 0)
    assert _lists(store) == before and _ids(store) == ids


def _shown(graph) -> list:
    return sorted((e.key, e.weight, e.doc_count, e.first_seen, e.last_seen, e.evidence, e.docs)
                  for e in graph.edges)


def test_toplinks_a_link_id_naming_another_link_or_none_leaves_the_view_as_it_was(
        store) -> None:
    write_hub_graph(store)
    selections = [Selection(seeds=(GENZ,), hops=2, max_nodes=30),
                  Selection(seeds=(COTTAGECORE,), hops=2, links_per_node=0)]
    views = [_shown(select(store, s)) for s in selections]
    assert any(len(view) > 3 for view in views)
    assert any(ev.headline for view in views for *_, evidence, _docs in view for ev in evidence)
    # Each list's ids reversed (other links of the same entity), and one that names nothing.
    store._run_batch([(f"""MATCH (e:Entity) WHERE e.{LINKS} IS NOT NULL AND size(e.top_ids) > 0
WITH e, e.{LINKS} AS ids
SET e.{LINKS} = CASE WHEN e.id = $genz THEN ['5:nowhere:0'] + ids[1..]
                ELSE [i IN range(size(ids) - 1, 0, -1) | ids[i]] END RETURN count(e)""",
                       {"genz": GENZ})])
    assert [_shown(select(store, s)) for s in selections] == views
