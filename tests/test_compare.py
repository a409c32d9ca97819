"""Compare: entities side by side (weeks, audiences and platforms, shared and unique
neighbours) and one entity in two periods, on the small graph (both stores)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.analytics import Window
from kg.compare import compare_entities, compare_periods
from kg.errors import UnknownEntityError

MERMAIDCORE, GIRL_MATH, BLOKECORE = "trend:mermaidcore", "trend:girlmath", "trend:blokecore"
OCTOBER = Window(date(2025, 10, 1), date(2025, 10, 31))
NOVEMBER = Window(date(2025, 11, 1), date(2025, 11, 30))


def test_compare_weekly_series_share_the_same_weeks(small_graph_store):
    found = compare_entities(small_graph_store, [MERMAIDCORE, GIRL_MATH])
    mermaid, girl_math = found.items
    assert [w.week for w in mermaid.weekly] == [w.week for w in girl_math.weekly] \
        == list(found.weeks)
    assert sum(w.documents for w in mermaid.weekly) == mermaid.documents == 7
    assert sum(w.documents for w in girl_math.weekly) == girl_math.documents == 4


def test_compare_shows_audiences_and_platforms_of_each(small_graph_store):
    mermaid, girl_math = compare_entities(small_graph_store, [MERMAIDCORE, GIRL_MATH]).items
    assert [x.name for x in mermaid.profile["Audience"]] == ["Gen Z", "queer community"]
    assert [x.name for x in girl_math.profile["Platform"]] == ["TikTok"]


def test_compare_shared_neighbours_carry_each_weight(small_graph_store):
    found = compare_entities(small_graph_store, [MERMAIDCORE, GIRL_MATH, BLOKECORE])
    shared = {s.name: s.weights for s in found.shared}
    assert shared == {"Gen Z": (3, 3, 0), "TikTok": (2, 1, 0), "Millennials": (0, 1, 1)}


def test_compare_unique_neighbours_leave_out_shared_and_compared(small_graph_store):
    found = compare_entities(small_graph_store, [MERMAIDCORE, GIRL_MATH, BLOKECORE])
    unique = [[x.name for x in own] for own in found.unique]
    assert unique[1] == ["Sexism"] and unique[2] == ["Adidas"]
    assert "Blokecore" not in unique[0] and "Gen Z" not in unique[0]


def test_compare_looks_for_shared_neighbours_among_each_ones_strongest(small_graph_store):
    found = compare_entities(small_graph_store, [MERMAIDCORE, GIRL_MATH], per_item=1)
    assert [s.name for s in found.shared] == ["Gen Z"]  # each one's strongest link
    assert all(len(own) == 0 for own in found.unique)


def test_compare_counts_all_links_of_each(small_graph_store):
    mermaid, _ = compare_entities(small_graph_store, [MERMAIDCORE, GIRL_MATH], per_item=1).items
    assert mermaid.links > 1


def test_compare_refuses_an_unknown_entity(small_graph_store):
    with pytest.raises(UnknownEntityError):
        compare_entities(small_graph_store, [MERMAIDCORE, "trend:nope"])


def test_compare_two_periods_count_documents_and_platforms(small_graph_store):
    found = compare_periods(small_graph_store, MERMAIDCORE, OCTOBER, NOVEMBER)
    assert (found.first.documents, found.second.documents) == (1, 6)
    assert dict(found.second.platforms) == {"TikTok": 3, "Instagram": 2, "X": 1}


def test_compare_two_periods_show_what_appeared(small_graph_store):
    found = compare_periods(small_graph_store, MERMAIDCORE, OCTOBER, NOVEMBER)
    appeared = {name: docs for _, name, _, docs in found.appeared}
    assert appeared["Gen Z"] == 3 and appeared["Levi's"] == 2
    assert "queer community" not in appeared  # named in both periods
    assert found.faded == ()
