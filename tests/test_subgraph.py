"""The one selection every view and export uses: hubs, background links, paths, dates.

Runs on every backend over tests/hub_graph.py, whose shape is described there.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hub_graph import (
    ACME,
    ASHLEY,
    CLOUD,
    COTTAGECORE,
    GENZ,
    INSTAGRAM,
    MILLENNIALS,
    SLOW,
    SWIFT,
    TIKTOK,
    WOVEN,
    background_extractions,
    woven_extractions,
    write_hub_graph,
)

from kg.subgraph import Selection, date_range, select
from kg.subgraph.sources import documents


@pytest.fixture
def hub_store(store):
    write_hub_graph(store)
    return store


def _ids(graph) -> set[str]:
    return {n.id for n in graph.nodes}


def _pairs(graph) -> set[frozenset[str]]:
    return {frozenset((e.source, e.target)) for e in graph.edges}


def test_subgraph_hides_background_links_and_counts_them(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), hops=1))
    assert frozenset((INSTAGRAM, TIKTOK)) not in _pairs(graph)
    assert frozenset((GENZ, TIKTOK)) not in _pairs(graph)
    assert graph.hidden_links >= 1


def test_subgraph_shows_background_links_when_asked(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(INSTAGRAM,), background_links=True))
    assert frozenset((INSTAGRAM, TIKTOK)) in _pairs(graph)
    assert graph.hidden_links == 0


def test_subgraph_marks_hubs(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,)))
    hubs = {n.id for n in graph.nodes if n.hub}
    assert hubs == {GENZ, TIKTOK}


def test_subgraph_two_hops_do_not_pass_through_a_hub(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), hops=2))
    assert ASHLEY in _ids(graph)
    assert ACME not in _ids(graph)
    assert not any(n.id.startswith("trend:filler") for n in graph.nodes)


def test_subgraph_two_hops_pass_through_hubs_when_asked(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), hops=2, through_hubs=True,
                                        max_nodes=100))
    assert ACME in _ids(graph)


def test_subgraph_type_filter_keeps_the_path_as_context(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), hops=2,
                                        node_types=frozenset({"Brand"})))
    swift = graph.node(SWIFT)
    assert graph.node(ASHLEY) is not None and not graph.node(ASHLEY).context
    assert swift is not None and swift.context
    assert {frozenset((COTTAGECORE, SWIFT)), frozenset((SWIFT, ASHLEY))} <= _pairs(graph)


def test_subgraph_type_filter_leaves_out_nodes_not_on_a_path(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), hops=2,
                                        node_types=frozenset({"Brand"})))
    assert _ids(graph) == {COTTAGECORE, SWIFT, ASHLEY}


def test_subgraph_a_stated_link_outranks_a_heavier_co_occurrence(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,)))
    order = [frozenset((e.source, e.target)) for e in graph.edges]
    stated = order.index(frozenset((COTTAGECORE, GENZ)))
    co_occurrence = order.index(frozenset((COTTAGECORE, SWIFT)))
    assert stated < co_occurrence
    assert graph.edges[co_occurrence].weight > graph.edges[stated].weight


def test_subgraph_flags_headline_evidence_and_ranks_it_last(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,)))
    headline = next(e for e in graph.edges if MILLENNIALS in (e.source, e.target))
    assert headline.headline_only and headline.evidence[0].headline
    cued = [e for e in graph.edges if e.cued]
    assert cued[-1] == headline


def test_subgraph_date_range_leaves_undated_documents_out_and_counts_them(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), since="2024-01-01",
                                        until="2024-12-31"))
    assert SLOW not in _ids(graph)
    assert graph.undated_left_out == 1
    assert GENZ in _ids(graph)


def test_subgraph_date_range_can_include_undated_documents(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), since="2024-01-01",
                                        until="2024-12-31", include_undated=True))
    assert SLOW in _ids(graph)
    assert graph.undated_left_out == 0


def test_subgraph_links_of_an_unfiltered_view_name_the_documents_of_their_evidence(
        hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,)))
    assert all(e.docs and set(e.docs) == {ev.doc for ev in e.evidence}
               for e in graph.edges if e.type != "SAME_STORY")


def test_subgraph_links_of_a_filtered_view_name_only_documents_that_pass(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), since="2024-01-01",
                                        until="2024-12-31"))
    docs = documents(hub_store, [d for e in graph.edges for d in e.docs])
    assert docs and all("2024-01-01" <= (d["date"] or "") <= "2024-12-31"
                        for d in docs.values())


def test_subgraph_date_range_of_a_store_ignores_undated_documents(hub_store) -> None:
    dates = date_range(hub_store)
    assert (dates.first, dates.last, dates.undated) == ("2024-03-01", "2024-06-12", 1)


def test_subgraph_until_is_a_plain_last_day_that_keeps_the_whole_day() -> None:
    """The selection (and every subtitle that prints it) holds the day the user picked;
    only comparisons use a bound after any time of that day."""
    chosen = Selection(since="2024-05-01", until="2024-05-01")
    assert chosen.until == "2024-05-01"
    assert "2024-05-01T23:59" < chosen.until_bound < "2024-05-02"


def test_subgraph_lists_seeds_in_the_order_given(hub_store) -> None:
    for seeds in ((COTTAGECORE, GENZ), (GENZ, COTTAGECORE)):
        graph = select(hub_store, Selection(seeds=seeds))
        assert tuple(n.id for n in graph.nodes if n.seed) == seeds


def test_subgraph_ring_reads_each_nodes_strongest_links_only(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(COTTAGECORE,), per_node=1))
    assert _ids(graph) == {COTTAGECORE, SWIFT}  # 3 sentences; every other link has 1


def test_subgraph_two_hops_stay_within_k_per_node(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(GENZ,), hops=2, per_node=2, max_nodes=100,
                                        stories=False))
    rings = [n.ring for n in graph.nodes if not n.seed]
    assert rings.count(1) <= 2 and rings.count(2) <= 2 * 2


def test_subgraph_ring_picks_background_links_last(hub_store) -> None:
    graph = select(hub_store, Selection(seeds=(GENZ,), per_node=3))
    assert TIKTOK not in _ids(graph)  # its 2 sentences with Gen Z are background
    assert len(_ids(graph)) == 4


def _reached(graph, start: str) -> set[str]:
    """Nodes joined to ``start`` by the links drawn."""
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for edge in graph.edges:
            if here in (edge.source, edge.target):
                other = edge.target if edge.source == here else edge.source
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
    return seen


def test_subgraph_draws_at_most_k_links_per_node_and_stays_connected(store) -> None:
    store.write(woven_extractions())
    every = select(store, Selection(seeds=(WOVEN,), hops=2, links_per_node=0))
    capped = select(store, Selection(seeds=(WOVEN,), hops=2, links_per_node=3))
    brands = {n.id for n in every.nodes if n.type == "Brand"}
    degree = Counter(end for e in capped.edges for end in (e.source, e.target))
    assert len(brands) == 9 and _ids(capped) == _ids(every)
    assert max(degree[b] for b in brands) == 3 < min(
        Counter(end for e in every.edges for end in (e.source, e.target))[b] for b in brands)
    assert _reached(capped, WOVEN) == _ids(capped)  # brand-brand links outweigh the walk's
    assert capped.omitted_edges == len(every.edges) - len(capped.edges) > 0


def test_subgraph_counts_background_links_the_cap_leaves_unread(store) -> None:
    store.write(background_extractions())
    every = select(store, Selection(seeds=(CLOUD,), links_per_node=0))
    capped = select(store, Selection(seeds=(CLOUD,), links_per_node=1))
    assert every.hidden_links == capped.hidden_links == 3
