"""Typing errors found by reading extractions of new trade-press articles and posts.

Each test is one behaviour on a short French or English text written for it.
"""

from __future__ import annotations

import pytest
from extracted import types_of


def test_probe_a_lone_name_listed_with_a_known_creator_after_a_repeated_preposition(
        extract_text):
    extraction = extract_text(
        "Le film a été salué par Squeezie et par Amixem, mais critiqué par des guides.", "fr")
    assert types_of(extraction).get("Amixem") == "Person"


def test_probe_a_given_name_after_a_platform_preposition_is_no_platform(extract_text):
    extraction = extract_text(
        "Pour sa nouvelle campagne, la maison a misé sur Lisa, adorée des adolescentes.", "fr")
    assert types_of(extraction).get("Lisa") != "Platform"


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Lancée en 2016 par Sophie Marchand, la marque vend des bougies parfumées.", "fr",
     "Sophie Marchand"),
])
def test_probe_the_founder_in_an_opening_participle_clause_stays_a_person(
        extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Person"


def test_probe_a_quoted_title_before_a_work_apposition_is_a_work(extract_text):
    extraction = extract_text(
        "La grimpeuse a présenté « Sommets », le documentaire tourné pendant son expédition.",
        "fr")
    assert types_of(extraction).get("Sommets") == "CreativeWork"


def test_probe_a_heading_name_the_body_calls_a_documentary_is_no_trend(extract_text):
    text = ("Sommets, le pari fou d'une grimpeuse\n\n"
            "La grimpeuse a présenté « Sommets », le documentaire tourné pendant son "
            "expédition. Sommets a rempli les salles.")
    types = types_of(extract_text(text, "fr"))
    assert types.get("Sommets") == "CreativeWork"
    assert "Trend" not in {t for n, t in types.items() if n == "Sommets"}



def test_probe_french_fans_of_a_borrowed_compound_are_one_audience(extract_text):
    extraction = extract_text(
        "Les fans du boys band coréen ont rempli le stade deux soirs de suite.", "fr")
    audiences = {e.name for e in extraction.entities if e.type == "Audience"}
    assert audiences == {"Fans du boys band coréen"}


def test_probe_a_borrowed_word_for_a_music_group_is_no_trend(extract_text):
    extraction = extract_text(
        "Le girl band a rempli la salle, et le girl band repart en tournée cet automne.", "fr")
    assert not [e for e in extraction.entities if e.type == "Trend"]


def test_probe_a_capitalised_possessive_opening_a_cued_brand_name_is_kept(extract_text):
    extraction = extract_text(
        "Younger buyers now queue for the Danish label Our Studio and its wool coats.", "en")
    assert types_of(extraction).get("Our Studio") == "Brand"


def test_probe_a_described_maker_named_with_an_apostrophe_s_is_the_brand(extract_text):
    extraction = extract_text(
        "Ties are selling again, and the London tie maker Drake's has doubled its orders.", "en")
    types = types_of(extraction)
    assert types.get("Drake's") == "Brand"
    assert "Drake" not in types


def test_probe_a_known_film_title_owned_by_its_director_is_the_film(extract_text):
    extraction = extract_text(
        "Cinemas sold out for Christopher Nolan's Oppenheimer all summer long.", "en")
    assert types_of(extraction).get("Oppenheimer") == "CreativeWork"


def test_probe_songs_a_singer_performs_in_quotes_are_works(extract_text):
    extraction = extract_text(
        "Sur scène, Aya Nakamura a chanté « Copines » et « Doudou » devant la foule.", "fr")
    types = types_of(extraction)
    assert types.get("Copines") == "CreativeWork"
    assert types.get("Doudou") == "CreativeWork"


def test_probe_a_lowercase_name_a_french_heading_quotes_and_the_body_repeats_is_a_trend(
        extract_text):
    text = ("Le « salon refuge », nouvelle obsession des citadins\n\n"
            "Plaids, bougies et fauteuils profonds : le salon refuge séduit les trentenaires.")
    trends = {e.name for e in extract_text(text, "fr").entities if e.type == "Trend"}
    assert trends == {"Salon refuge"}


def test_probe_a_capitalised_quotation_in_a_heading_is_no_trend(extract_text):
    text = ("Le titre « Doudou Chéri », succès surprise de l'été\n\n"
            "Sur les plages, Doudou Chéri passe en boucle.")
    trends = {e.name for e in extract_text(text, "fr").entities if e.type == "Trend"}
    assert trends == set()


def test_probe_a_regulator_the_lexicon_marks_ambiguous_is_confirmed_by_selon(extract_text):
    extraction = extract_text(
        "Selon l'Arcom, la moitié des adolescents s'informent d'abord sur les réseaux.", "fr")
    assert types_of(extraction).get("Arcom") == "Organization"


@pytest.mark.parametrize(("text", "lang", "topic"), [
    ("La charge mentale des mères revient dans tous les commentaires.", "fr", "Mental load"),
    ("Creators now joke about the mental load that mothers carry.", "en", "Mental load"),
])
def test_probe_the_mental_load_is_a_topic(extract_text, text, lang, topic):
    assert types_of(extract_text(text, lang)).get(topic) == "Topic"


def test_probe_school_bullying_is_not_sexual_harassment(extract_text):
    extraction = extract_text(
        "Les parents d'élèves s'inquiètent du harcèlement scolaire sur les réseaux.", "fr")
    types = types_of(extraction)
    assert types.get("School bullying") == "Topic"
    assert "Sexual harassment" not in types


def test_probe_a_town_listed_after_a_locative_stays_a_place_before_a_sales_verb(extract_text):
    extraction = extract_text(
        "During the tour, hotels in Lisbon and Edinburgh sold out within hours.", "en")
    assert types_of(extraction).get("Edinburgh") == "Place"


def test_probe_a_football_club_is_an_organization(extract_text):
    extraction = extract_text(
        "Les maillots du FC Barcelone s'arrachent depuis la collaboration avec un rappeur.", "fr")
    assert types_of(extraction).get("FC Barcelona") == "Organization"


def test_probe_a_title_after_a_k_drama_cue_is_a_work(extract_text):
    extraction = extract_text(
        "Viewers binged the K-drama Lovely Runner and copied its couple outfits.", "en")
    assert types_of(extraction).get("Lovely Runner") == "CreativeWork"


def test_probe_an_english_compound_after_a_topic_cue_is_a_topic(extract_text):
    extraction = extract_text(
        "Graduates share real anxieties about job security in their first year.", "en")
    assert types_of(extraction).get("Job security") == "Topic"


def test_probe_an_english_theme_with_its_adjective_first_after_a_cue_is_a_topic(extract_text):
    extraction = extract_text(
        "Creators now openly discuss the stigma around digital fatigue.", "en")
    assert types_of(extraction).get("Digital fatigue") == "Topic"


def test_probe_a_french_theme_after_a_debate_cue_is_a_topic(extract_text):
    extraction = extract_text(
        "Le débat autour de la fatigue informationnelle gagne les rédactions.", "fr")
    assert types_of(extraction).get("Fatigue informationnelle") == "Topic"


def test_probe_a_given_name_the_model_reads_as_a_place_takes_the_surname_after_it(
        extract_text):
    extraction = extract_text(
        "In January, a video by Danielle Vincent showing her cup surviving a car fire went "
        "viral.", "en")
    types = types_of(extraction)
    assert types.get("Danielle Vincent") == "Person"
    assert "Danielle" not in types


def test_probe_an_unknown_one_word_title_after_a_work_cue_stays_a_work_before_a_verb(
        extract_text):
    extraction = extract_text(
        "Fans queued at dawn while the board game Wingspan sold out again.", "en")
    assert types_of(extraction).get("Wingspan") == "CreativeWork"


def test_probe_an_everyday_word_opening_a_sentence_is_no_magazine_beside_a_study_cue(
        extract_text):
    extraction = extract_text("Elle cite une étude de l'Ifop sur les jeunes lecteurs.", "fr")
    assert "Elle" not in types_of(extraction)


def test_probe_a_known_k_pop_group_is_an_organization_not_a_brand(extract_text):
    extraction = extract_text(
        "After the concert in Osaka, Stray Kids became the faces of a sneaker campaign.", "en")
    assert types_of(extraction).get("Stray Kids") == "Organization"


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Sur scène, le groupe de rock Lumière Froide a repris ses premiers titres.", "fr",
     "Lumière Froide"),
    ("Tickets for the indie band Velvet Harbour sold out in minutes.", "en", "Velvet Harbour"),
])
def test_probe_an_unknown_name_after_a_band_word_is_an_organization(
        extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Organization"


def test_probe_fans_of_a_band_are_an_audience(extract_text):
    extraction = extract_text("Coldplay fans camped outside the stadium in Lisbon.", "en")
    assert types_of(extraction).get("Coldplay fans") == "Audience"


def test_probe_a_director_owning_a_film_with_apostrophe_s_is_a_person(extract_text):
    extraction = extract_text(
        "Ridley Scott's Gladiator II filled cinemas during the long weekend.", "en")
    types = types_of(extraction)
    assert types.get("Ridley Scott") == "Person"
    assert types.get("Gladiator II") == "CreativeWork"


def test_probe_a_person_name_stops_at_the_possessive_before_a_title(extract_text):
    extraction = extract_text(
        "Many viewers rewatched Denis Villeneuve's Dune: Part Two at home.", "en")
    assert types_of(extraction).get("Denis Villeneuve") == "Person"


def test_probe_a_meme_named_after_a_place_is_one_trend_node(extract_text):
    extraction = extract_text(
        'The "Roman Empire" meme is back: men admit they think about the Roman Empire daily.',
        "en")
    assert {(e.name, e.type) for e in extraction.entities if "Roman" in e.name} == {
        ("Roman Empire", "Trend")}


@pytest.mark.parametrize(("text", "audience"), [
    ("Sur BookTok, les fans de fantasy dévorent les sagas en plusieurs tomes.", "Fantasy fans"),
    ("Le maillot rétro a séduit les fans de foot dès sa sortie.", "Football fans"),
])
def test_probe_french_fans_of_a_common_noun_are_named_in_english(extract_text, text, audience):
    assert types_of(extract_text(text, "fr")).get(audience) == "Audience"


def test_probe_a_prefixed_french_adjective_is_no_coined_trend(extract_text):
    extraction = extract_text(
        "Des militants antinucléaires ont perturbé le salon de l'automobile.", "fr")
    assert not [e for e in extraction.entities if e.type == "Trend"]


def test_probe_a_member_named_with_her_group_is_the_person_and_the_group(extract_text):
    extraction = extract_text(
        "Resale prices jumped after Lisa of BLACKPINK clipped a plush toy to her bag.", "en")
    types = types_of(extraction)
    assert types.get("Lisa") == "Person"
    assert types.get("BLACKPINK") == "Organization"
    assert "Lisa of BLACKPINK" not in types


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Les éditions Marelune ont réimprimé la saga en poche cet hiver.", "fr", "Marelune"),
    ("The publisher Harbourlight doubled its print run after the BookTok wave.", "en",
     "Harbourlight"),
])
def test_probe_a_name_after_a_publisher_word_is_an_organization(extract_text, text, lang, name):
    assert types_of(extract_text(text, lang)).get(name) == "Organization"


