"""Entity search: what a strategist typing in the search box gets back."""

from __future__ import annotations

from kg.search import EntityHit, index_of, search

INDEX = index_of([
    EntityHit("platform:x", "X", "Platform", ("Twitter",), 40),
    EntityHit("trend:cozygaming", "Cozy gaming", "Trend", ("gaming douillet",), 27),
    EntityHit("trend:cozygamer", "Cozygamer", "Trend", (), 1),
    EntityHit("trend:mermaidcore", "Mermaidcore", "Trend", ("#mermaidcore",), 12),
    EntityHit("audience:genz", "Gen Z", "Audience", ("zoomers",), 30),
])


def test_search_nonsense_finds_no_match():
    assert search(INDEX, "zzqxv") == []


def test_search_short_entity_is_not_found_inside_a_longer_query():
    assert all(hit.name != "X" for hit in search(INDEX, "xylophone"))


def test_search_prefers_the_most_mentioned_among_close_matches():
    assert [hit.name for hit in search(INDEX, "cozy")][:2] == ["Cozy gaming", "Cozygamer"]


def test_search_exact_name_still_wins_over_mentions():
    assert search(INDEX, "cozygamer")[0].name == "Cozygamer"


def test_search_tolerates_a_typo():
    assert search(INDEX, "mermaidcor")[0].name == "Mermaidcore"


def test_search_finds_aliases():
    assert search(INDEX, "gaming douillet")[0].name == "Cozy gaming"
