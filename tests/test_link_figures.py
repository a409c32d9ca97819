"""The link figures each entity keeps (kg.store.toplinks, kg.linkstats.FIGURES), on every backend.

The promise under test: after any write, incremental ingest, deletion or re-ingest,
an entity's kept figures (links, distinct neighbours, summed weight) are what a count
of its links gives; and the readers built on them (the link profile, the saved query
"Most connected entities") answer exactly as the counts they replaced.
"""

from __future__ import annotations

from test_toplinks import STAR, _doc, _star

from kg.curation import Hide
from kg.curation.engine import apply_rules, rebuild
from kg.linkstats import _CACHE, DEGREES, build_profile, link_profile
from kg.saved_queries import load_saved_queries
from kg.store.toplinks import TOP_K

KEPT = """
MATCH (e:Entity) WHERE e.link_count > 0
RETURN e.id AS id, e.link_count AS links, e.link_degree AS degree, e.link_weight AS strength
ORDER BY id"""

COUNTED = """
MATCH (e:Entity)-[r]-(o:Entity) WHERE o.id <> e.id
RETURN e.id AS id, count(r) AS links, count(DISTINCT o) AS degree, sum(r.weight) AS strength
ORDER BY id"""

MOST_CONNECTED_COUNTED = """
MATCH (e:Entity)-[r]-(:Entity)
WITH e, count(r) AS links, sum(r.weight) AS weight
RETURN e.name AS entity, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, links, weight
ORDER BY links DESC, weight DESC, entity
LIMIT $top"""


def _rows(store, text: str) -> list[tuple]:
    return [(r["id"], r["links"], r["degree"], int(r["strength"]))
            for r in store.query(text, limit=100_000).dicts()]


def _unrank_trends(store) -> None:
    """Half the graph unranked, as after a killed run or a neo4j-admin import."""
    store._run_batch([("MATCH (e:Trend) REMOVE e.top_ids RETURN count(e)", {})])


def test_figures_equal_a_count_of_the_links_after_an_incremental_ingest(
        store, contract_extractions) -> None:
    for extraction in [*contract_extractions, *_star(TOP_K + 5)]:
        store.write([extraction])
    store.write([_doc(999, [("ASSOCIATED_WITH", "Star", "Trend 001", 4)])])
    assert _rows(store, KEPT) == _rows(store, COUNTED)


def test_figures_of_a_hub_follow_a_deleted_neighbour_its_list_does_not_name(store) -> None:
    store.write(_star(TOP_K + 5))
    apply_rules(store, [Hide("trend:trend003")])  # the star's list holds trends 6 to 55
    star = dict((row[0], row[1:]) for row in _rows(store, KEPT))[STAR]
    assert star == (TOP_K + 4, TOP_K + 4, sum(range(1, TOP_K + 6)) - 3)
    assert _rows(store, KEPT) == _rows(store, COUNTED)


def test_figures_equal_a_count_of_the_links_after_a_delete_and_re_ingest(
        store, contract_extractions) -> None:
    store.write([*contract_extractions, *_star(12)])
    rebuild(store, [])  # every entity deleted, then written again from the archives
    assert _rows(store, KEPT) == _rows(store, COUNTED)


def test_link_profile_read_off_the_figures_equals_the_counted_one(
        store, contract_extractions) -> None:
    store.write([*contract_extractions, *_star(12)])
    counted = build_profile(store.query(DEGREES, limit=100_000).dicts())
    _CACHE.clear()
    assert link_profile(store) == counted
    _unrank_trends(store)
    _CACHE.clear()
    assert link_profile(store) == counted


def test_most_connected_saved_query_answers_as_the_count_it_replaced(
        store, contract_extractions) -> None:
    store.write([*contract_extractions, *_star(12)])
    query = next(q for q in load_saved_queries() if q.name == "Most connected entities")
    counted = store.query(MOST_CONNECTED_COUNTED, query.params).rows
    assert store.query(query.cypher, query.params).rows == counted
    _unrank_trends(store)
    assert store.query(query.cypher, query.params).rows == counted