def test_probe_a_weight_loss_drug_is_a_brand_and_its_maker_an_organization(extract_text):
    extraction = extract_text(
        "Pharmacies ran short of Wegovy as Novo Nordisk struggled to meet demand.", "en")
    types = types_of(extraction)
    assert types.get("Wegovy") == "Brand"
    assert types.get("Novo Nordisk") == "Organization"


def test_probe_a_movement_hashtag_keeps_its_name(extract_text):
    extraction = extract_text(
        "Dix ans après, le mouvement #MeToo continue de secouer le monde du théâtre.", "fr")
    assert types_of(extraction).get("MeToo") == "Trend"


def test_probe_young_french_farmers_are_an_english_audience(extract_text):
    extraction = extract_text(
        "Sur YouTube, les jeunes agriculteurs filment la moisson et les vêlages.", "fr")
    assert types_of(extraction).get("Young farmers") == "Audience"


def test_probe_a_number_word_after_a_work_word_is_no_title(extract_text):
    extraction = extract_text("Elle a regardé la série trois fois pendant les vacances.", "fr")
    assert not [e for e in extraction.entities if e.type == "CreativeWork"]


def test_probe_a_title_holding_a_possessive_stays_whole(extract_text):
    extraction = extract_text(
        "On the plane she rewatched the film Ocean's Eleven for the tenth time.", "en")
    assert types_of(extraction).get("Ocean's Eleven") == "CreativeWork"


