"""Corpus-level consolidation: which nodes merge, which stay apart, what the rules say."""

from __future__ import annotations

from kg.consolidate import Rule, apply, consolidate, entity_stats, plan, translated_keys
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation


def _extraction(doc: str, lang: str, *entities: Entity, relations=()) -> Extraction:
    document = Document(id=f"doc:{doc}", text="…", source=doc, lang=lang)
    return Extraction(document, entities=list(entities), relations=list(relations), lang=lang)


def _trend(name: str, *aliases: str, mentions: int = 1, surface: str = "") -> Entity:
    return Entity(type="Trend", name=name, aliases=list(aliases),
                  mentions=[Mention(surface or name, 0, 5, 0)] * mentions)


def test_consolidate_translates_a_french_trend_name_into_the_english_one():
    assert "cozygaming" in translated_keys("gaming douillet")


def test_consolidate_does_not_translate_a_name_with_no_known_word():
    assert translated_keys("brat summer") == set()


def test_consolidate_merges_the_french_name_into_the_english_trend_as_an_alias():
    corpus = [_extraction("en", "en", _trend("Cozy gaming", mentions=5)),
              _extraction("fr", "fr", _trend("Gaming douillet"))]
    merged = consolidate(corpus)
    [entity] = merged[1].entities
    assert entity.name == "Cozy gaming" and "Gaming douillet" in entity.aliases


def test_consolidate_leaves_an_english_name_untranslated():
    # "mode" is French for fashion, but an English text's "goblin mode" is not translated
    corpus = [_extraction("a", "en", _trend("Goblin mode")),
              _extraction("b", "en", _trend("Goblin fashion", mentions=3))]
    assert plan(entity_stats(corpus)) == []


def test_consolidate_merges_a_node_whose_alias_is_another_nodes_name():
    corpus = [_extraction("a", "en", _trend("Stanley cup craze", "Stanley cup", mentions=4)),
              _extraction("b", "en", _trend("Stanley cup"))]
    [rule] = plan(entity_stats(corpus))
    assert (rule.action, rule.entity, rule.target) == (
        "merge", "trend:stanleycup", "trend:stanleycupcraze")


def test_consolidate_never_merges_across_types():
    brand = Entity(type="Brand", name="Cozy gaming", mentions=[Mention("Cozy gaming", 0, 5, 0)])
    corpus = [_extraction("a", "en", _trend("Gaming cozy", "Cozy gaming")),
              _extraction("b", "en", brand)]
    assert plan(entity_stats(corpus)) == []


def test_consolidate_rewrites_relations_to_the_merged_node():
    audience = Entity(type="Audience", name="Gen Z", mentions=[Mention("Gen Z", 0, 5, 0)])
    french = _trend("Gaming douillet")
    link = Relation(french.id, audience.id, "POPULAR_WITH", [Evidence("doc:fr", "…")])
    corpus = [_extraction("en", "en", _trend("Cozy gaming", mentions=5)),
              _extraction("fr", "fr", french, audience, relations=[link])]
    [relation] = consolidate(corpus)[1].relations
    assert relation.source == "trend:cozygaming"


def test_consolidate_apply_hides_an_entity_and_its_links():
    audience = Entity(type="Audience", name="Gen Z", mentions=[Mention("Gen Z", 0, 5, 0)])
    tag = _trend("Nailtrends", surface="#nailtrends")
    link = Relation(tag.id, audience.id, "POPULAR_WITH", [Evidence("doc:a", "…")])
    [out] = apply([_extraction("a", "en", tag, audience, relations=[link])],
                  [Rule("hide", tag.id)])
    assert [e.name for e in out.entities] == ["Gen Z"] and out.relations == []


def _hashtag(name: str, tag: str, confidence: float = 0.3) -> Entity:
    return Entity(type="Trend", name=name, aliases=[tag], mentions=[Mention(tag, 0, len(tag), 0)],
                  confidence=confidence, source="pattern")


def test_consolidate_hides_a_weak_hashtag_trend_used_once():
    corpus = [_extraction("a", "en", _hashtag("Nail trends", "#nailtrends"))]
    [rule] = plan(entity_stats(corpus))
    assert (rule.action, rule.entity) == ("hide", "trend:nailtrends")


def test_consolidate_keeps_a_weak_hashtag_trend_many_authors_use():
    corpus = []
    for n in range(3):
        extraction = _extraction(f"p{n}", "en", _hashtag("Slow living", "#slowliving"))
        extraction.document = Document(id=f"doc:{n}", text="…", source="posts.csv",
                                       author=f"@user{n}")
        corpus.append(extraction)
    assert plan(entity_stats(corpus)) == []


