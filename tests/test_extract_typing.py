"""Typing names from knowledge (gazetteer, places, given names, common words) and context.

Each test is one behaviour on a short French or English text written for it.
"""

from __future__ import annotations

import pytest
from extracted import types_of

# ---------------------------------------------------------------- the brand gazetteer


@pytest.mark.parametrize(("text", "lang"), [
    ("Le matin, elle commande un latte chez Starbucks avant le bureau.", "fr"),
    ("She grabs a Starbucks iced latte on the way to the office.", "en"),
])
def test_typing_a_coffee_chain_from_the_gazetteer_is_a_brand(extract_text, text, lang):
    assert types_of(extract_text(text, lang)).get("Starbucks") == "Brand"


def test_typing_a_luxury_house_the_model_reads_as_a_place_is_a_brand(extract_text):
    extraction = extract_text("Straw bags from Loewe fill every feed this month.", "en")
    assert types_of(extraction).get("Loewe") == "Brand"


def test_typing_a_product_line_is_a_brand_of_its_own(extract_text):
    extraction = extract_text("Les baskets Samba d'adidas sont partout cet hiver.", "fr")
    assert types_of(extraction).get("Samba") == "Brand"


def test_typing_a_brand_made_of_everyday_words_needs_its_capitals(extract_text):
    extraction = extract_text("We climbed the north face of the mountain at dawn.", "en")
    assert "The North Face" not in types_of(extraction)


def test_typing_a_brand_made_of_everyday_words_is_found_when_capitalised(extract_text):
    extraction = extract_text("Hikers wear The North Face jackets to the office now.", "en")
    assert types_of(extraction).get("The North Face") == "Brand"


def test_typing_a_brand_name_with_an_article_is_not_the_bare_word(extract_text):
    extraction = extract_text("A castle logo on an ordinary product sells nothing.", "en")
    assert "The Ordinary" not in types_of(extraction)


