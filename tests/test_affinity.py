"""Affinity you can trust: a score that counts support, ranked lists per audience.

On the small graph, Millennials x Blokecore rests on one sentence and has the
highest lift (6.0); queer community x Mermaidcore rests on three and has lift 2.0.
"""

from __future__ import annotations

import pytest

from kg.affinity import affinity_matrix, log_odds, over_index, pair_counts

GEN_Z, MILLENNIALS, QUEER = "audience:genz", "audience:millennials", "audience:queercommunity"


def test_affinity_one_sentence_cannot_top_the_ranking(small_graph_store):
    ranked = affinity_matrix(small_graph_store).ranked()
    top = ranked[0]
    assert (top.audience, top.trend, top.count) == ("queer community", "Mermaidcore", 3)
    lone = next(c for c in ranked if c.trend == "Blokecore")
    assert lone.lift > top.lift and lone.score < top.score


def test_affinity_score_grows_with_support_at_equal_shares():
    _, few = log_odds(2, 10, 1, 10, 3, 20)
    _, many = log_odds(20, 100, 10, 100, 30, 200)
    assert 0 < few < many


def test_affinity_score_is_antisymmetric():
    delta, z = log_odds(5, 20, 1, 30, 6, 50)
    back_delta, back_z = log_odds(1, 30, 5, 20, 6, 50)
    assert delta == pytest.approx(-back_delta) and z == pytest.approx(-back_z)


def test_affinity_cells_carry_counts_and_documents(small_graph_store):
    cells = {(c.audience_id, c.trend_id): c for c in affinity_matrix(small_graph_store).cells}
    queer = cells[(QUEER, "trend:mermaidcore")]
    assert (queer.count, queer.docs) == (3, 3)
    assert cells[(QUEER, "trend:girlmath")].count == 0


def test_affinity_ranked_list_against_another_audience(small_graph_store):
    rows = over_index(pair_counts(small_graph_store), GEN_Z, MILLENNIALS)
    assert [r.trend for r in rows] == ["Mermaidcore", "Barbiecore", "Girl Math"]
    assert (rows[0].count, rows[0].other) == (3, 0)
    assert rows[-1].score < 0  # Millennials' share of Girl Math is larger


def test_affinity_ranked_list_against_all_others_lists_only_linked_trends(small_graph_store):
    rows = over_index(pair_counts(small_graph_store), MILLENNIALS)
    assert {r.trend for r in rows} == {"Blokecore", "Girl Math"}
    girl_math = next(r for r in rows if r.trend == "Girl Math")
    assert (girl_math.count, girl_math.other) == (1, 3)  # 3 = Gen Z's


def test_affinity_refuses_an_audience_against_itself(small_graph_store):
    with pytest.raises(ValueError, match="another audience"):
        over_index(pair_counts(small_graph_store), GEN_Z, GEN_Z)
