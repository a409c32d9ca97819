"""Typing errors found by reading extractions of new trade-press articles and posts.

Each test is one behaviour on a short French or English text written for it.
"""

from __future__ import annotations

import pytest


def _types(extraction) -> dict[str, str]:
    return {e.name: e.type for e in extraction.entities}


def test_probe_a_lone_name_listed_with_a_known_creator_after_a_repeated_preposition(
        extract_text):
    extraction = extract_text(
        "Le film a été salué par Squeezie et par Amixem, mais critiqué par des guides.", "fr")
    assert _types(extraction).get("Amixem") == "Person"


def test_probe_a_given_name_after_a_platform_preposition_is_no_platform(extract_text):
    extraction = extract_text(
        "Pour sa nouvelle campagne, la maison a misé sur Lisa, adorée des adolescentes.", "fr")
    assert _types(extraction).get("Lisa") != "Platform"


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Lancée en 2016 par Sophie Marchand, la marque vend des bougies parfumées.", "fr",
     "Sophie Marchand"),
])
def test_probe_the_founder_in_an_opening_participle_clause_stays_a_person(
        extract_text, text, lang, name):
    assert _types(extract_text(text, lang)).get(name) == "Person"


def test_probe_a_quoted_title_before_a_work_apposition_is_a_work(extract_text):
    extraction = extract_text(
        "La grimpeuse a présenté « Sommets », le documentaire tourné pendant son expédition.",
        "fr")
    assert _types(extraction).get("Sommets") == "CreativeWork"


def test_probe_a_heading_name_the_body_calls_a_documentary_is_no_trend(extract_text):
    text = ("Sommets, le pari fou d'une grimpeuse\n\n"
            "La grimpeuse a présenté « Sommets », le documentaire tourné pendant son "
            "expédition. Sommets a rempli les salles.")
    types = _types(extract_text(text, "fr"))
    assert types.get("Sommets") == "CreativeWork"
    assert "Trend" not in {t for n, t in types.items() if n == "Sommets"}

