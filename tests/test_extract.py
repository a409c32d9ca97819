"""Extraction behaviours on short French and English texts written for these tests."""

from __future__ import annotations

import pytest
from extracted import types_of

from kg.extract import detect_language, extract_many
from kg.model import Document, document_id

# ---------------------------------------------------------------- typing of known entities


@pytest.mark.parametrize(("text", "lang"), [
    ("Cet été, le Mermaidcore envahit les vitrines : écailles, perles et nacre partout.", "fr"),
    ("This summer Mermaidcore took over shop windows with scales, pearls and shells.", "en"),
])
def test_extract_mermaidcore_is_a_trend(extract_text, text, lang):
    assert types_of(extract_text(text, lang))["Mermaidcore"] == "Trend"


@pytest.mark.parametrize(("text", "lang"), [
    ("Sur TikTok, la girl math transforme chaque dépense en économie.", "fr"),
    ("On TikTok, girl math turns every purchase into a saving.", "en"),
])
def test_extract_girl_math_is_a_trend(extract_text, text, lang):
    assert types_of(extract_text(text, lang))["Girl Math"] == "Trend"


@pytest.mark.parametrize(("text", "lang"), [
    ("La génération Z a fait de ces vidéos un rituel du dimanche.", "fr"),
    ("Gen Z turned these videos into a Sunday ritual.", "en"),
])
def test_extract_gen_z_is_an_audience(extract_text, text, lang):
    assert types_of(extract_text(text, lang))["Gen Z"] == "Audience"


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 19 juillet, une mise à jour de CrowdStrike a bloqué des millions d'ordinateurs.", "fr"),
    ("On July 19, a faulty CrowdStrike update froze millions of computers.", "en"),
])
def test_extract_crowdstrike_is_a_brand(extract_text, text, lang):
    assert types_of(extract_text(text, lang))["CrowdStrike"] == "Brand"


def test_extract_tiktok_is_a_platform(extract_text):
    extraction = extract_text("Les vidéos se partagent surtout sur TikTok et Instagram.", "fr")
    assert types_of(extraction)["TikTok"] == "Platform"


# ---------------------------------------------------------------- noise


def test_noise_generic_words_are_not_entities(extract_text):
    text = ("Le Monde entier en parle sur internet. K, VS et Pod ne sont pas des marques. "
            "La nostalgie Y2K revient.")
    names = {e.name.lower() for e in extract_text(text, "fr").entities}
    assert names.isdisjoint({"k", "monde", "le monde", "pod", "vs", "internet"})


def test_noise_role_word_is_cut_from_a_name(extract_text):
    extraction = extract_text("Le YouTubeur Mister V a été critiqué pour une publicité.", "fr")
    people = [e.name for e in extraction.entities if e.type == "Person"]
    assert people == ["Mister V"]


def test_noise_heading_is_not_glued_to_the_next_line(extract_text):
    text = "Le boycott #Blockout2024\n\nAudience\n\nLe mouvement a surtout touché TikTok."
    names = [e.name for e in extract_text(text, "fr").entities]
    assert "Blockout2024" in names
    assert not any("\n" in n or "Audience" in n for n in names)


# ---------------------------------------------------------------- X the platform, X the letter


def test_lexicon_ruler_types_x_after_a_platform_cue(extract_text):
    extraction = extract_text("La rumeur a circulé sur X avant d'arriver sur Instagram.", "fr")
    assert types_of(extraction).get("X") == "Platform"


def test_lexicon_ruler_leaves_the_letter_x_alone(extract_text):
    extraction = extract_text("J'ai vu X fois la même vidéo de sirène.", "fr")
    assert "X" not in types_of(extraction)


def test_lexicon_ruler_needs_exact_case_for_ambiguous_labels(extract_text):
    extraction = extract_text("We spent a week at a summer camp by the lake.", "en")
    assert "Camp" not in types_of(extraction)


def test_lexicon_ruler_leaves_a_phrasal_verb_to_the_verb(extract_text):
    extraction = extract_text("Many creators burn out after a year of daily posting.", "en")
    assert "Burnout" not in types_of(extraction)


def test_lexicon_ruler_still_reads_the_noun_spelled_like_a_phrasal_verb(extract_text):
    extraction = extract_text("Elle a fait un burn out l'an dernier, raconte-t-elle.", "fr")
    assert types_of(extraction).get("Burnout") == "Topic"


def test_lexicon_ruler_knows_the_french_daily_by_its_capitals(extract_text):
    extraction = extract_text("Selon Le Monde, le monde du luxe ralentit en Asie.", "fr")
    assert types_of(extraction).get("Le Monde") == "Organization"


def test_lexicon_ruler_reads_a_tagged_account_as_the_brand(extract_text):
    extraction = extract_text("Trouvé ce haut chez @zara, merci @adidas pour le maillot !", "fr")
    types = types_of(extraction)
    assert types.get("Zara") == "Brand" and types.get("adidas") == "Brand"