# ---------------------------------------------------------------- knowledge


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("This summer the coastal look has moved from the Hamptons to Biarritz for good.", "en",
     "Biarritz"),
    ("Cet été, les vacanciers délaissent Saint-Tropez pour Biarritz et Porto.", "fr", "Biarritz"),
])
def test_typing_a_holiday_town_is_a_place(extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Place"


@pytest.mark.parametrize(("text", "lang"), [
    ("Linen shirts sell out every summer along the French Riviera.", "en"),
    ("Les chemises en lin se vendent tout l'été sur la Côte d'Azur.", "fr"),
])
def test_typing_a_region_the_place_data_lacks_is_one_place_in_both_languages(extract_text,
                                                                             text, lang):
    assert types_of(extract_text(text, lang)).get("French Riviera") == "Place"


def test_typing_a_film_character_named_like_a_small_town_is_not_a_place(extract_text):
    text = "Toute une génération a grandi avec Ariel et rêve encore de queues de sirène."
    assert types_of(extract_text(text, "fr")).get("Ariel") != "Place"


def test_typing_a_common_acronym_is_not_a_brand(extract_text):
    extraction = extract_text("OMG, the new season of the show is here, wrote one fan.", "en")
    assert types_of(extraction).get("OMG") != "Brand"


def test_typing_a_capitalised_common_word_is_not_a_brand(extract_text):
    text = "In the film, the Capitol watches the games while the districts go hungry."
    assert "Capitol" not in types_of(extract_text(text, "en"))


def test_typing_a_lone_given_name_is_a_person(extract_text):
    extraction = extract_text("Every morning Kim shared a beach clip from her villa.", "en")
    assert types_of(extraction).get("Kim") == "Person"


def test_typing_a_name_whose_title_is_quoted_is_a_person(extract_text):
    extraction = extract_text('The album opens with a cover of Dolly Parton\'s "Jolene".', "en")
    assert types_of(extraction).get("Dolly Parton") == "Person"


def test_typing_a_place_named_after_a_person_stays_a_place(extract_text):
    text = "Every influencer now films a walk through the ruins of the Roman Empire."
    assert types_of(extract_text(text, "en")).get("Roman Empire") != "Person"


def test_typing_names_listed_with_people_are_people(extract_text):
    text = "The record has guest spots from Post Malone, Miley Cyrus and Shaboozey."
    types = types_of(extract_text(text, "en"))
    assert types.get("Post Malone") == "Person"


# ---------------------------------------------------------------- context cues


def test_typing_a_name_in_apposition_to_a_label_is_a_brand(extract_text):
    text = "Kalyo, the Paris-based label, opened a second shop near the canal."
    assert types_of(extract_text(text, "en")).get("Kalyo") == "Brand"


def test_typing_a_name_that_sells_products_is_a_brand(extract_text):
    text = "Beyond the big names, Tindra sells out its tinted balm every time a creator posts."
    assert types_of(extract_text(text, "en")).get("Tindra") == "Brand"


def test_typing_a_name_after_la_griffe_is_a_brand(extract_text):
    text = "Cet automne, la griffe Ravelle a lancé des mocassins en cuir recyclé."
    assert types_of(extract_text(text, "fr")).get("Ravelle") == "Brand"


def test_typing_a_name_after_the_app_is_a_platform_not_a_place(extract_text):
    text = "She downloaded the app Plimbo to swap clothes with strangers."
    assert types_of(extract_text(text, "en")).get("Plimbo") == "Platform"


def test_typing_a_name_with_an_album_is_a_person(extract_text):
    text = "Fans say Shaboozey's album made western wear cool again this spring."
    assert types_of(extract_text(text, "en")).get("Shaboozey") == "Person"


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Beyoncé released a new album last spring.", "en", "Beyoncé"),
    ("Cet été, Stromae remplit les stades.", "fr", "Stromae"),
    ("Lizzo posted a new workout video.", "en", "Lizzo"),
])
def test_typing_a_known_stage_name_is_a_person_not_a_brand(extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Person"


def test_typing_a_name_after_la_marque_and_its_nationality_is_a_brand(extract_text):
    text = "La marque française Cimalp voit ses polaires portées en ville."
    assert types_of(extract_text(text, "fr")).get("Cimalp") == "Brand"


@pytest.mark.parametrize(("text", "name"), [
    ("Gen Z shoppers love Moxie Mart for cheap finds.", "Moxie Mart"),
    ("A bottle of Verdant Gin costs 40 dollars.", "Verdant Gin"),
])
def test_typing_a_name_ending_in_a_shop_or_product_word_is_a_brand(extract_text, text, name):
    assert types_of(extract_text(text, "en")).get(name) == "Brand"


def test_typing_a_town_after_in_stays_a_place_before_a_selling_verb(extract_text):
    text = "The Velvet Spoon bakery in Austin sells cloud bread."
    assert types_of(extract_text(text, "en")).get("Austin") == "Place"


@pytest.mark.parametrize(("text", "lang"), [
    ("Il faut courir tous les jours pour tenir le rythme.", "fr"),
    ("Her madonna pose went viral on the beach.", "en"),
])
def test_typing_a_name_that_is_an_everyday_word_needs_its_capital(extract_text, text, lang):
    assert types_of(extract_text(text, lang)) == {}


def test_typing_a_name_after_la_ville_de_is_a_place(extract_text):
    text = "Les créateurs se retrouvent chaque été dans la ville de Grindlebourg pour un marché."
    assert types_of(extract_text(text, "fr")).get("Grindlebourg") == "Place"


def test_typing_a_list_of_celebrities_are_people(extract_text):
    text = "Des célébrités comme Zoé Marvaux et Lina Castel ont porté la tendance."
    types = types_of(extract_text(text, "fr"))
    assert types.get("Zoé Marvaux") == "Person" and types.get("Lina Castel") == "Person"


def test_typing_a_known_brand_read_on_names_a_line_of_its_own(extract_text):
    text = "Patagonia Provisions sells tinned mussels with a sustainability story attached."
    assert types_of(extract_text(text, "en")).get("Patagonia Provisions") == "Brand"


# ---------------------------------------------------------------- people


def _entity(extraction, name):
    return next((e for e in extraction.entities if e.name == name), None)


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("The Kardashian family spent the summer on a yacht off the coast.", "en", "Kardashian family"),
    ("La famille Beckham passe l'été dans le sud de la France.", "fr", "Beckham family"),
])
def test_people_a_family_is_one_group_of_people(extract_text, text, lang, name):
    entity = _entity(extract_text(text, lang), name)
    assert entity is not None and entity.type == "Person"


def test_people_a_family_keeps_the_french_words_as_an_alias(extract_text):
    extraction = extract_text("La famille Beckham passe l'été dans le sud de la France.", "fr")
    assert "famille Beckham" in _entity(extraction, "Beckham family").aliases


def test_people_a_first_name_after_a_full_name_is_that_person(extract_text):
    text = ("Léna Mahfouf a filmé son séjour à Lisbonne pour ses abonnés. "
            "Léna dit avoir adoré la ville.")
    entity = _entity(extract_text(text, "fr"), "Léna Mahfouf")
    assert entity is not None and "Léna" in entity.aliases


