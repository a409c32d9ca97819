"""Audiences: known groups from the lexicon, groups built from parts by token patterns.

Every text here was written for its test.
"""

from __future__ import annotations

import pytest


def _audiences(extraction) -> dict[str, set[str]]:
    """Audience name -> its surface forms (name and aliases, lower case)."""
    return {e.name: {e.name.lower(), *(a.lower() for a in e.aliases)}
            for e in extraction.entities if e.type == "Audience"}


def _forms(extraction) -> set[str]:
    return {form for forms in _audiences(extraction).values() for form in forms}


# ---------------------------------------------------------------- generations and age groups


@pytest.mark.parametrize(("text", "lang", "form"), [
    ("Les quadras redécouvrent le roller, les trentenaires aussi.", "fr", "quadras"),
    ("Les quinquas adoptent la marche rapide.", "fr", "quinquas"),
    ("Thirtysomethings are buying fewer cars than their parents did.", "en", "thirtysomethings"),
    ("Gen Z-ers are the loudest voices in the comments.", "en", "gen z-ers"),
    ("La génération Y n'a jamais autant voyagé.", "fr", "génération y"),
])
def test_audiences_generation_and_age_words_are_audiences(extract_text, text, lang, form):
    assert form in _forms(extract_text(text, lang))


def test_audiences_an_age_bracket_is_an_audience(extract_text):
    extraction = extract_text("La marque vise les moins de 25 ans avec des prix bas.", "fr")
    assert "moins de 25 ans" in _forms(extraction)


def test_audiences_french_and_english_names_of_one_group_are_one_concept(extract_text):
    english = _audiences(extract_text("Retirees are the new backpackers.", "en"))
    french = _audiences(extract_text("Les retraités sont les nouveaux routards.", "fr"))
    assert set(english) == set(french) == {"Retirees"}


# ---------------------------------------------------------------- groups built from parts


@pytest.mark.parametrize(("text", "form"), [
    ("Working moms swapped the minivan for a cargo bike.", "working moms"),
    ("The label found a following among young Black women in Atlanta.", "young black women"),
    ("Millennial parents now plan birthday parties like product launches.", "millennial parents"),
])
def test_audiences_a_qualified_group_is_one_audience(extract_text, text, form):
    assert form in _forms(extract_text(text, "en"))


@pytest.mark.parametrize(("text", "form"), [
    ("Sur Instagram, les femmes asiatiques partagent leurs routines.", "femmes asiatiques"),
    ("Les jeunes diplômés boudent les grandes villes.", "jeunes diplômés"),
])
def test_audiences_a_french_qualified_group_is_one_audience(extract_text, text, form):
    assert form in _forms(extract_text(text, "fr"))


def test_audiences_a_known_group_inside_a_longer_one_gives_way(extract_text):
    extraction = extract_text("Single dads have their own corner of the internet now.", "en")
    assert "Fathers" not in _audiences(extraction)
    assert "single dads" in _forms(extraction)


def test_audiences_a_bare_group_word_without_a_cue_is_no_audience(extract_text):
    extraction = extract_text("Women asked the men in their lives about the ancient world.", "en")
    assert _audiences(extraction) == {}


def test_audiences_a_weak_qualifier_and_a_weak_head_make_no_audience(extract_text):
    extraction = extract_text("Older users complained about the redesign.", "en")
    assert _audiences(extraction) == {}


def test_audiences_somebodys_relatives_are_no_audience(extract_text):
    extraction = extract_text("Elle filme ses parents chaque dimanche en cuisine.", "fr")
    assert "Parents" not in _audiences(extraction)


# ---------------------------------------------------------------- fans and fandoms


@pytest.mark.parametrize(("text", "lang", "form"), [
    ("Country fans queued for hours at the pop-up.", "en", "country fans"),
    ("Les mordus de sneakers campent devant la boutique.", "fr", "mordus de sneakers"),
    ("Les accros au shopping ont trouvé leur nouvelle appli.", "fr", "accros au shopping"),
])
def test_audiences_people_named_by_what_they_love_are_an_audience(extract_text, text, lang, form):
    assert form in _forms(extract_text(text, lang))


def test_audiences_fans_of_a_person_are_one_audience(extract_text):
    extraction = extract_text("Harry Styles fans dressed in feather boas for the tour.", "en")
    assert "harry styles fans" in _forms(extraction)


def test_audiences_fans_described_by_how_much_they_care_are_no_audience(extract_text):
    extraction = extract_text("Longtime fans and many fans in general hated the remaster.", "en")
    assert _audiences(extraction) == {}


def test_audiences_a_platform_before_users_stays_the_platform(extract_text):
    extraction = extract_text("TikTok fans of the format posted thousands of replies.", "en")
    assert {e.name: e.type for e in extraction.entities}.get("TikTok") == "Platform"


@pytest.mark.parametrize(("text", "name"), [
    ("The BTS ARMY trended for a week after the announcement.", "BTS ARMY"),
    ("Sneakerheads lined up before dawn.", "Sneakerheads"),
    ("The Barbz defended her verse all weekend.", "Barbz"),
])
def test_audiences_known_fandoms_and_subcultures_come_from_the_lexicon(extract_text, text, name):
    assert name in _audiences(extract_text(text, "en"))


