"""What the extractor knows from its data packages: places, given names, common words."""

from __future__ import annotations

from kg.extract import knowledge


def test_knowledge_knows_a_city_by_its_french_name():
    assert knowledge.place("Lisbonne") is not None


def test_knowledge_knows_a_small_holiday_town():
    place = knowledge.place("Capri")
    assert place is not None and place.kind == "city" and place.population < 15_000


def test_knowledge_an_old_name_of_a_city_that_is_a_first_name_is_not_a_place():
    assert knowledge.place("Julia") is None  # a historical name of Plovdiv


def test_knowledge_a_small_town_named_like_a_person_is_not_a_place():
    assert knowledge.place("Eden") is None and knowledge.place("Lucas") is None


def test_knowledge_a_large_city_named_like_a_person_stays_a_place():
    assert knowledge.place("Florence").kind == "city"


def test_knowledge_knows_a_region_by_its_french_name():
    assert knowledge.place("Pouilles").kind == "region"


def test_knowledge_knows_a_country_in_french():
    assert knowledge.place("Allemagne").kind == "country"


def test_knowledge_does_not_take_a_brand_for_a_place():
    assert knowledge.place("Starbucks") is None


def test_knowledge_knows_a_common_given_name():
    assert knowledge.is_given_name("Kim") and knowledge.is_given_name("Léna")


def test_knowledge_a_rare_name_used_by_a_brand_is_not_a_given_name():
    assert not knowledge.is_given_name("Chanel")


def test_knowledge_an_interjection_in_capitals_is_a_common_acronym():
    assert knowledge.is_common_acronym("OMG")


def test_knowledge_an_unknown_acronym_is_not_common():
    assert not knowledge.is_common_acronym("QZXV")


def test_knowledge_gives_the_english_name_of_a_country_spelled_in_french():
    assert knowledge.english_place_name("Allemagne") == "Germany"


def test_knowledge_gives_the_english_name_of_a_city_spelled_in_french():
    assert knowledge.english_place_name("Londres") == "London"


def test_knowledge_gives_the_english_name_of_a_region_without_its_local_variants():
    assert knowledge.english_place_name("Bavière") == "Bavaria"


def test_knowledge_has_no_english_name_for_an_unknown_place():
    assert knowledge.english_place_name("Zorblyville") is None