def test_people_a_first_name_after_a_family_is_its_member(extract_text):
    text = "The Kardashian family joined the trend. Kim shared a beach clip from Malibu."
    entity = _entity(extract_text(text, "en"), "Kim Kardashian")
    assert entity is not None and entity.type == "Person" and "Kim" in entity.aliases


def test_people_a_label_named_after_its_designer_is_a_brand(extract_text):
    text = ("Simon Porte Jacquemus a présenté sa collection à Capri. "
            "Jacquemus reste la marque préférée des influenceuses.")
    types = types_of(extract_text(text, "fr"))
    assert types.get("Jacquemus") == "Brand" and types.get("Simon Porte Jacquemus") == "Person"


def test_people_a_label_named_after_its_designer_who_speaks_is_the_designer(extract_text):
    text = ("Simon Porte Jacquemus a présenté sa collection à Capri. "
            "Jacquemus explique vouloir rendre hommage à sa mère.")
    entity = _entity(extract_text(text, "fr"), "Simon Porte Jacquemus")
    assert entity is not None and "Jacquemus" in entity.aliases


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Her routine ends with a lip tint from Tower 28 and a spritz of Phlur.", "en", "Tower 28"),
    ("Les files d'attente devant Dutch Bros s'allongent chaque matin.", "fr", "Dutch Bros"),
    ("He swapped his smartphone for a Light Phone and a Kobo e-reader.", "en", "Light Phone"),
])
def test_typing_a_brand_from_the_wider_gazetteer_is_a_brand(extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Brand"


@pytest.mark.parametrize(("text", "brand", "product"), [
    ("Fjällräven sold more Kånken backpacks than ever.", "Fjällräven", "Kånken"),
    ("Sony cut the price of the PS5, and PlayStation sales rose.", "PlayStation", "PS5"),
    ("HBO moved its films to HBO Max last spring.", "HBO", "HBO Max"),
])
def test_typing_a_product_named_beside_its_maker_is_a_brand_of_its_own(extract_text, text,
                                                                        brand, product):
    names = {e.name for e in extract_text(text, "en").entities if e.type == "Brand"}
    assert {brand, product} <= names


def test_typing_a_video_game_that_opens_with_a_given_name_is_a_work(extract_text):
    text = "Le soir, ils jouent à Mario Kart sur la console avec les enfants."
    assert types_of(extract_text(text, "fr")).get("Mario Kart") == "CreativeWork"


def test_typing_a_hashtag_of_disney_is_not_disney_plus(extract_text):
    extraction = extract_text("Les fans de parcs postent sous #disney tout l'été.", "fr")
    assert "Disney+" not in types_of(extraction)


def test_typing_a_cue_word_the_model_glued_to_the_name_is_left_out(extract_text):
    text = "La marque Quenza séduit, tout comme l'appli Zorbly et ses filtres."
    types = types_of(extract_text(text, "fr"))
    assert types.get("Zorbly") == "Platform" and "Appli Zorbly" not in types


def test_typing_an_elided_french_cue_types_the_name_after_it(extract_text):
    # "la nouvelle collection d'" ends in an elision: the cue is one token "d'" in a text
    text = "La nouvelle collection d'Isalune arrive en boutique jeudi."
    assert types_of(extract_text(text, "fr")).get("Isalune") == "Brand"


@pytest.mark.parametrize(("text", "lang"), [
    ("Ana Reis, cofondatrice de Velmora, constate une demande en hausse.", "fr"),
    ("Velmora was founded in 2019 by two sisters from Porto.", "en"),
    ("Sales at Velmora rose 40% after the video went viral.", "en"),
])
def test_typing_a_name_no_model_found_is_a_brand_after_a_company_cue(extract_text, text, lang):
    assert types_of(extract_text(text, lang)).get("Velmora") == "Brand"


def test_typing_a_company_cue_leaves_a_name_the_lexicon_knows_alone(extract_text):
    types = types_of(extract_text("Sales at TikTok Shop doubled in a year.", "en"))
    assert "Shop" not in types and types.get("TikTok") == "Platform"


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Dinner was Barilla pasta with a green salad on the side.", "en", "Barilla"),
    ("His desk setup: a Logitech mouse, a Razer keyboard and a lamp.", "en", "Razer"),
    ("Au goûter, un Yop et des Carambar pour tout le monde.", "fr", "Yop"),
])
def test_typing_a_household_brand_from_the_gazetteer_is_a_brand(extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Brand"


def test_typing_a_firm_that_publishes_studies_is_an_organization(extract_text):
    text = "Selon une étude de Deloitte, les Français dépensent moins en cadeaux."
    assert types_of(extract_text(text, "fr")).get("Deloitte") == "Organization"


def test_typing_a_magazine_named_by_an_everyday_word_needs_a_cue(extract_text):
    assert "Elle" not in types_of(extract_text("Elle a acheté un sac Polène hier.", "fr"))


def test_typing_a_name_in_apposition_to_a_brand_word_is_a_brand(extract_text):
    text = "Juniper, the skincare brand, raised new funding this spring."
    assert types_of(extract_text(text, "en")).get("Juniper") == "Brand"


def test_typing_a_person_before_the_brands_founder_stays_a_person(extract_text):
    text = "Emily Weiss, the brand's founder, stepped down in 2022."
    assert types_of(extract_text(text, "en")).get("Emily Weiss") == "Person"


def test_places_a_country_named_in_french_is_shown_under_its_english_name(extract_text):
    entity = _entity(extract_text("Les ventes de luxe reculent en Chine depuis un an.", "fr"),
                     "China")
    assert entity is not None and entity.type == "Place" and "Chine" in entity.aliases


def test_places_a_city_named_in_french_and_in_english_is_one_node(extract_text):
    french = _entity(extract_text("La marque ouvre une boutique à Londres cet hiver.", "fr"),
                     "London")
    english = _entity(extract_text("The brand opens a shop in London this winter.", "en"),
                      "London")
    assert french is not None and english is not None and french.id == english.id


def test_extract_typing_a_common_word_brand_founded_by_someone_is_the_brand(extract_text):
    extraction = extract_text("Meanwhile Skims, co-founded by Kim Kardashian, opened a shop.",
                              "en")
    assert {e.name: e.type for e in extraction.entities}.get("Skims") == "Brand"


def test_extract_typing_a_discount_chain_listed_with_retailers_is_a_brand(extract_text):
    extraction = extract_text("Depuis, Kiabi, Primark et Action multiplient les copies.", "fr")
    assert {e.name: e.type for e in extraction.entities}.get("Action") == "Brand"


def test_extract_typing_the_everyday_word_action_is_no_brand(extract_text):
    extraction = extract_text("Il est temps de passer à l'action, disent les vendeurs.", "fr")
    assert "Action" not in {e.name for e in extraction.entities}


def test_typing_a_nationality_before_a_shop_word_is_no_brand(extract_text):
    types = types_of(extract_text("The chain is closing all French stores by March.", "en"))
    assert "French" not in types


# ---------------------------------------------------------------- brands described after their name


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Parade, the underwear label, has opened a pop-up in Brooklyn.", "en", "Parade"),
    ("Lemaire, the French fashion house, showed its coats in Paris.", "en", "Lemaire"),
    ("Sézane, la marque parisienne, ouvre une boutique à Londres.", "fr", "Sézane"),
])
def test_typing_a_name_before_an_apposition_with_adjectives_is_a_brand(extract_text, text, lang,
                                                                       name):
    assert types_of(extract_text(text, lang)).get(name) == "Brand"


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Respire, qui fabrique des déodorants, lève des fonds.", "fr", "Respire"),
    ("Tindle, which makes vegan nuggets, raised new money.", "en", "Tindle"),
])
def test_typing_a_name_that_makes_or_sells_in_a_relative_clause_is_a_brand(extract_text, text,
                                                                           lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Brand"


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Ensuite, la marque, fondée en 2010, a ouvert à Lyon.", "fr", "Ensuite"),
    ("Mardi, la marque, qui vend des bougies, a fermé trois boutiques.", "fr", "Mardi"),
    ("Meanwhile, the brand, founded in 2015, kept growing.", "en", "Meanwhile"),
])
def test_typing_a_sentence_opener_before_an_apposition_is_no_brand(extract_text, text, lang, name):
    assert name not in types_of(extract_text(text, lang))


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Based in London, the label sells silk scarves.", "en", "London"),
    ("À Marseille, la marque de maillots, qui vend en ligne, ouvre une boutique.", "fr",
     "Marseille"),
])
def test_typing_a_town_before_a_brand_word_stays_a_place(extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Place"


def test_typing_a_person_who_makes_things_is_no_brand(extract_text):
    text = "Paul, qui fabrique des meubles, expose à Lyon."
    assert types_of(extract_text(text, "fr")).get("Paul") != "Brand"


def test_typing_a_person_before_the_brand_founder_stays_a_person(extract_text):
    text = "Rihanna, the brand founder, posed in red."
    assert types_of(extract_text(text, "en")).get("Rihanna") == "Person"