# ---------------------------------------------------------------- cues


def test_audiences_a_cue_makes_a_bare_group_an_audience(extract_text):
    extraction = extract_text("The app is especially popular among nurses and students.", "en")
    assert "students" in _forms(extraction)


def test_audiences_a_cue_holds_for_the_whole_list(extract_text):
    extraction = extract_text("Le format séduit les lycéens, les étudiants et les retraités.", "fr")
    assert {"lycéens", "étudiants", "retraités"} <= _forms(extraction)


def test_audiences_young_people_after_an_article_are_an_audience(extract_text):
    extraction = extract_text("Ce format parle aux jeunes, qui l'ont adopté en masse.", "fr")
    assert "jeunes" in _forms(extraction)


def test_audiences_young_before_a_noun_is_only_an_adjective(extract_text):
    extraction = extract_text("Les jeunes marques misent sur le seconde main.", "fr")
    assert _audiences(extraction) == {}


def test_audiences_the_lgbtq_community_is_not_merged_with_the_queer_community(extract_text):
    extraction = extract_text(
        "La communauté LGBTQ+ et la communauté queer n'ont pas réagi de la même façon.", "fr")
    assert {"LGBTQ+ community", "Queer community"} <= set(_audiences(extraction))


def test_audiences_the_younger_generation_is_one_audience_in_both_languages(extract_text):
    english = _audiences(extract_text("The younger generation shrugged at the launch.", "en"))
    french = _audiences(extract_text("La jeune génération boude ces lancements.", "fr"))
    assert set(english) == set(french) == {"Younger generations"}


@pytest.mark.parametrize(("text", "form"), [
    ("Stay-at-home moms turned the pantry into content.", "stay-at-home moms"),
    ("Eco-conscious consumers ask where the cotton was grown.", "eco-conscious consumers"),
])
def test_audiences_a_hyphenated_qualifier_makes_a_group(extract_text, text, form):
    assert form in _forms(extract_text(text, "en"))


def test_audiences_dog_owners_and_cat_owners_are_two_audiences(extract_text):
    extraction = extract_text("Dog owners and cat owners argued under the video.", "en")
    assert {"Dog owners", "Cat owners"} <= set(_audiences(extraction))


def test_audiences_hockey_moms_are_not_soccer_moms(extract_text):
    extraction = extract_text("Hockey moms answered the soccer moms on Instagram.", "en")
    assert {"Hockey moms", "Soccer moms"} <= set(_audiences(extraction))


def test_audiences_finance_bros_are_not_tech_bros(extract_text):
    extraction = extract_text("Finance bros and tech bros both wear the vest.", "en")
    assert {"Finance bros", "Tech bros"} <= set(_audiences(extraction))


def test_audiences_les_jeunes_and_young_people_are_one_audience(extract_text):
    french = _audiences(extract_text("Les jeunes adorent ce format sur TikTok.", "fr"))
    english = _audiences(extract_text("Young people love the format on TikTok.", "en"))
    assert set(french) == set(english) == {"Young people"}


def test_audiences_young_brands_are_no_audience(extract_text):
    extraction = extract_text("Les jeunes marques suivent ce format.", "fr")
    assert "Young people" not in _audiences(extraction)


# ---------------------------------------------------------------- French groups named in English


def _audience(extraction, name: str):
    return next((e for e in extraction.entities if e.type == "Audience" and e.name == name),
                None)


def test_audiences_a_french_group_of_known_words_is_shown_in_english(extract_text):
    extraction = extract_text("Les consommateurs urbains boudent les grandes berlines.", "fr")
    entity = _audience(extraction, "Urban consumers")
    assert entity is not None and "Consommateurs urbains" in entity.aliases


def test_audiences_a_french_group_and_its_english_phrasing_are_one_node(extract_text):
    french = _audience(extract_text(
        "Les jeunes utilisateurs, surtout de la génération Z, quittent Facebook.", "fr"),
        "Young users")
    english = _audience(extract_text(
        "Young users, mostly from Gen Z, are quitting Facebook.", "en"), "Young users")
    assert french is not None and english is not None and french.id == english.id


def test_audiences_a_french_group_with_an_unknown_word_keeps_its_french_name(extract_text):
    extraction = extract_text("Sur Instagram, les femmes racisées racontent leur quotidien.", "fr")
    assert "Femmes racisées" in _audiences(extraction)


def test_audiences_french_and_english_fans_of_one_artist_are_one_node(extract_text):
    french = _audience(extract_text("Les fans de Rosalía campent devant la salle.", "fr"),
                       "Rosalía fans")
    english = _audience(extract_text("Rosalía fans are camping outside the venue.", "en"),
                        "Rosalía fans")
    assert french is not None and english is not None and french.id == english.id


def test_audiences_french_fans_of_a_two_word_name_are_one_audience(extract_text):
    extraction = extract_text("Les fans d’Aya Nakamura ont rempli la salle deux soirs.", "fr")
    assert "Aya Nakamura fans" in _audiences(extraction)
