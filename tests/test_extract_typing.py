"""Typing names from knowledge (gazetteer, places, given names, common words) and context.

Each test is one behaviour on a short French or English text written for it.
"""

from __future__ import annotations

import pytest


def _types(extraction) -> dict[str, str]:
    return {e.name: e.type for e in extraction.entities}


# ---------------------------------------------------------------- the brand gazetteer


@pytest.mark.parametrize(("text", "lang"), [
    ("Le matin, elle commande un latte chez Starbucks avant le bureau.", "fr"),
    ("She grabs a Starbucks iced latte on the way to the office.", "en"),
])
def test_typing_a_coffee_chain_from_the_gazetteer_is_a_brand(extract_text, text, lang):
    assert _types(extract_text(text, lang)).get("Starbucks") == "Brand"


def test_typing_a_luxury_house_the_model_reads_as_a_place_is_a_brand(extract_text):
    extraction = extract_text("Straw bags from Loewe fill every feed this month.", "en")
    assert _types(extraction).get("Loewe") == "Brand"


def test_typing_a_product_line_is_a_brand_of_its_own(extract_text):
    extraction = extract_text("Les baskets Samba d'adidas sont partout cet hiver.", "fr")
    assert _types(extraction).get("Samba") == "Brand"


def test_typing_a_brand_made_of_everyday_words_needs_its_capitals(extract_text):
    extraction = extract_text("We climbed the north face of the mountain at dawn.", "en")
    assert "The North Face" not in _types(extraction)


def test_typing_a_brand_made_of_everyday_words_is_found_when_capitalised(extract_text):
    extraction = extract_text("Hikers wear The North Face jackets to the office now.", "en")
    assert _types(extraction).get("The North Face") == "Brand"


def test_typing_a_brand_name_with_an_article_is_not_the_bare_word(extract_text):
    extraction = extract_text("A castle logo on an ordinary product sells nothing.", "en")
    assert "The Ordinary" not in _types(extraction)