def test_lexicon_ruler_leaves_a_sentence_initial_common_noun_to_the_word(extract_text):
    extraction = extract_text(
        "The charity Mermaids backs trans teenagers in Leeds. Elsewhere, hobby swimmers "
        "in silicone tails call themselves mermaids. Mermaids gather in pools on Sundays.",
        "en")
    charity = [e for e in extraction.entities if e.name == "Mermaids"]
    assert [len(e.mentions) for e in charity] == [1]


# ---------------------------------------------------------------- unlisted trends and audiences


def test_ner_names_keep_a_given_name_that_opens_the_sentence(extract_text):
    assert types_of(extract_text("Lionel Messi wore new boots for the whole final.", "en")) == {
        "Lionel Messi": "Person"}


def test_a_surname_listed_with_a_brand_stays_the_person_named_in_full(extract_text):
    text = ("Glossier, the beauty brand founded by Emily Weiss, opened a shop in London. "
            "Emily Weiss and Glossier then moved to New York.")
    types = [(e.name, e.type) for e in extract_text(text, "en").entities]
    assert ("Emily Weiss", "Person") in types and ("Emily Weiss", "Brand") not in types


def test_patterns_find_an_unlisted_core_trend(extract_text):
    extraction = extract_text("Le cabincore mise sur les plaids, le bois et les bougies.", "fr")
    assert types_of(extraction).get("Cabincore") == "Trend"


def test_patterns_find_a_quoted_trend_after_la_tendance(extract_text):
    extraction = extract_text("La tendance « sad beige » habille les enfants en gris.", "fr")
    assert types_of(extraction).get("Sad beige") == "Trend"


def test_patterns_find_the_x_aesthetic(extract_text):
    extraction = extract_text("Creators keep posting the lichen glam aesthetic on Tumblr.", "en")
    trend = next(e for e in extraction.entities if e.type == "Trend")
    assert trend.name == "Lichen glam"
    assert "lichen glam aesthetic" in trend.aliases


def test_patterns_split_a_camelcase_hashtag(extract_text):
    extraction = extract_text("Tout le monde poste en #SleepyGirl depuis lundi.", "fr")
    assert types_of(extraction).get("Sleepy girl") == "Trend"


def test_patterns_find_a_year_movement(extract_text):
    extraction = extract_text("Le hashtag #Boycott2025 a circulé toute la semaine.", "fr")
    assert types_of(extraction).get("Boycott2025") == "Trend"


def test_patterns_find_a_named_generation(extract_text):
    extraction = extract_text("La génération Covid a grandi derrière un écran.", "fr")
    assert types_of(extraction).get("Génération Covid") == "Audience"


def test_patterns_find_a_community(extract_text):
    extraction = extract_text("The skater community adopted the look first.", "en")
    assert types_of(extraction).get("Skater community") == "Audience"


def test_patterns_type_names_listed_after_brands_such_as(extract_text):
    extraction = extract_text("Sneaker brands such as Veja and Autry sold out in days.", "en")
    assert types_of(extraction).get("Veja") == "Brand"
    assert types_of(extraction).get("Autry") == "Brand"


# ---------------------------------------------------------------- relations


def test_relations_trend_and_audience_are_popular_with(extract_text):
    sentence = "Le Mermaidcore est très populaire auprès de la génération Z."
    extraction = extract_text(sentence + " Rien d'autre à signaler.", "fr")
    relation = next(r for r in extraction.relations if r.type == "POPULAR_WITH")
    assert (relation.source, relation.target) == ("trend:mermaidcore", "audience:genz")
    assert [e.sentence for e in relation.evidence] == [sentence]
    assert relation.evidence[0].doc == extraction.document.id


def test_relations_trend_and_platform_spread_on(extract_text):
    extraction = extract_text("Girl math spread on TikTok within weeks.", "en")
    types = {(r.type, r.source, r.target) for r in extraction.relations}
    assert ("SPREADS_ON", "trend:girlmath", "platform:tiktok") in types


def test_relations_one_relation_per_pair_weighted_by_sentences(extract_text):
    text = "Le Mermaidcore plaît à la génération Z. La génération Z adore aussi le Mermaidcore."
    extraction = extract_text(text, "fr")
    pairs = [r for r in extraction.relations if r.type == "POPULAR_WITH"]
    assert len(pairs) == 1
    assert pairs[0].weight == 2


def test_relations_cue_raises_confidence(extract_text):
    cued = extract_text("Le Mermaidcore est populaire auprès de la génération Z.", "fr")
    plain = extract_text("Le Mermaidcore, la génération Z : voilà le sujet.", "fr")
    assert cued.relations[0].confidence > plain.relations[0].confidence


def test_relations_always_carry_evidence(extract_text):
    text = "Sur TikTok et Instagram, le Barbiecore et le Mermaidcore séduisent les millennials."
    extraction = extract_text(text, "fr")
    assert extraction.relations
    assert all(r.evidence and r.weight == len(r.evidence) for r in extraction.relations)


# ---------------------------------------------------------------- documents and API