def test_probe_people_opening_a_sentence_before_a_streamer_are_no_show(extract_text):
    extraction = extract_text(
        "Streamers on Twitch spent the weekend arguing about the new patch.", "en")
    assert not [e for e in extraction.entities if e.type == "CreativeWork"]


def test_probe_a_quoted_name_without_a_first_name_is_a_title_not_a_person(extract_text):
    extraction = extract_text(
        "Tout le monde parle de « Marée Basse », le succès surprise de la rentrée.", "fr")
    assert types_of(extraction).get("Marée Basse") == "CreativeWork"


def test_probe_a_rapper_known_by_one_name_is_a_person(extract_text):
    extraction = extract_text(
        "Booba a encore critiqué les influenceurs installés à Dubaï.", "fr")
    assert types_of(extraction).get("Booba") == "Person"


def test_probe_an_english_noun_before_culture_is_a_topic(extract_text):
    extraction = extract_text(
        "Coaches now warn that gym culture pushes teenagers towards supplements.", "en")
    assert types_of(extraction).get("Gym culture") == "Topic"


@pytest.mark.parametrize(("text", "lang"), [
    ("Le phénomène est porté par les 18 à 25 ans, surtout en ville.", "fr"),
    ("The craze is driven by 18-to-25-year-olds, mostly in cities.", "en"),
])
def test_probe_an_age_bracket_is_named_one_way_in_both_languages(extract_text, text, lang):
    assert types_of(extract_text(text, lang)).get("18-25 year-olds") == "Audience"


