"""Trend discovery: hashtags segmented and attached, coinages kept whole, texts written here."""

from __future__ import annotations

import pytest

from kg.extract.segment import hashtag_name, segment


def _trends(extraction) -> dict[str, object]:
    return {e.name: e for e in extraction.entities if e.type == "Trend"}


# ---------------------------------------------------------------- hashtag segmentation


@pytest.mark.parametrize(("hashtag", "words"), [
    ("#cozygamer", ["cozy", "gamer"]),
    ("#quietluxury", ["quiet", "luxury"]),
    ("#cuisinemedievale", ["cuisine", "medievale"]),
    ("#MobWife", ["Mob", "Wife"]),
    ("#ITlife", ["IT", "life"]),
    ("#sigmamogging", ["sigma", "mogging"]),
])
def test_segment_splits_a_hashtag_into_words(hashtag, words):
    assert segment(hashtag) == words


def test_segment_keeps_a_coinage_suffix_glued_in_the_name():
    assert hashtag_name("#balletcore") == "balletcore"


def test_segment_leaves_an_unsure_split_whole():
    assert hashtag_name("#blockout2024") == "blockout2024"


# ---------------------------------------------------------------- hashtags attach to what they name


def test_extract_hashtag_of_an_inflected_trend_name_is_its_alias(extract_text):
    text = ("Cozy gaming keeps growing this winter: soft lights, farming games and tea. "
            "My evening routine #cozygamer")
    trends = _trends(extract_text(text, "en"))
    assert "#cozygamer" in trends["Cozy gaming"].aliases
    assert "Cozy gamer" not in trends


def test_extract_hashtag_of_a_brand_is_the_brand_not_a_trend(extract_text):
    text = "Nintendo sold out its pastel controllers in a week. #Nintendo #cozygaming"
    extraction = extract_text(text, "en")
    assert "Nintendo" not in _trends(extraction)


def test_extract_a_generic_hashtag_alone_is_a_weak_trend(extract_text):
    text = "Booked three appointments this week, the salon is packed. #nailtrends"
    trends = _trends(extract_text(text, "en"))
    assert trends["Nail trends"].confidence < 0.5


def test_extract_a_lone_hashtag_built_like_a_coinage_is_not_weak(extract_text):
    text = "Wool scarf, knitted vest and a teapot on the desk. #grandpacore"
    trends = _trends(extract_text(text, "en"))
    assert trends["Grandpacore"].confidence >= 0.5
