"""Works, events, organisations, places and topics named with a cue or known by the lexicon.

Every text here was written for its test.
"""

from __future__ import annotations

import pytest
from extracted import types_of

# ---------------------------------------------------------------- works


@pytest.mark.parametrize(("text", "lang", "title"), [
    ("Her debut album Neon Harvest sold out on vinyl.", "en", "Neon Harvest"),
    ("Everyone quoted the series The Quiet Orchard at dinner.", "en", "The Quiet Orchard"),
    ("La série Les Voisins du Dessus a relancé la mode du gilet.", "fr", "Les Voisins du Dessus"),
    ("Le titre « Citron Vert » tourne en boucle sur les réseaux.", "fr", "Citron Vert"),
])
def test_cued_names_a_title_after_a_work_word_is_a_work(extract_text, text, lang, title):
    assert types_of(extract_text(text, lang)).get(title) == "CreativeWork"


def test_cued_names_a_lower_case_word_after_a_work_word_is_no_title(extract_text):
    extraction = extract_text("The film industry in Lyon is nervous about streaming.", "en")
    assert "CreativeWork" not in types_of(extraction).values()


def test_cued_names_a_title_stops_before_its_director(extract_text):
    extraction = extract_text("Le film Nuit Blanche de Greta Gerwig a tout changé.", "fr")
    types = types_of(extraction)
    assert types.get("Nuit Blanche") == "CreativeWork"
    assert types.get("Greta Gerwig") == "Person"


def test_cued_names_a_quoted_title_by_a_person_is_a_work(extract_text):
    extraction = extract_text('The clip reused "Paper Lanterns" by Sabrina Carpenter.', "en")
    assert types_of(extraction).get("Paper Lanterns") == "CreativeWork"


def test_cued_names_a_title_named_after_its_apposition_is_a_work(extract_text):
    extraction = extract_text("Tout commence avec Vert Acide, le sixième album du groupe.", "fr")
    assert types_of(extraction).get("Vert Acide") == "CreativeWork"


def test_cued_names_a_cued_title_keeps_its_type_when_named_again(extract_text):
    extraction = extract_text(
        "The film Quarry Lane opened in May. After Quarry Lane landed on streaming, "
        "sales of its costumes doubled.", "en")
    assert types_of(extraction).get("Quarry Lane") == "CreativeWork"


@pytest.mark.parametrize(("text", "lang", "title"), [
    ("Shoppers copied the costumes of Bridgerton all spring.", "en", "Bridgerton"),
    ("Tout le monde a revu Le Diable s'habille en Prada cet été.", "fr",
     "The Devil Wears Prada"),
    ("Her playlist opens with Murder on the Dancefloor every night.", "en",
     "Murder on the Dancefloor"),
])
def test_cued_names_a_well_known_work_needs_no_cue(extract_text, text, lang, title):
    assert types_of(extract_text(text, lang)).get(title) == "CreativeWork"


def test_cued_names_a_work_titled_by_a_common_word_counts_when_capitalised_mid_sentence(
        extract_text):
    extraction = extract_text("Ever since Succession ended, beige knitwear lost its muse.", "en")
    assert types_of(extraction).get("Succession") == "CreativeWork"


@pytest.mark.parametrize("text", [
    "The succession of heatwaves changed what people wear.",
    "Succession planning worries many family firms.",
    "Why Friends Still Sell Coffee Mugs",
])
def test_cued_names_a_work_titled_by_a_common_word_needs_a_capital_inside_a_sentence(
        extract_text, text):
    assert "CreativeWork" not in types_of(extract_text(text, "en")).values()


# ---------------------------------------------------------------- events, bodies, places


