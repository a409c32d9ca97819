"""Curation rules on one extraction (pure) and in the rules file.

Store-level behaviour (apply, undo, re-ingest) is in test_curation_store.py and runs
on both backends.
"""

from __future__ import annotations

import json
import re

import pytest

from kg.curation import Hide, HideLink, Merge, Rename, Retype, curate_extraction, resolve_id
from kg.curation.archive import dumps, loads
from kg.curation.rulebook import RuleBook, default_path
from kg.curation.rules import rule_from_dict, rule_to_dict
from kg.errors import CurationError
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation

DOC = Document(id="doc:cozy", text="…", source="tests/cozy.txt", date="2025-01-10")


def _entity(type_: str, name: str, *aliases: str, mentions: int = 1) -> Entity:
    return Entity(type=type_, name=name, aliases=list(aliases),
                  mentions=[Mention(name, 0, len(name), n) for n in range(mentions)])


def _link(kind: str, source: Entity, target: Entity, *sentences: str) -> Relation:
    return Relation(source.id, target.id, kind, [Evidence(DOC.id, s) for s in sentences], 0.8)


COZY = _entity("Trend", "Cozy gaming", "cozy games", mentions=2)
DOUILLET = _entity("Trend", "Gaming douillet", "#gamingdouillet")
GENZ = _entity("Audience", "Gen Z")
CAPITOL = _entity("Brand", "Capitol")
TIKTOK = _entity("Platform", "TikTok")


def _extraction() -> Extraction:
    return Extraction(DOC, [COZY, DOUILLET, GENZ, CAPITOL, TIKTOK], [
        _link("POPULAR_WITH", COZY, GENZ, "Cozy gaming wins Gen Z.", "Gen Z loves it."),
        _link("POPULAR_WITH", DOUILLET, GENZ, "Le gaming douillet séduit la Gen Z.",
              "Gen Z loves it."),
        _link("ASSOCIATED_WITH", CAPITOL, COZY, "Capitol and cozy gaming."),
        _link("SPREADS_ON", COZY, TIKTOK, "Cozy gaming on TikTok."),
    ], lang="fr")


def _by_id(extraction: Extraction) -> dict[str, Entity]:
    return {e.id: e for e in extraction.entities}


def _links(extraction: Extraction) -> dict[tuple[str, str, str], int]:
    return {(r.type, r.source, r.target): r.weight for r in extraction.relations}


def test_curation_merge_keeps_names_as_aliases_and_mentions(ontology) -> None:
    merged = curate_extraction(_extraction(), [
        Merge("trend:gamingdouillet", "trend:cozygaming", "Cozy gaming", "Trend")], ontology)
    cozy = _by_id(merged)["trend:cozygaming"]
    assert "trend:gamingdouillet" not in _by_id(merged)
    assert cozy.aliases == ["cozy games", "#gamingdouillet", "Gaming douillet"]
    assert len(cozy.mentions) == 3


def test_curation_merge_joins_links_and_counts_a_shared_sentence_once(ontology) -> None:
    merged = curate_extraction(_extraction(), [
        Merge("trend:gamingdouillet", "trend:cozygaming", "Cozy gaming", "Trend")], ontology)
    assert _links(merged)[("POPULAR_WITH", "trend:cozygaming", "audience:genz")] == 3


def test_curation_leaves_the_raw_extraction_unchanged(ontology) -> None:
    raw = _extraction()
    curate_extraction(raw, [Merge("trend:gamingdouillet", "trend:cozygaming", "Cozy gaming",
                                  "Trend"), Hide("audience:genz")], ontology)
    assert [e.id for e in raw.entities] == [e.id for e in _extraction().entities]
    assert len(raw.relations) == 4 and COZY.aliases == ["cozy games"]