def test_probe_a_common_word_the_model_calls_an_event_is_no_small_town(extract_text):
    extraction = extract_text(
        "The Olympic opening ceremony drew millions of viewers despite the rain.", "en")
    assert "Olympic" not in types_of(extraction)


@pytest.mark.parametrize("text", [
    "Fitness influencer Chloe Ting warned her followers about overtraining.",
    "After the final, Chloe Kim thanked her coach in a long post.",
])
def test_probe_a_person_whose_first_name_is_also_a_label_stays_a_person(extract_text, text):
    types = types_of(extract_text(text, "en"))
    assert {n: t for n, t in types.items() if n.startswith("Chlo")} in (
        {"Chloe Ting": "Person"}, {"Chloe Kim": "Person"})


def test_probe_a_national_team_is_an_organization_not_its_country(extract_text):
    extraction = extract_text(
        "Les maillots du XV de France se sont arrachés pendant la tournée d'automne.", "fr")
    types = types_of(extraction)
    assert types.get("France national rugby union team") == "Organization"
    assert "France" not in types


def test_probe_a_quoted_handle_after_a_creator_role_stays_a_person(extract_text):
    extraction = extract_text(
        'The TikToker "Velvet Thunder" posted a reply that went viral overnight.', "en")
    assert types_of(extraction).get("Velvet Thunder") == "Person"