@pytest.mark.parametrize(("text", "lang", "name", "type_"), [
    ("Stylists flew in for Lisbon Fashion Week.", "en", "Lisbon Fashion Week", "Event"),
    ("Le look a défilé à la Fashion Week de Séoul.", "fr", "Fashion Week de Séoul", "Event"),
    ("Researchers at the Marlow Institute studied it.", "en", "Marlow Institute", "Organization"),
    ("Une étude de l'université Lyon 3 le confirme.", "fr", "Université Lyon 3", "Organization"),
    ("She studied at the Fashion Institute of Technology.", "en",
     "Fashion Institute of Technology", "Organization"),
    ("Les boutiques de la rue du Faubourg ont suivi.", "fr", "Rue du Faubourg", "Place"),
    ("Shoppers crowded Larkin Avenue on Saturday.", "en", "Larkin Avenue", "Place"),
])
def test_cued_names_a_name_with_its_kind_word_is_typed_by_it(extract_text, text, lang, name, type_):
    assert types_of(extract_text(text, lang)).get(name) == type_


def test_cued_names_a_descriptor_word_is_not_part_of_the_name(extract_text):
    extraction = extract_text("Selon le cabinet de conseil Maison Orage, la tendance dure.", "fr")
    assert types_of(extraction).get("Maison Orage") == "Organization"


@pytest.mark.parametrize("text", [
    '"It is a status symbol," says Dana Whitfield of the trend agency Signal & Noise.',
    "Dana Whitfield, of the creative agency Signal & Noise, disagrees.",
])
def test_cued_names_an_agency_named_after_its_kind_keeps_its_ampersand(extract_text, text):
    assert types_of(extract_text(text, "en")).get("Signal & Noise") == "Organization"