def test_curation_rename_changes_the_id_and_keeps_the_old_name(ontology) -> None:
    renamed = curate_extraction(_extraction(), [Rename("trend:gamingdouillet", "Cosy gaming")],
                                ontology)
    entity = _by_id(renamed)["trend:cosygaming"]
    assert entity.name == "Cosy gaming" and "Gaming douillet" in entity.aliases
    assert ("POPULAR_WITH", "trend:cosygaming", "audience:genz") in _links(renamed)


def test_curation_rename_to_an_existing_name_joins_that_entity(ontology) -> None:
    renamed = curate_extraction(_extraction(), [Rename("trend:gamingdouillet", "cozy Gaming")],
                                ontology)
    assert "trend:gamingdouillet" not in _by_id(renamed)
    assert len(_by_id(renamed)["trend:cozygaming"].mentions) == 3


def test_curation_retype_moves_links_to_types_that_fit(ontology) -> None:
    retyped = curate_extraction(_extraction(), [Retype("brand:capitol", "Place")], ontology)
    assert _by_id(retyped)["place:capitol"].type == "Place"
    links = _links(retyped)
    assert ("ASSOCIATED_WITH", "brand:capitol", "trend:cozygaming") not in links
    assert ("RELATED_TO", "place:capitol", "trend:cozygaming") in links


def test_curation_retype_keeps_co_occurrence_links_generic(ontology) -> None:
    raw = _extraction()
    raw.relations.append(_link("RELATED_TO", GENZ, TIKTOK, "Gen Z is on TikTok."))
    retyped = curate_extraction(raw, [Retype("platform:tiktok", "Brand")], ontology)
    assert ("RELATED_TO", "audience:genz", "brand:tiktok") in _links(retyped)
    assert ("TARGETS", "brand:tiktok", "audience:genz") not in _links(retyped)


def test_curation_hide_drops_the_entity_and_its_links(ontology) -> None:
    hidden = curate_extraction(_extraction(), [Hide("audience:genz")], ontology)
    assert "audience:genz" not in _by_id(hidden)
    assert all("audience:genz" not in (s, t) for _, s, t in _links(hidden))


def test_curation_hide_link_drops_links_in_either_direction(ontology) -> None:
    hidden = curate_extraction(
        _extraction(), [HideLink("platform:tiktok", "trend:cozygaming")], ontology)
    assert ("SPREADS_ON", "trend:cozygaming", "platform:tiktok") not in _links(hidden)
    assert "platform:tiktok" in _by_id(hidden)


def test_curation_hide_link_of_one_type_keeps_the_others(ontology) -> None:
    hidden = curate_extraction(
        _extraction(), [HideLink("trend:cozygaming", "platform:tiktok", "RELATED_TO")], ontology)
    assert ("SPREADS_ON", "trend:cozygaming", "platform:tiktok") in _links(hidden)


def test_curation_rules_apply_in_order(ontology) -> None:
    rules = [Merge("trend:gamingdouillet", "trend:cozygaming", "Cozy gaming", "Trend"),
             Rename("trend:cozygaming", "Cosy gaming")]
    curated = curate_extraction(_extraction(), rules, ontology)
    assert set(_by_id(curated)) >= {"trend:cosygaming"}
    assert not {"trend:cozygaming", "trend:gamingdouillet"} & set(_by_id(curated))
    assert resolve_id("trend:gamingdouillet", rules, ontology) == "trend:cosygaming"


def test_curation_rule_for_an_absent_entity_changes_nothing(ontology) -> None:
    curated = curate_extraction(_extraction(), [Hide("brand:nobody")], ontology)
    assert _links(curated) == _links(_extraction())


def test_curation_merge_needs_the_target_id_of_its_name() -> None:
    with pytest.raises(CurationError, match="not the id"):
        Merge("trend:a", "trend:b", "Something else", "Trend")


def test_curation_retype_to_an_unknown_class_is_an_error(ontology) -> None:
    with pytest.raises(CurationError, match="Unknown entity class 'Gadget'"):
        curate_extraction(_extraction(), [Retype("brand:capitol", "Gadget")], ontology)