def test_extract_reads_the_title_when_the_body_lacks_it(extract_text):
    extraction = extract_text("Les ventes ont doublé en un mois.", "fr", title="Le Mermaidcore")
    assert "Mermaidcore" in types_of(extraction)


def test_extract_entities_have_mentions_and_bounded_confidence(extract_text):
    extraction = extract_text("Le Barbiecore et le Mermaidcore séduisent sur Instagram.", "fr")
    assert all(e.mentions and 0.0 <= e.confidence <= 1.0 for e in extraction.entities)
    assert {e.source for e in extraction.entities} <= {"lexicon", "pattern", "ner"}


def test_extract_many_keeps_input_order_across_languages():
    texts = ["Le Mermaidcore revient.", "Girl math is back.", "La génération Z vote."]
    documents = [Document(id=document_id(t), text=t, source="test") for t in texts]
    extractions = list(extract_many(documents, batch_size=2))
    assert [x.document.text for x in extractions] == texts
    assert [x.lang for x in extractions] == ["fr", "en", "fr"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Les marques doivent comprendre ce que la tendance dit de leurs clients.", "fr"),
    ("Brands need to understand what the trend says about their customers.", "en"),
])
def test_language_detects_french_and_english(text, lang):
    assert detect_language(text) == lang


def test_language_declared_language_wins(extract_text):
    assert extract_text("Mermaidcore, Barbiecore, Y2K.", "fr").lang == "fr"


@pytest.mark.parametrize(("lang", "texts"), [
    ("fr", ["La marque Jacquemus et Taylor Swift lancent « Apple » sur TikTok.",
            "Le film Barbie de Greta Gerwig a relancé le Barbiecore chez Zara."]),
    ("en", ["The brand Jacquemus and Taylor Swift launched 'Apple' on TikTok.",
            "The film Barbie by Greta Gerwig brought Barbiecore back at Zara."]),
])
def test_extract_components_keep_no_state_between_documents(lang, texts):
    """What one document shows (its people, its cues) travels with that document, so a
    component can serve documents in any order, from any thread (issue 14)."""
    from kg.extract.pipeline import load_pipeline

    nlp = load_pipeline(lang)
    ours = [(name, pipe) for name, pipe in nlp.pipeline if name.startswith("trendgraph")]
    nlp(texts[0])  # first use builds what components load lazily (the vocabulary)
    before = {name: {k: id(v) for k, v in vars(pipe).items()} for name, pipe in ours}
    nlp(texts[1])
    after = {name: {k: id(v) for k, v in vars(pipe).items()} for name, pipe in ours}
    changed = sorted(f"{name}.{k}" for name, attrs in after.items() for k, v in attrs.items()
                     if before[name].get(k) != v)
    assert ours and changed == [], "per-document state kept on a component"


def test_pipeline_base_run_is_the_statistical_model_alone():
    """The NER baseline runs the full pipeline's model components only: the same entities
    and sentences as the model loaded on its own (which it no longer loads a second time)."""
    from kg.extract.pipeline import load_base, model_name, run_base

    text = ("Haley Kalil posted a video from the Met Gala in New York. "
            "Selena Gomez and Kim Kardashian were blocked by thousands of TikTok users.")
    ours, alone = run_base("en", text), load_base(model_name("en"))(text)
    assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in alone.ents]
    assert [s.text for s in ours.sents] == [s.text for s in alone.sents]
    assert len(list(ours.sents)) == 2 and any(e.label_ == "PERSON" for e in ours.ents)


def test_pipeline_keeps_the_text_it_was_given_for_the_components():
    """The components read the text as given (no rebuild from the tokens), and it is
    exactly the document's text even after a component split a token ('U.S.A.' stays)."""
    from kg.extract.candidates import TEXT_KEY
    from kg.extract.pipeline import load_pipeline

    text = "Le Barbiecore arrive.\n\nLes U.S.A. suivent  sur TikTok. Fin."
    doc = load_pipeline("fr")(text)
    assert doc.user_data[TEXT_KEY] is text
    assert doc.text == text


def test_lexicon_ruler_languages_share_one_build_of_the_spellings():
    from kg.extract.lexicon_entries import build_entries, ontology_entries
    from kg.ontology import load_ontology

    assert ontology_entries() is ontology_entries()
    assert list(ontology_entries()) == build_entries(load_ontology().concepts)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Don't miss the U.S.A. drop: #MermaidCore x Barbie-core (2024) at https://x.com/a!"),
    ("fr", "Aujourd'hui, l'appli « BeReal » plaît aux 18-24 ans… #GirlMath c'est-à-dire 2e."),
])
def test_pipeline_tokenizer_splits_as_the_bare_model(lang, text):
    """The pipeline empties its tokenizer's cache once built (the lexicon's spellings had
    filled it); the rules and special cases it keeps are the model's: same tokens."""
    from kg.extract.pipeline import load_base, load_pipeline, model_name

    ours, alone = load_pipeline(lang).make_doc(text), load_base(model_name(lang)).make_doc(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in alone]
    assert load_pipeline(lang).tokenizer.rules == load_base(model_name(lang)).tokenizer.rules