def test_cued_names_a_name_with_an_ampersand_before_its_kind_word_stays_whole(extract_text):
    types = types_of(extract_text("The candle maker Wick & Tallow Labs has a waitlist.", "en"))
    assert "Wick & Tallow Labs" in types and "Tallow Labs" not in types


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Meanwhile the meal-prep brand Factor markets ready-made bowls.", "en", "Factor"),
    ("L'enseigne Kiabi mise aussi sur le gorpcore.", "fr", "Kiabi"),
])
def test_cued_names_a_name_the_model_missed_after_a_brand_word_is_a_brand(extract_text, text,
                                                                         lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Brand"


def test_cued_names_a_brand_word_in_an_idiom_names_no_brand(extract_text):
    text = "Son humour est devenu sa marque de fabrique, et Léa Martin en joue."
    assert types_of(extract_text(text, "fr")).get("Léa Martin") == "Person"


def test_cued_names_a_web_address_name_is_an_organisation(extract_text):
    extraction = extract_text("Lexicoland.com added the word to its list.", "en")
    assert types_of(extraction).get("Lexicoland.com") == "Organization"


def test_cued_names_a_person_before_a_tour_stays_a_person(extract_text):
    types = types_of(extract_text("Fans queued for the Taylor Swift Eras Tour.", "en"))
    assert types.get("Taylor Swift") == "Person"


# ---------------------------------------------------------------- known topics and events


@pytest.mark.parametrize(("text", "lang", "name", "type_"), [
    ("Critics tie the trend to hustle culture and burnout.", "en", "Hustle culture", "Topic"),
    ("Le mouvement interroge les rôles de genre.", "fr", "Gender roles", "Topic"),
    ("Les médecins veulent lutter contre la sédentarité.", "fr", "Sedentary lifestyle", "Topic"),
    ("The campaign pushes back on beauty standards.", "en", "Beauty standards", "Topic"),
    ("La campagne bouscule les standards de beauté.", "fr", "Beauty standards", "Topic"),
    ("Les lectrices parlent de leur anxiété et de la précarité menstruelle.", "fr",
     "Period poverty", "Topic"),
    ("Brands prepare for Black Friday already in August.", "en", "Black Friday", "Event"),
    ("Depuis la pandémie de Covid-19, le jogging a explosé.", "fr", "Covid-19 pandemic", "Event"),
])
def test_cued_names_known_topics_and_events_come_from_the_lexicon(extract_text, text, lang, name,
                                                                  type_):
    assert types_of(extract_text(text, lang)).get(name) == type_


@pytest.mark.parametrize(("text", "lang", "title"), [
    ("Marlo Vance released Dust Road Ballads in March.", "en", "Dust Road Ballads"),
    ("Beyoncé a sorti Cowboy Carter en mars.", "fr", "Cowboy Carter"),
])
def test_cued_names_the_title_a_person_releases_is_a_work(extract_text, text, lang, title):
    assert types_of(extract_text(text, lang)).get(title) == "CreativeWork"


def test_cued_names_a_day_after_a_release_verb_is_no_title(extract_text):
    extraction = extract_text("Taylor Swift released Friday a new song.", "en")
    assert "Friday" not in types_of(extraction)


def test_cued_names_a_title_before_its_owners_work_word_is_a_work(extract_text):
    text = "Paramount promoted Gladiator II, Ridley Scott's sequel, with a trailer."
    assert types_of(extract_text(text, "en")).get("Gladiator II") == "CreativeWork"


@pytest.mark.parametrize(("text", "brands"), [
    ("Fans lined up for the Skims × Fendi capsule.", {"Skims", "Fendi"}),
    ("The Palace x Gucci collection dropped on Friday.", {"Palace", "Gucci"}),
])
def test_cued_names_both_ends_of_a_collaboration_are_brands(extract_text, text, brands):
    types = types_of(extract_text(text, "en"))
    assert {name for name in brands if types.get(name) == "Brand"} == brands


def test_cued_names_a_person_at_one_end_of_a_collaboration_stays_a_person(extract_text):
    types = types_of(extract_text("The Harlow Goods x Sarah Castell sandal sold out.", "en"))
    assert types.get("Harlow Goods") == "Brand" and types.get("Sarah Castell") == "Person"


def test_cued_names_numbers_around_an_x_are_no_collaboration(extract_text):
    types = types_of(extract_text("The grid of 2 x 3 photos went viral on X.", "en"))
    assert "Brand" not in types.values()


def test_cued_names_a_title_with_its_year_in_brackets_is_a_work(extract_text):
    extraction = extract_text("The remake revived Harbour Lights (1987) for a new audience.", "en")
    assert types_of(extraction).get("Harbour Lights") == "CreativeWork"


@pytest.mark.parametrize(("text", "lang", "form"), [
    ("There are growing concerns about overtourism in the old town.", "en", "overtourism"),
    ("Les mairies veulent lutter contre la précarité énergétique.", "fr", "précarité énergétique"),
])
def test_cued_names_a_theme_after_a_topic_cue_is_a_topic(extract_text, text, lang, form):
    extraction = extract_text(text, lang)
    topics = {a.lower() for e in extraction.entities if e.type == "Topic"
              for a in (e.name, *e.aliases)}
    assert form in topics


def test_cued_names_an_adjective_with_its_own_complement_stays_out_of_the_topic(extract_text):
    text = "Les associations veulent sensibiliser au saturnisme présent dans les vieux quartiers."
    topics = {e.name for e in extract_text(text, "fr").entities if e.type == "Topic"}
    assert topics == {"Lead contamination"}


def _topics(extraction) -> set[str]:
    return {e.name for e in extraction.entities if e.type == "Topic"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Le débat a aussi touché la question du cuivre présent dans les tuyaux.", "fr"),
    ("Le collectif veut sensibiliser à la lenteur.", "fr"),
    ("The post fed the debate about copper in old pipes.", "en"),
])
def test_cued_names_a_bare_unlisted_noun_after_a_topic_cue_is_no_topic(extract_text, text, lang):
    assert not _topics(extract_text(text, lang))


