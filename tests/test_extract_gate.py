"""The gated matcher: spaCy's ``Matcher`` run only where its patterns' rare words occur.

Its one promise is to return exactly the plain matcher's matches. The property tests
draw many texts (seeded, so a failure replays) from a small vocabulary where anchor
words, common words and punctuation mix, and compare the gated matcher with the
plain ``Matcher`` it wraps, over patterns that use every operator. Every text here
was written for these tests.
"""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.matcher import Matcher

from kg.extract.gate import GatedMatcher, max_length, requirements

WORDS = [
    "the", "a", "and", "of", "to", "in", "fans", "brand", "famille", "génération", "among",
    "over", "under", "-", ",", ".", "50s", "25s", "young", "women", "moms", "working", "Black",
    "country", "K", "pop", "Taylor", "Swift", "Lisbon", "Gen", "Z", "les", "jeunes", "chez",
    "étudiants", "popular", "with", "students", "loved", "by", "it", "is", "was", "very", "new",
]

PATTERNS: dict[str, list[list[dict]]] = {
    "plain": [[{"LOWER": "fans"}], [{"LOWER": "brand"}, {"LOWER": "new"}]],
    "in_list": [[{"LOWER": {"IN": ["young", "working", "black"]}, "OP": "+"},
                 {"LOWER": {"IN": ["women", "moms"]}}]],
    "optional": [[{"LOWER": "popular"}, {"LOWER": "with", "OP": "?"},
                  {"LOWER": "the", "OP": "?"}, {"LOWER": "students"}]],
    "negated": [[{"LOWER": "gen"}, {"ORTH": "Z", "OP": "!"}],
                [{"LOWER": "famille"}, {"LOWER": "the", "OP": "!"}, {"IS_TITLE": True}]],
    "repeat": [[{"LOWER": "chez"}, {"LOWER": "les", "OP": "{1,2}"}, {"IS_ALPHA": True}],
               [{"ORTH": "K"}, {"ORTH": "-", "OP": "{,2}"}, {"LOWER": "pop", "OP": "{2}"}]],
    "title_run": [[{"IS_TITLE": True, "OP": "{1,3}"}, {"LOWER": "fans"}]],
    "lower_keys": [[{"lower": "loved"}, {"lower": "by"}, {"is_alpha": True, "op": "?"}]],
    "common_anchor": [[{"LOWER": "the"}, {"LOWER": "génération"}]],
    "no_literal": [[{"IS_TITLE": True}, {"IS_TITLE": True}]],
}
GREEDY = {"in_list": "LONGEST", "title_run": "LONGEST", "repeat": "FIRST"}
UNBOUNDED = {"starred": [[{"LOWER": "among"}, {"IS_ALPHA": True, "OP": "*"},
                          {"LOWER": "students"}]]}


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 90))) for _ in range(count)]


def _matchers(nlp, patterns: dict, *, windows: bool) -> tuple[GatedMatcher, Matcher]:
    gated, plain = GatedMatcher(nlp.vocab, windows=windows), Matcher(nlp.vocab)
    for key, group in patterns.items():
        gated.add(key, group, greedy=GREEDY.get(key))
        plain.add(key, group, greedy=GREEDY.get(key))
    return gated, plain


@pytest.mark.parametrize("windows", [True, False])
@pytest.mark.parametrize("keys", [
    list(PATTERNS), ["plain"], ["in_list", "optional"], ["negated"], ["repeat"],
    ["title_run", "common_anchor"], ["lower_keys", "negated", "repeat"],
])
def test_gate_returns_the_plain_matchers_matches(nlp, windows, keys):
    gated, plain = _matchers(nlp, {k: PATTERNS[k] for k in keys}, windows=windows)
    for text in _texts(seed=len(keys) * 7 + windows, count=400):
        doc = nlp.make_doc(text)
        expected, found = plain(doc), gated(doc)
        if windows:
            assert sorted(found) == sorted(expected), text
        else:
            assert found == expected, text  # same matches in the same order


