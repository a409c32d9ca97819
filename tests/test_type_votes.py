"""The corpus decides the type of a name typed two ways: a pure function of per-entity votes."""

from __future__ import annotations

from kg.consolidate import consolidate, entity_stats
from kg.model import Document, Entity, Extraction, Mention
from kg.type_votes import mention_weight, retypes


def _extraction(doc_id: str, *entities: Entity) -> Extraction:
    document = Document(id=doc_id, text="x", source=f"{doc_id}.txt", lang="fr")
    return Extraction(document=document, entities=list(entities), lang="fr")


def _entity(type_: str, name: str, support: float, mentions: int = 1) -> Entity:
    return Entity(type=type_, name=name, mentions=[Mention(name, 0, 1, 0)] * mentions,
                  type_support=support)


def test_type_votes_a_cue_outweighs_a_bare_model_guess():
    assert mention_weight("ner", "ORG+cue") > mention_weight("ner", "PER")


def test_type_votes_the_lexicon_outweighs_knowledge():
    assert mention_weight("lexicon", "label") > mention_weight("ner", "LOC+known")


def test_type_votes_a_weak_reading_merges_into_the_type_the_corpus_supports():
    extractions = [
        _extraction("a", _entity("Brand", "Rouje", 3.0)),
        _extraction("b", _entity("Brand", "Rouje", 3.0)),
        _extraction("c", _entity("Person", "Rouje", 1.0)),
    ]
    rows = entity_stats(extractions).values()
    assert retypes(rows) == [("person:rouje", "brand:rouje", retypes(rows)[0][2])]


def test_type_votes_two_cued_readings_stay_apart():
    extractions = [
        _extraction("a", _entity("Brand", "Apple", 8.0, mentions=2)),
        _extraction("b", _entity("CreativeWork", "Apple", 3.0)),
    ]
    assert retypes(entity_stats(extractions).values()) == []


def test_type_votes_an_even_split_is_left_alone():
    extractions = [
        _extraction("a", _entity("Brand", "Velvet", 1.0)),
        _extraction("b", _entity("Person", "Velvet", 1.0)),
    ]
    assert retypes(entity_stats(extractions).values()) == []


def test_type_votes_consolidation_rewrites_the_weak_reading_in_memory():
    extractions = [
        _extraction("a", _entity("Place", "Biarritz", 4.0, mentions=2)),
        _extraction("b", _entity("Brand", "Biarritz", 1.0)),
    ]
    types = {e.type for x in consolidate(extractions) for e in x.entities}
    assert types == {"Place"}


def test_type_votes_without_votes_a_confident_reading_is_kept():
    rows = list(entity_stats([
        _extraction("a", _entity("Brand", "Apple", 0.0, mentions=6)),
        _extraction("b", _entity("CreativeWork", "Apple", 0.0)),
    ]).values())
    for row in rows:
        row.confidence = 0.85
    assert retypes(rows) == []


def test_type_votes_without_votes_a_low_confidence_reading_merges():
    rows = list(entity_stats([
        _extraction("a", _entity("Place", "Biarritz", 0.0, mentions=4)),
        _extraction("b", _entity("Brand", "Biarritz", 0.0)),
    ]).values())
    for row in rows:
        row.confidence = 0.55 if row.type == "Brand" else 0.8
    assert [r[:2] for r in retypes(rows)] == [("brand:biarritz", "place:biarritz")]