def test_cued_names_a_bare_noun_after_a_topic_cue_keeps_its_complement(extract_text):
    text = "Elles mènent des campagnes de sensibilisation au déclin des abeilles sauvages."
    assert _topics(extract_text(text, "fr")) == {"Déclin des abeilles sauvages"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Des plongeuses font de la sensibilisation au blanchissement des coraux.", "fr"),
    ("Le documentaire montre le blanchissement des récifs coralliens en accéléré.", "fr"),
    ("Divers raise awareness of coral bleaching in the Pacific.", "en"),
])
def test_cued_names_coral_bleaching_is_one_english_topic_in_both_languages(extract_text, text,
                                                                         lang):
    assert "Coral bleaching" in _topics(extract_text(text, lang))


def test_cued_names_the_lead_question_is_named_in_english(extract_text):
    text = "Le débat a touché la question du plomb présent dans certaines soudures."
    assert _topics(extract_text(text, "fr")) == {"Lead contamination"}


@pytest.mark.parametrize("text", [
    "Les règles de la girl math sont simples.",
    "Mode d'emploi du latte makeup.",
    "Un symbole politique, et l'histoire s'est aggravée.",
])
def test_cued_names_french_words_with_an_everyday_sense_name_no_topic(extract_text, text):
    assert not [e.name for e in extract_text(text, "fr").entities if e.type == "Topic"]


def test_cued_names_ai_inside_a_company_name_is_no_topic(extract_text):
    extraction = extract_text("Investors backed Mistral AI and Stability AI this year.", "en")
    assert "Artificial intelligence" not in types_of(extraction)


@pytest.mark.parametrize(("text", "lang", "title"), [
    ("HBO's The Glass Hours made glitter tears a thing.", "en", "The Glass Hours"),
    ("Le succès de Velvet Harbour sur Netflix a relancé la mode des survêtements.", "fr",
     "Velvet Harbour"),
    ("Viewers of Quiet Orchard on Netflix fell for regency dresses.", "en", "Quiet Orchard"),
])
def test_cued_names_a_title_a_streaming_service_owns_or_shows_is_a_work(extract_text, text,
                                                                      lang, title):
    assert types_of(extract_text(text, lang)).get(title) == "CreativeWork"


def test_cued_names_a_person_shown_on_a_streaming_service_stays_a_person(extract_text):
    types = types_of(extract_text("Everyone watched Jenna Ortega on Netflix last winter.", "en"))
    assert types.get("Jenna Ortega") == "Person"


# ---------------------------------------------------------------- French sentence-case titles


@pytest.mark.parametrize("text", [
    "Le documentaire La Fabrique du luxe montre les ateliers.",
    "Elle a adoré le documentaire La Fabrique du luxe, sorti au printemps.",
])
def test_cued_names_a_french_title_runs_on_in_lower_case(extract_text, text):
    assert types_of(extract_text(text, "fr")).get("La Fabrique du luxe") == "CreativeWork"


def test_cued_names_a_french_title_holds_a_verb_where_it_is_no_subject(extract_text):
    text = "Dans le film Le Chat s'habille en Dior, l'actrice porte des mocassins."
    assert types_of(extract_text(text, "fr")).get("Le Chat s'habille en Dior") == "CreativeWork"


def test_cued_names_a_french_title_stops_at_the_verb_of_its_sentence(extract_text):
    text = "Sur TikTok, la série La Maison des lilas inspire des costumes."
    assert types_of(extract_text(text, "fr")).get("La Maison des lilas") == "CreativeWork"


def test_cued_names_a_french_title_stops_before_a_new_phrase(extract_text):
    text = "Elle regarde la série La Maison des lilas sur Netflix."
    assert types_of(extract_text(text, "fr")).get("La Maison des lilas") == "CreativeWork"


def test_cued_names_a_french_title_the_lexicon_knows_keeps_its_name(extract_text):
    text = "Le film La Reine des neiges cartonne en salles."
    assert types_of(extract_text(text, "fr")).get("Frozen") == "CreativeWork"