def test_consolidate_attaches_a_hashtag_to_the_trend_it_names_in_another_document():
    corpus = [_extraction("a", "en", _trend("Cozy gaming", mentions=4)),
              _extraction("b", "en", _hashtag("Cozy gamer", "#cozygamer"))]
    [rule] = plan(entity_stats(corpus))
    assert (rule.action, rule.entity, rule.target) == (
        "merge", "trend:cozygamer", "trend:cozygaming")


# ---------------------------------------------------------------- after ingest, on every backend

NAMES = "MATCH (e:Trend) RETURN e.name AS name, e.aliases AS aliases ORDER BY name"


def _write(store, *extractions: Extraction) -> None:
    store.write(list(extractions))


def test_consolidate_store_merges_the_french_name_and_hides_lone_hashtags(store, tmp_path):
    from kg.consolidate import consolidate_store
    from kg.curation.rulebook import RuleBook

    book = RuleBook(tmp_path / "rules.jsonl")
    _write(store,
           _extraction("en", "en", _trend("Cozy gaming", mentions=5)),
           _extraction("fr", "fr", _trend("Gaming douillet")),
           _extraction("tag", "en", _hashtag("Nail trends", "#nailtrends")))
    rules = consolidate_store(store, book=book)
    rows = store.query(NAMES, {}).dicts()
    assert [r["name"] for r in rows] == ["Cozy gaming"]
    assert "Gaming douillet" in rows[0]["aliases"]
    assert len(book.rules) == len(rules) == 2


def test_consolidate_store_never_overrides_a_rule_already_in_the_book(store, tmp_path):
    from kg.consolidate import consolidate_store
    from kg.curation import Hide
    from kg.curation.rulebook import RuleBook

    book = RuleBook(tmp_path / "rules.jsonl")
    book.add([Hide("trend:cozygaming")], by="strategist")
    _write(store, _extraction("en", "en", _trend("Cozy gaming", mentions=5)),
           _extraction("fr", "fr", _trend("Gaming douillet")))
    assert consolidate_store(store, book=book) == []


def _audience(name: str, mentions: int = 1) -> Entity:
    return Entity(type="Audience", name=name, mentions=[Mention(name, 0, 5, 0)] * mentions)


def test_consolidate_merges_french_fan_groups_into_the_english_one():
    corpus = [_extraction("en", "en", _audience("Fantasy fans", mentions=4)),
              _extraction("fr1", "fr", _audience("Fans de fantasy")),
              _extraction("fr2", "fr", _audience("Amateurs de fantasy"))]
    merged = consolidate(corpus)
    assert {e.name for x in merged for e in x.entities} == {"Fantasy fans"}


def test_consolidate_keeps_fans_of_two_things_apart():
    corpus = [_extraction("en", "en", _audience("Fantasy fans", mentions=4)),
              _extraction("fr", "fr", _audience("Amateurs de jazz"))]
    assert plan(entity_stats(corpus)) == []


def test_consolidate_reads_french_fans_of_an_activity_as_its_english_practitioners():
    assert "freedivers" in translated_keys("amateurs d'apnée")
    assert "runners" in translated_keys("fans de running")


def test_consolidate_merges_french_fans_of_an_activity_into_the_english_audience():
    fans = Entity(type="Audience", name="Amateurs d'apnée", mentions=[Mention("x", 0, 5, 0)])
    divers = Entity(type="Audience", name="Free divers", mentions=[Mention("x", 0, 5, 0)] * 3)
    [rule] = plan(entity_stats([_extraction("fr", "fr", fans), _extraction("en", "en", divers)]))
    assert (rule.action, rule.entity, rule.target) == ("merge", fans.id, divers.id)


def test_consolidate_store_keeps_the_stated_link_of_a_pair_linked_by_two_documents(
        store, tmp_path):
    from kg.consolidate import consolidate_store
    from kg.curation.rulebook import RuleBook

    person = Entity(type="Person", name="Lea Marchand", mentions=[Mention("x", 0, 5, 0)])
    brand = Entity(type="Brand", name="Vellora", mentions=[Mention("x", 0, 5, 0)])
    stated = Relation(person.id, brand.id, "PARTNERS_WITH", [Evidence("doc:a", "…")])
    generic = Relation(brand.id, person.id, "RELATED_TO", [Evidence("doc:b", "…")])
    _write(store, _extraction("a", "en", person, brand, relations=[stated]),
           _extraction("b", "en", person, brand, relations=[generic]))
    consolidate_store(store, book=RuleBook(tmp_path / "rules.jsonl"))
    links = store.query("MATCH (:Person)-[r]-(:Brand) RETURN DISTINCT type(r) AS t", {}).dicts()
    assert [row["t"] for row in links] == ["PARTNERS_WITH"]
