"""Which names one sentence links, and how confidently: texts written for these tests."""

from __future__ import annotations


def _links(extraction) -> dict[frozenset[str], object]:
    names = {e.id: e.name for e in extraction.entities}
    return {frozenset((names[r.source], names[r.target])): r for r in extraction.relations}


def test_relations_a_cued_typed_link_outranks_any_co_occurrence(extract_text):
    text = ("Le Mermaidcore est très populaire auprès de la génération Z sur TikTok, "
            "comme le Barbiecore.")
    links = _links(extract_text(text, "fr"))
    cued = links[frozenset(("Mermaidcore", "Gen Z"))]
    generic = [r for r in links.values() if r.type == "RELATED_TO"]
    assert cued.type == "POPULAR_WITH"
    assert all(r.confidence < cued.confidence for r in generic)


def test_relations_the_speaker_of_a_quote_is_not_linked_to_what_she_says(extract_text):
    text = ('"Gorpcore lets city people look outdoorsy," says Nadia Perrin, '
            "an analyst at Brightline Research.")
    links = _links(extract_text(text, "en"))
    assert not any("Gorpcore" in pair and "Nadia Perrin" in pair for pair in links)


def test_relations_a_speaker_is_linked_to_her_employer(extract_text):
    text = ("The trend will fade by spring, according to researcher Nadia Perrin "
            "of the Halvorsen Institute.")
    extraction = extract_text(text, "en")
    links = _links(extraction)
    assert frozenset(("Nadia Perrin", "Halvorsen Institute")) in links


def test_relations_names_in_a_list_are_not_linked_to_each_other(extract_text):
    text = "Zara and Mango both sold gingham dresses during the tomato girl summer."
    links = _links(extract_text(text, "en"))
    assert frozenset(("Zara", "Mango")) not in links


def test_relations_clauses_split_by_a_semicolon_are_not_linked(extract_text):
    text = ("The vanilla girl loved cream knits; the latte makeup look spread on Instagram "
            "within a week.")
    links = _links(extract_text(text, "en"))
    assert frozenset(("Vanilla girl", "Instagram")) not in links


def test_relations_a_closing_run_of_hashtags_states_nothing(extract_text):
    text = "Thrifted three cardigans today, so proud. #eclecticgrandpa #Pinterest"
    assert _links(extract_text(text, "en")) == {}


def test_relations_platforms_named_together_are_not_linked(extract_text):
    text = "Les vidéos de mermaiding circulent sur TikTok, Instagram et YouTube."
    links = _links(extract_text(text, "fr"))
    assert not any(r.type == "RELATED_TO" for r in links.values())


def test_relations_evidence_prefers_body_sentences_over_the_headline(extract_text):
    text = ("Blokecore conquers TikTok\n\nThe blokecore look keeps spreading on TikTok, "
            "where vintage football shirts rack up views.")
    [relation] = [r for r in extract_text(text, "en").relations if r.type == "SPREADS_ON"]
    assert [e.headline for e in relation.evidence] == [False, True]
    assert relation.evidence[0].sentence.startswith("The blokecore look")


def test_relations_a_brand_and_a_person_are_partners_when_the_sentence_says_so(extract_text):
    text = "Glossier, the beauty brand founded by Emily Weiss, opened a shop in London."
    links = _links(extract_text(text, "en"))
    assert links[frozenset(("Glossier", "Emily Weiss"))].type == "PARTNERS_WITH"


def test_relations_a_brand_next_to_a_person_without_a_cue_is_only_related(extract_text):
    text = "The footballer Kylian Mbappé wore Nike boots for the whole final."
    links = _links(extract_text(text, "en"))
    assert links[frozenset(("Kylian Mbappé", "Nike"))].type == "RELATED_TO"


def test_relations_a_brand_and_a_person_far_apart_in_a_sentence_are_not_linked(extract_text):
    text = ("Entre le canular du comédien Marc Duval sur son premier jour de travail et les "
            "mèmes sur les commandes perdues d'Uber Eats, la panne est devenue une blague.")
    links = _links(extract_text(text, "fr"))
    assert frozenset(("Marc Duval", "Uber Eats")) not in links


def test_relations_a_pair_stated_once_keeps_one_link_for_the_whole_document(extract_text):
    text = ("Glossier, the beauty brand founded by Emily Weiss, opened a shop in London. "
            "Emily Weiss later moved Glossier to New York.")
    extraction = extract_text(text, "en")
    links = [r for r in extraction.relations
             if {r.source, r.target} == {e.id for e in extraction.entities
                                         if e.name in ("Glossier", "Emily Weiss")}]
    assert [(r.type, len(r.evidence)) for r in links] == [("PARTNERS_WITH", 2)]


def test_relations_a_collaboration_mark_makes_a_brand_and_a_person_partners(extract_text):
    text = "The Crocs x Bad Bunny clog sold out in minutes."
    links = _links(extract_text(text, "en"))
    assert links[frozenset(("Crocs", "Bad Bunny"))].type == "PARTNERS_WITH"


def test_relations_two_brands_of_one_collaboration_are_linked(extract_text):
    links = _links(extract_text("Everyone queued for the Kith x Birkenstock clogs.", "en"))
    assert frozenset(("Kith", "Birkenstock")) in links