def test_curation_rules_round_trip_as_dicts() -> None:
    for rule in (Merge("trend:gamingdouillet", "trend:cozygaming", "Cozy gaming", "Trend"),
                 Rename("brand:capitol", "Capitol"), Retype("brand:capitol", "Place"),
                 Hide("trend:cozygamer"), HideLink("platform:x", "platform:tiktok")):
        assert rule_from_dict(json.loads(json.dumps(rule_to_dict(rule)))) == rule


def test_curation_rule_with_a_missing_field_names_it() -> None:
    with pytest.raises(CurationError, match="needs name"):
        rule_from_dict({"op": "rename", "entity": "brand:capitol"})


def test_curation_archive_round_trips_an_extraction() -> None:
    raw = _extraction()
    back = loads(dumps(raw), DOC)
    assert back.entities == raw.entities and back.relations == raw.relations
    assert back.lang == "fr"


def test_curation_archive_names_the_document_it_cannot_read() -> None:
    with pytest.raises(CurationError, match=r"doc:cozy .*tests/cozy\.txt"):
        loads("{not json", DOC)


def test_rulebook_numbers_lists_and_removes_rules(tmp_path) -> None:
    book = RuleBook(tmp_path / "graph.rules.jsonl")
    book.add([Hide("trend:cozygamer"), Rename("brand:capitol", "Capitol")], by="test")
    book.add([Retype("brand:capitol", "Place")])
    assert [e.id for e in book.entries()] == [1, 2, 3]
    assert book.remove().rule == Retype("brand:capitol", "Place")
    assert book.remove(1).rule == Hide("trend:cozygamer")
    assert book.rules == [Rename("brand:capitol", "Capitol")]


def test_rulebook_bad_line_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "graph.rules.jsonl"
    path.write_text('{"id": 1, "op": "hide", "entity": "trend:x"}\n{"id": 2, "op": "zap"}\n')
    with pytest.raises(CurationError, match=r"graph.rules.jsonl, line 2: Unknown curation"):
        RuleBook(path).entries()


def test_rulebook_lives_beside_an_embedded_store(tmp_path, monkeypatch) -> None:
    from kg.store import open_store

    monkeypatch.delenv("TRENDGRAPH_RULES", raising=False)
    with open_store(str(tmp_path / "graph.db")) as store:
        assert default_path(store) == tmp_path / "graph.rules.jsonl"
    monkeypatch.setenv("TRENDGRAPH_RULES", str(tmp_path / "mine.jsonl"))
    with open_store(str(tmp_path / "graph.db")) as store:
        assert default_path(store) == tmp_path / "mine.jsonl"


@pytest.mark.neo4j
def test_rulebook_of_a_server_is_named_after_its_database(neo4j_store, monkeypatch) -> None:
    monkeypatch.delenv("TRENDGRAPH_RULES", raising=False)
    path = default_path(neo4j_store)
    assert path.name == f"{neo4j_store.identity()}.jsonl"
    neo4j_store.reset()
    assert default_path(neo4j_store) == path
    neo4j_store._drop_all()  # wiped outside trendgraph: the old rules do not follow
    assert default_path(neo4j_store) != path


@pytest.mark.neo4j
def test_rulebook_named_after_the_server_address_is_adopted_once(neo4j_store) -> None:
    """Rules files from before databases kept an identity were named after the address:
    the first look moves one to the identity's name, so its rules still apply."""
    folder = default_path(neo4j_store).parent
    old = folder / (re.sub(r"[^A-Za-z0-9]+", "_", neo4j_store.location).strip("_") + ".jsonl")
    folder.mkdir(parents=True, exist_ok=True)
    old.write_text('{"id": 1, "op": "hide", "entity": "trend:x"}\n', encoding="utf-8")
    path = default_path(neo4j_store)
    assert not old.exists()
    assert [e.id for e in RuleBook(path).entries()] == [1]
    old.write_text("another database's rules, later at the same address\n", encoding="utf-8")
    assert default_path(neo4j_store) == path
    assert [e.id for e in RuleBook(path).entries()] == [1]