def test_probe_a_day_name_inside_a_camelcase_hashtag_keeps_its_capital(extract_text):
    extraction = extract_text(
        "Cette année je boycotte les promos et je soutiens le commerce local. #GreenFriday", "fr")
    assert types_of(extraction).get("Green Friday") == "Trend"


@pytest.mark.parametrize(("text", "lang", "title"), [
    ("Over the break my cousin binged Arcane in two nights.", "en", "Arcane"),
    ("Last night we watched Nosferatu with the lights off.", "en", "Nosferatu"),
])
def test_probe_a_known_title_after_a_viewing_verb_is_the_work(extract_text, text, lang, title):
    assert types_of(extract_text(text, lang)).get(title) == "CreativeWork"


def test_probe_a_cue_the_tokenizer_splits_still_confirms_a_known_title(extract_text):
    extraction = extract_text("Wicked topped the box-office for a third weekend.", "en")
    assert types_of(extraction).get("Wicked") == "CreativeWork"


@pytest.mark.parametrize(("text", "lang"), [
    ("Les touristes américains reviennent en masse à Lisbonne.", "fr"),
    ("American tourists are back in Lisbon in large numbers.", "en"),
])
def test_probe_a_group_named_by_its_nationality_is_an_audience(extract_text, text, lang):
    assert types_of(extract_text(text, lang)).get("American tourists") == "Audience"


def test_probe_a_season_hashtag_with_its_year_is_no_trend(extract_text):
    extraction = extract_text("Les couchers de soleil filtrés envahissent les fils #summer2025",
                              "fr")
    assert not [e for e in extraction.entities if e.type == "Trend"]


def test_probe_a_french_culture_of_something_is_a_topic(extract_text):
    extraction = extract_text("À la télévision, la culture du clash fait grimper les audiences.",
                              "fr")
    assert types_of(extraction).get("Culture du clash") == "Topic"


def test_probe_the_role_of_a_group_after_a_topic_cue_is_no_theme(extract_text):
    extraction = extract_text("Le débat sur la place des pères dans la crèche revient.", "fr")
    assert not [e for e in extraction.entities if e.name.lower().startswith("place")]


def test_probe_a_quoted_title_holding_a_known_title_is_one_work(extract_text):
    extraction = extract_text(
        "Les enfants ont adoré « Mufasa : Le Roi Lion » pendant les vacances.", "fr")
    types = types_of(extraction)
    assert types.get("Mufasa : Le Roi Lion") == "CreativeWork"
    assert "Mufasa" not in types


@pytest.mark.parametrize(("text", "lang", "title"), [
    ("Over the holidays my cousin binged Velvet Hours in two nights.", "en", "Velvet Hours"),
    ("Ma nièce a dévoré Les Veilleurs de l'Aube en un week-end.", "fr",
     "Les Veilleurs de l'Aube"),
])
def test_probe_an_unknown_title_after_a_viewing_verb_is_a_work(extract_text, text, lang, title):
    assert types_of(extract_text(text, lang)).get(title) == "CreativeWork"


@pytest.mark.parametrize("text", [
    "Fans watched Arsenal lose again on Sunday.",
    "We watched Zendaya accept the award live.",
])
def test_probe_somebody_watched_doing_something_is_no_title(extract_text, text):
    assert not [e for e in extract_text(text, "en").entities if e.type == "CreativeWork"]


def test_probe_a_lowercase_hashtag_of_a_known_series_is_the_series(extract_text):
    extraction = extract_text("The dance is back since the second season dropped #wednesday",
                              "en")
    assert types_of(extraction).get("Wednesday") == "CreativeWork"


