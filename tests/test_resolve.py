"""Resolution: one entity per real thing, every spelling kept, different things apart."""

from __future__ import annotations

import pytest

from kg.extract.resolve import Found, resolve


def _found(name, *, type_="Trend", surface=None, start=0, sentence=0, source="pattern",
           confidence=0.7):
    surface = surface or name
    return Found(type_, name, surface, start, start + len(surface), sentence, source, confidence)


def test_resolve_merges_case_camelcase_hashtag_and_spacing(extract_text, entity_of):
    text = ("Le MermaidCore est partout. Sur Instagram, #mermaidcore compte des millions de "
            "publications, et le Mermaid core s'invite chez les marques.")
    extraction = extract_text(text, "fr")
    trends = [e for e in extraction.entities if e.type == "Trend"]
    assert [t.name for t in trends] == ["Mermaidcore"]
    assert {"MermaidCore", "#mermaidcore", "Mermaid core"} <= set(trends[0].aliases)
    assert len(trends[0].mentions) == 3


def test_resolve_keeps_the_canonical_name_out_of_the_aliases(extract_text, entity_of):
    extraction = extract_text("Mermaidcore, MermaidCore, mermaidcore.", "en")
    assert "Mermaidcore" not in entity_of(extraction, "Mermaidcore").aliases


def test_resolve_links_a_surname_to_the_full_name(extract_text):
    text = ("Haley Kalil posted a video from the Met Gala. Two days later, Kalil apologised "
            "to her followers.")
    people = [e for e in extract_text(text, "en").entities if e.type == "Person"]
    assert [p.name for p in people] == ["Haley Kalil"]
    assert "Kalil" in people[0].aliases


def test_resolve_twitter_is_the_platform_x(extract_text):
    text = "Le canular est parti de Twitter, devenu X, puis s'est répandu sur X et Instagram."
    platforms = [e for e in extract_text(text, "fr").entities if e.name == "X"]
    assert len(platforms) == 1
    assert platforms[0].type == "Platform"
    assert "Twitter" in platforms[0].aliases


def test_resolve_drops_the_nickname_from_a_name(extract_text, entity_of):
    text = "La liste visait aussi Dwayne « The Rock » Johnson et Selena Gomez."
    extraction = extract_text(text, "fr")
    johnson = entity_of(extraction, "Dwayne Johnson")
    assert johnson is not None and johnson.type == "Person"
    assert "Dwayne « The Rock » Johnson" in johnson.aliases


def test_resolve_merges_names_the_text_says_are_one():
    text = "Lena Moreau, aka Lena Mo, posted again."
    found = [
        _found("Lena Moreau", type_="Person", start=0, source="ner"),
        _found("Lena Mo", type_="Person", start=17, source="ner"),
    ]
    entities = resolve(found, text=text)
    assert len(entities) == 1
    assert entities[0].name == "Lena Moreau"
    assert entities[0].aliases == ["Lena Mo"]


def test_resolve_merges_a_plural():
    entities = resolve([_found("Lazy girl job"), _found("Lazy girl jobs", start=40)], text="")
    assert [e.name for e in entities] == ["Lazy girl job"]


def test_resolve_merges_a_name_and_the_name_with_its_cue_word():
    found = [_found("Tomato girl", start=0), _found("Tomato girl aesthetic", start=30)]
    entities = resolve(found, text="")
    assert len(entities) == 1
    assert "Tomato girl aesthetic" in entities[0].aliases


def test_resolve_merges_a_near_spelling_of_the_same_type():
    entities = resolve([_found("Millenials", type_="Audience"),
                        _found("Millennials", type_="Audience", start=50)], text="")
    assert len(entities) == 1


def test_resolve_keeps_apart_names_that_differ_by_a_real_word():
    found = [_found("Millennial women", type_="Audience"),
             _found("Millennial men", type_="Audience", start=40)]
    assert len(resolve(found, text="")) == 2


def test_resolve_keeps_apart_two_trends_a_swapped_word_apart():
    found = [_found("Coastal grandpa"), _found("Coastal grandma", start=40)]
    assert len(resolve(found, text="")) == 2


def test_resolve_still_merges_a_misspelt_coinage():
    entities = resolve([_found("Looksmaxxing"), _found("Looksmaxing", start=40)], text="")
    assert len(entities) == 1


def test_resolve_still_merges_two_spellings_of_a_person():
    found = [_found("Hailey Bieber", type_="Person"),
             _found("Haley Bieber", type_="Person", start=40)]
    assert len(resolve(found, text="")) == 1


def test_resolve_never_merges_two_lexicon_concepts():
    found = [_found("Gen Z", type_="Audience", source="lexicon"),
             _found("Gen X", type_="Audience", source="lexicon", start=30)]
    assert len(resolve(found, text="")) == 2


def test_resolve_keeps_different_types_apart():
    found = [_found("Stanley", type_="Brand", source="lexicon"),
             _found("Stanley", type_="Person", source="ner", start=40)]
    assert sorted(e.type for e in resolve(found, text="")) == ["Brand", "Person"]


def test_resolve_prefers_a_non_hashtag_name():
    found = [_found("Mob wife", surface="#MobWife", start=0),
             _found("Mob wife", surface="mob wife", start=20),
             _found("Mob wife", surface="mob wife", start=40)]
    entity = resolve(found, text="")[0]
    assert entity.name == "Mob wife"
    assert set(entity.aliases) == {"#MobWife", "mob wife"}


def test_resolve_keeps_a_service_named_with_a_plus_apart_from_its_maker():
    found = [_found("Disney", type_="Brand", source="lexicon"),
             _found("Disney+", type_="Brand", source="lexicon", start=30)]
    assert sorted(e.id for e in resolve(found, text="")) == ["brand:disney", "brand:disneyplus"]


def test_groups_are_named_after_their_smallest_member_whatever_the_order_of_unions():
    from kg.extract.groups import Groups

    groups = Groups(range(5))
    groups.union(4, 2)
    groups.union(3, 4)
    assert groups.find(3) == 2
    assert groups.members() == {0: [0], 1: [1], 2: [2, 3, 4]}
    names = Groups[str]()
    names.union("trend:b", "trend:a")
    assert names.find("trend:b") == "trend:a" and names.find("brand:x") == "brand:x"


@pytest.mark.parametrize(("spelling", "folded"), [
    ("#MermaidCore", "mermaid core"), ("mermaid-core", "mermaid core"),
    ("Génération Z", "generation z"), ("İstanbul", "istanbul"), ("l’été", "l ete"),
    ("O'Neil", "o neil"), ("Mister V.", "mister v"), ("ＦＵＬＬ", "full"),
])
def test_fold_makes_plain_and_accented_spellings_one_name(spelling, folded):
    from kg.model import fold

    assert fold(spelling) == folded
