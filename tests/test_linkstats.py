"""What a link means: strength, hubs and background links, decided from the data."""

from __future__ import annotations

from kg.linkstats import HubPolicy, build_profile, is_background, is_cued


def _rows(**degrees: tuple[str, int, int]) -> list[dict]:
    return [{"id": i, "type": t, "degree": d, "strength": s} for i, (t, d, s) in degrees.items()]


def test_linkstats_a_specific_link_outscores_a_hub_link_with_more_sentences() -> None:
    profile = build_profile(_rows(
        genz=("Audience", 40, 200), tiktok=("Platform", 50, 300), mermaid=("Trend", 4, 6),
        queer=("Audience", 3, 5)))
    assert profile.strength(3, "mermaid", "queer") > profile.strength(12, "genz", "tiktok")


def test_linkstats_a_link_below_chance_scores_below_zero() -> None:
    profile = build_profile(_rows(genz=("Audience", 40, 200), tiktok=("Platform", 50, 200)))
    assert profile.strength(5, "genz", "tiktok") < 0


def test_linkstats_one_sentence_between_rare_ends_does_not_top_a_supported_link() -> None:
    profile = build_profile(_rows(
        a=("Trend", 1, 1), b=("Topic", 1, 1), mermaid=("Trend", 8, 20), genz=("Audience", 9, 40),
        rest=("Trend", 9, 139)))
    assert profile.strength(1, "a", "b") < profile.strength(6, "mermaid", "genz")


def test_linkstats_platforms_are_always_hubs() -> None:
    profile = build_profile(_rows(x=("Platform", 1, 1), trend=("Trend", 1, 1)))
    assert profile.hubs == {"x"}


def test_linkstats_hubs_by_degree_percentile_with_a_floor() -> None:
    rows = _rows(**{f"t{n}": ("Trend", 2, 2) for n in range(100)},
                 big=("Trend", 60, 90), genz=("Audience", 12, 30), small=("Audience", 9, 9))
    profile = build_profile(rows, HubPolicy(percentile=99.0, min_degree=10))
    assert profile.hubs == {"big", "genz"}


def test_linkstats_nothing_is_a_hub_below_the_floor() -> None:
    profile = build_profile(_rows(a=("Trend", 3, 3), b=("Audience", 5, 5)))
    assert profile.hubs == frozenset()


def test_linkstats_background_links_are_platform_and_audience_platform_co_occurrences() -> None:
    assert is_background("RELATED_TO", "Platform", "Platform", "RELATED_TO")
    assert is_background("RELATED_TO", "Platform", "Audience", "RELATED_TO")
    assert not is_background("RELATED_TO", "Audience", "Audience", "RELATED_TO")
    assert not is_background("SPREADS_ON", "Trend", "Platform", "RELATED_TO")


def test_linkstats_a_stated_link_is_typed_and_cued() -> None:
    assert is_cued("POPULAR_WITH", 0.9, "RELATED_TO")
    assert not is_cued("POPULAR_WITH", 0.55, "RELATED_TO")
    assert not is_cued("RELATED_TO", 0.95, "RELATED_TO")
    assert is_cued("POPULAR_WITH", 0.5, "RELATED_TO", cued=True)