def test_gate_handles_patterns_of_unbounded_length(nlp):
    gated, plain = _matchers(nlp, {**UNBOUNDED, "plain": PATTERNS["plain"]}, windows=True)
    assert gated.longest is None
    for text in _texts(seed=3, count=300):
        doc = nlp.make_doc(text)
        assert sorted(gated(doc)) == sorted(plain(doc)), text


def test_gate_hints_open_the_gate_for_words_a_regex_holds(nlp):
    age = [[{"LOWER": "the"}, {"LOWER": {"REGEX": "^(?:under|over)-[0-9]{2}s$"}}]]
    gated = GatedMatcher(nlp.vocab)
    gated.add("age", age, hints=["under", "over"])
    plain = Matcher(nlp.vocab)
    plain.add("age", age)
    for text in ("Trips for the over-50s sell out.", "The under-25s vote less.",
                 "None of the over 50s came.", "The brand targets nobody."):
        doc = nlp.make_doc(text)
        assert gated(doc) == plain(doc), text
    assert gated(nlp.make_doc("Trips for the over-50s sell out."))


def test_gate_skips_a_document_without_the_words_every_pattern_needs(nlp):
    gated = GatedMatcher(nlp.vocab)
    gated.add("pair", [[{"LOWER": "brand"}, {"LOWER": "new"}]])
    doc = nlp.make_doc("A new song, a new brand: nothing in this order.")
    assert gated.could_match(doc) and not gated(doc)
    assert not gated.could_match(nlp.make_doc("The song is new."))


def test_gate_anchor_is_the_rarest_obligatory_word_set():
    pattern = [{"LOWER": "the"}, {"LOWER": "fans", "OP": "?"}, {"LOWER": "génération"}]
    assert requirements(pattern) == [frozenset(["génération"]), frozenset(["the"])]


def test_gate_negated_token_counts_in_length_but_is_no_requirement():
    pattern = [{"LOWER": "gen"}, {"ORTH": "Z", "OP": "!"}]
    assert max_length(pattern) == 2
    assert requirements(pattern) == [frozenset(["gen"])]


@pytest.mark.parametrize(("op", "length"), [("?", 1), ("{2}", 2), ("{1,3}", 3), ("{,2}", 2),
                                            ("+", None), ("*", None), ("{2,}", None)])
def test_gate_max_length_follows_the_operator(op, length):
    assert max_length([{"LOWER": "x", "OP": op}]) == length


def test_gate_refuses_callbacks_with_windows(nlp):
    with pytest.raises(ValueError, match="windows=False"):
        GatedMatcher(nlp.vocab).add("x", [[{"LOWER": "x"}]], on_match=lambda *a: None)


AUDIENCE_TEXTS = {
    "en": [
        "Young women and working moms are buying the new serum.",
        "The brand is popular among students and retirees.",
        "Trips for the over-50s sell out, and the under - 25s travel by train.",
        "Black country fans filled the arena; K-pop stans stayed home.",
        "Harry Styles fans queued all night in Lisbon.",
        "Eco-conscious consumers and stay-at-home moms compare prices.",
        "It rained all day and nobody went out.",
        "Their parents liked it. Gen Z did not.",
    ],
    "fr": [
        "Les jeunes femmes et les mères actives achètent ce sérum.",
        "La marque séduit les étudiants et les retraités.",
        "Les moins de 25 ans voyagent en train, les fans de foot aussi.",
        "Chez les jeunes, la tendance s'installe.",
        "Il a plu toute la journée et personne n'est sorti.",
        "Ses enfants adorent la série.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_gate_audience_patterns_match_as_the_plain_matcher(lang):
    from kg.extract.pipeline import load_pipeline

    nlp = load_pipeline(lang)
    gated = nlp.get_pipe("trendgraph_audiences").matcher
    assert isinstance(gated, GatedMatcher)
    texts = AUDIENCE_TEXTS[lang]
    rng = random.Random(11)
    mixes = [" ".join(rng.sample(texts, k=rng.randint(1, 4))) for _ in range(20)]
    skipped = 0
    for doc in nlp.pipe([*texts, *mixes]):
        assert gated(doc) == gated.matcher(doc), doc.text
        skipped += not gated.could_match(doc)
    assert skipped  # the gate does skip documents where no pattern can match