@pytest.mark.parametrize(("text", "name"), [
    ("Le chanteur a signé une collab avec la marque de bijoux Perle Noire.", "Perle Noire"),
    ("L'enseigne de bricolage Clouette recrute cent vendeurs.", "Clouette"),
])
def test_probe_a_french_brand_word_with_its_trade_names_the_brand(extract_text, text, name):
    assert types_of(extract_text(text, "fr")).get(name) == "Brand"


def test_probe_a_brand_named_like_a_person_after_a_brand_word_is_the_brand(extract_text):
    extraction = extract_text("La marque de vêtements Ourson Blanc a doublé ses ventes.", "fr")
    assert types_of(extraction).get("Ourson Blanc") == "Brand"


@pytest.mark.parametrize(("text", "lang", "topic"), [
    ("Les vidéos sur la santé intestinale cumulent des millions de vues.", "fr", "Gut health"),
    ("Flygskam keeps young travellers on trains.", "en", "Flight shame"),
])
def test_probe_health_and_climate_themes_are_topics(extract_text, text, lang, topic):
    assert types_of(extract_text(text, lang)).get(topic) == "Topic"


@pytest.mark.parametrize(("text", "name"), [
    ("La Fédération française de voile a signé avec une marque de lunettes.",
     "Fédération française de voile"),
    ("Selon le Conseil national de la jeunesse, les lycéens lisent moins.",
     "Conseil national de la jeunesse"),
])
def test_probe_a_french_body_named_in_sentence_case_is_an_organization(extract_text, text, name):
    assert types_of(extract_text(text, "fr")).get(name) == "Organization"


def test_probe_advice_opening_a_sentence_is_no_french_body(extract_text):
    extraction = extract_text("Bonne lecture. Conseil de lecture : commencez par le tome un.",
                              "fr")
    assert not [e for e in extraction.entities if e.type == "Organization"]


def test_probe_quoted_english_words_after_a_french_determiner_are_one_trend(extract_text):
    extraction = extract_text(
        "Les adeptes du « slow dating » prennent le temps de se découvrir.", "fr")
    assert {e.name for e in extraction.entities if e.type == "Trend"} == {"Slow dating"}


def test_probe_quoted_english_words_after_a_speech_verb_are_no_trend(extract_text):
    extraction = extract_text("Le coach a lancé « good job » à toute l'équipe.", "fr")
    assert not [e for e in extraction.entities if e.type == "Trend"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Les femmes de plus de 50 ans se trouvent absentes des publicités.", "fr"),
    ("Women over 50 say they are absent from advertising.", "en"),
])
def test_probe_a_group_narrowed_by_its_age_is_one_audience(extract_text, text, lang):
    assert types_of(extract_text(text, lang)).get("Women over 50") == "Audience"


def test_probe_french_first_home_buyers_are_the_english_audience(extract_text):
    extraction = extract_text("Les primo-accédants repoussent leur achat d'un an.", "fr")
    assert types_of(extraction).get("First-time buyers") == "Audience"


def test_probe_a_french_nationality_noun_after_a_quantity_is_no_place(extract_text):
    extraction = extract_text("Le défi séduit de plus en plus de Français chaque hiver.", "fr")
    assert "Français" not in types_of(extraction)


def test_probe_an_awareness_month_is_an_event(extract_text):
    extraction = extract_text("Chaque année, Octobre rose mobilise les marques de lingerie.", "fr")
    assert types_of(extraction).get("Breast Cancer Awareness Month") == "Event"


@pytest.mark.parametrize(("text", "lang", "topic"), [
    ("Le burn-out parental touche aussi les pères au foyer.", "fr", "Parental burnout"),
    ("Some employers now pay for egg freezing.", "en", "Egg freezing"),
    ("L'anxiété climatique pèse sur les projets de vie.", "fr", "Eco-anxiety"),
])
def test_probe_family_and_wellbeing_themes_are_topics(extract_text, text, lang, topic):
    assert types_of(extract_text(text, lang)).get(topic) == "Topic"
