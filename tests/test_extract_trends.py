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


# ---------------------------------------------------------------- coinages and whole names


@pytest.mark.parametrize("text", [
    "Teenage boys moved from skincare to sleepmaxxing within a single spring.",
    "Forums say half the users now call themselves doompilled about the economy.",
    "Her feed is pure brainrot after midnight, she admits.",
])
def test_extract_a_lowercase_coinage_is_a_trend(extract_text, text):
    coinage = next(w for w in text.split() if w in ("sleepmaxxing", "doompilled", "brainrot"))
    assert coinage.capitalize() in _trends(extract_text(text, "en"))


def test_extract_a_describing_word_before_a_suffix_coinage_belongs_to_it(extract_text):
    trends = _trends(extract_text("Clips of sigma mogging at the gym flood every feed.", "en"))
    assert "Sigma mogging" in trends


def test_extract_a_rare_word_that_is_no_coinage_is_not_a_trend(extract_text):
    text = "The curator described the sculpture as perspicacious and oddly serene."
    assert _trends(extract_text(text, "en")) == {}


def test_extract_english_phrase_after_a_french_determiner_is_a_trend(extract_text):
    text = "Chez les trentenaires, le slow living remplace les soirées en ville."
    assert "Slow living" in _trends(extract_text(text, "fr"))


def test_extract_a_borrowed_theme_is_not_a_trend(extract_text):
    text = "Les enseignes accusées de fast fashion perdent des clientes fidèles."
    assert "Fast fashion" not in _trends(extract_text(text, "fr"))


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Retirees have taken up puddle mapping, the practice of logging every flooded street.",
     "en", "Puddle mapping"),
    ("Commuters swear by sock layering, a trend where two thin pairs replace one thick pair.",
     "en", "Sock layering"),
    ("Les quartiers découvrent le troc de graines, cette tendance qui remplit les halls.",
     "fr", "Troc de graines"),
    ("Les lycéens adoptent le dessin lent, la pratique de copier une image pendant une heure.",
     "fr", "Dessin lent"),
])
def test_extract_a_phrase_a_definition_follows_is_a_trend(extract_text, text, lang, name):
    assert name in _trends(extract_text(text, lang))


@pytest.mark.parametrize("text", [
    "She framed the old bakery, the art of her grandfather, above the counter.",
    "Voters try local markets, the practice of which divides the council.",
])
def test_extract_a_definition_without_a_verb_or_clause_makes_no_trend(extract_text, text):
    assert _trends(extract_text(text, "en")) == {}


def test_extract_keeps_the_first_word_of_a_cued_name(extract_text):
    text = "Everyone has an opinion on the viral little treat culture trend this year."
    trends = _trends(extract_text(text, "en"))
    assert "Little treat culture" in trends and "Treat culture" not in trends


def test_extract_a_quoted_name_is_taken_whole(extract_text):
    text = 'Creators film their mornings with "rat girl summer" energy and loud music.'
    assert "Rat girl summer" in _trends(extract_text(text, "en"))


def test_extract_a_verb_opening_a_heading_is_not_part_of_a_trend(extract_text):
    text = ("Trying Quiet vacationing at work\n\nQuiet vacationing means logging in from "
            "the beach while the boss thinks you are at your desk.")
    trends = _trends(extract_text(text, "en"))
    assert not any(name.startswith("Trying") for name in trends)


# ---------------------------------------------------------------- the trend gazetteer


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Managers now worry about quiet cracking more than about resignations.", "en",
     "Quiet cracking"),
    ("Sur TikTok, la démission silencieuse est devenue un sujet de conversation au bureau.",
     "fr", "Quiet quitting"),
    ("Every café in town now sells a version of the Dubai chocolate bar.", "en",
     "Dubai chocolate"),
    ("Glossy bubbles and blue skies: Frutiger Aero is back on every moodboard.", "en",
     "Frutiger Aero"),
])
def test_extract_a_well_known_trend_named_bare_is_a_trend(extract_text, text, lang, name):
    assert name in _trends(extract_text(text, lang))


def test_extract_a_trend_that_is_an_everyday_word_needs_a_cue(extract_text):
    assert "Demure" not in _trends(extract_text("She wore a demure black dress.", "en"))
    cued = extract_text("The Demure trend took over TikTok in August.", "en")
    assert "Demure" in _trends(cued)


def test_extract_an_english_role_in_a_french_text_is_not_a_trend(extract_text):
    text = ("Dans chaque club de nage, une sirène plus expérimentée, la mermaid queen, "
            "accueille les nouvelles venues.")
    assert _trends(extract_text(text, "fr")) == {}


def test_extract_a_hyphenated_coinage_after_a_naming_cue_stays_whole(extract_text):
    text = "A habit known as floomp-scrolling now fills the first hour of the day."
    assert "Floomp-scrolling" in _trends(extract_text(text, "en"))


def test_extract_a_word_glued_to_coded_is_a_trend(extract_text):
    text = "Her wardrobe is so gremlin-coded that strangers stop her in the street."
    assert "Gremlin-coded" in _trends(extract_text(text, "en"))


@pytest.mark.parametrize("text", [
    "The tins are colour-coded by flavour.",
    "Knitting was long seen as a female-coded hobby.",
])
def test_extract_an_everyday_coded_compound_is_no_trend(extract_text, text):
    assert _trends(extract_text(text, "en")) == {}


def test_extract_a_known_name_glued_to_core_is_the_trend_not_the_name(extract_text):
    extraction = extract_text("Shoppers fell for Lego-core shelves full of bright bricks.", "en")
    assert "Lego-core" in _trends(extraction)
    assert "Lego" not in {e.name for e in extraction.entities}
