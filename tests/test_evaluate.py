"""Scoring against gold files: exact numbers on folders and extractions built by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluate import (
    GoldDocument,
    GoldEntity,
    GoldRelation,
    evaluate,
    evaluate_splits,
    format_report,
    is_blind,
    merge_scores,
    name_key,
    parse_gold_text,
    read_gold,
    score,
    split_folders,
)
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation

TEXT = ("Le Mermaidcore séduit la génération Z sur TikTok. "
        "Les vidéos circulent aussi sur Instagram.")
SENTENCE = "Le Mermaidcore séduit la génération Z sur TikTok."
GOLD = {
    "entities": [
        {"name": "Mermaidcore", "type": "Trend", "aliases": [], "also_ok": []},
        {"name": "Gen Z", "type": "Audience", "aliases": ["génération Z"], "also_ok": []},
        {"name": "TikTok", "type": "Platform", "aliases": [], "also_ok": []},
        {"name": "vidéos", "type": "Topic", "aliases": [], "also_ok": []},
    ],
    "relations": [
        {"source": "Mermaidcore", "target": "génération Z", "kind": "popular with",
         "evidence": SENTENCE},
        {"source": "Mermaidcore", "target": "TikTok", "kind": "spreads on", "evidence": SENTENCE},
    ],
}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "post.txt").write_text(f"LANG: fr\nDATE: 2024-06-01\n\n{TEXT}\n", encoding="utf-8")
    (tmp_path / "post.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("gold")
    (folder / "post.txt").write_text(f"LANG: fr\nDATE: 2024-06-01\n\n{TEXT}\n", encoding="utf-8")
    (folder / "post.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return evaluate(folder, details=True)


def _entity(name, type_, *aliases):
    return Entity(type=type_, name=name, aliases=list(aliases),
                  mentions=[Mention(name, 0, len(name), 0)])


def _doc(entities, gold_relations=()):
    document = Document(id="doc:1", text="…", source="test")
    gold = GoldDocument("one", document, tuple(entities), tuple(gold_relations))
    return gold, document


# ---------------------------------------------------------------- end to end on a tiny folder


def test_evaluate_overall_precision_and_recall_on_a_tiny_folder(report):
    # found Mermaidcore, Gen Z, TikTok (3 of 4 gold); Instagram is not in the gold
    assert report["documents"] == 1
    overall = report["entities"]["overall"]
    assert (overall["precision"], overall["recall"], overall["f1"]) == (0.75, 0.75, 0.75)


def test_evaluate_scores_per_type(report):
    by_type = report["entities"]["by_type"]
    assert (by_type["Platform"]["precision"], by_type["Platform"]["recall"]) == (0.5, 1.0)
    assert by_type["Topic"]["precision"] is None
    assert by_type["Topic"]["recall"] == 0.0


def test_evaluate_lists_misses_and_false_positives(report):
    assert report["misses"] == [{"doc": "post", "name": "vidéos", "type": "Topic"}]
    assert report["false_positives"] == [{"doc": "post", "name": "Instagram", "type": "Platform"}]


def test_evaluate_scores_relations_on_unordered_pairs(report):
    relations = report["relations"]
    assert (relations["gold"], relations["found"], relations["recall"]) == (2, 2, 1.0)
    assert relations["typed_correctly"] == 2


def test_evaluate_reports_the_ner_baseline(report):
    assert set(report["baseline"]["entities"]) >= {"overall", "by_type"}
    gain = report["entities"]["overall"]["f1"] - report["baseline"]["entities"]["overall"]["f1"]
    assert report["gain_over_baseline"]["f1"] == pytest.approx(gain)


def test_evaluate_reports_recall_on_trends_absent_from_the_lexicon(report):
    assert "unlisted_trend_recall" not in report  # the only gold trend is in the lexicon


def test_evaluate_format_report_is_readable(report):
    text = format_report(report)
    assert "overall" in text and "Misses (1)" in text and "Instagram" in text


def test_evaluate_without_details_reports_numbers_only(gold_dir):
    report = evaluate(gold_dir, baseline=False)
    assert "misses" not in report and "false_positives" not in report
    assert "relation_false_positives" not in report and "merge_errors" not in report


# ---------------------------------------------------------------- the scoring itself


def test_evaluate_name_key_ignores_case_accents_hash_spacing_and_camelcase():
    assert name_key("#MermaidCore") == name_key("mermaid core") == name_key("Mermaïdcore")


def test_evaluate_matches_an_alias_with_the_right_type():
    gold, document = _doc([GoldEntity("Gen Z", "Audience", ("génération Z",))])
    extraction = Extraction(document, entities=[_entity("Génération Z", "Audience")])
    result = score([gold], [extraction])
    assert result["entities"]["overall"]["precision"] == 1.0


def test_evaluate_a_wrong_type_is_a_miss_and_a_false_positive():
    gold, document = _doc([GoldEntity("TikTok", "Platform")])
    result = score([gold], [Extraction(document, entities=[_entity("TikTok", "Brand")])],
                   details=True)
    assert result["entities"]["overall"]["recall"] == 0.0
    assert result["false_positives"][0]["gold_type"] == "Platform"


def test_evaluate_accepts_also_ok_types():
    gold, document = _doc([GoldEntity("TikTok", "Platform", (), ("Brand",))])
    result = score([gold], [Extraction(document, entities=[_entity("TikTok", "Brand")])])
    assert result["entities"]["overall"]["f1"] == 1.0


def test_evaluate_gold_work_is_the_ontology_creative_work():
    gold, document = _doc([GoldEntity("Barbie", "Work")])
    extraction = Extraction(document, entities=[_entity("Barbie", "CreativeWork")])
    assert score([gold], [extraction])["entities"]["by_type"]["Work"]["recall"] == 1.0


def test_evaluate_precision_ignores_types_annotated_for_recall_only():
    gold, document = _doc([GoldEntity("Mermaidcore", "Trend")])
    extraction = Extraction(document, entities=[_entity("Mermaidcore", "Trend"),
                                                _entity("Paris", "Place")])
    assert score([gold], [extraction])["entities"]["overall"]["precision"] == 1.0


def test_evaluate_relation_direction_does_not_matter():
    trend, audience = _entity("Mermaidcore", "Trend"), _entity("Gen Z", "Audience")
    gold, document = _doc(
        [GoldEntity("Mermaidcore", "Trend"), GoldEntity("Gen Z", "Audience")],
        gold_relations=[GoldRelation("Gen Z", "Mermaidcore", "popular with")],
    )
    relation = Relation(trend.id, audience.id, "POPULAR_WITH",
                        evidence=[Evidence("doc:1", "Le Mermaidcore plaît à la Gen Z.")])
    extraction = Extraction(document, entities=[trend, audience], relations=[relation])
    relations = score([gold], [extraction])["relations"]
    assert (relations["precision"], relations["recall"], relations["typed_correctly"]) == (1, 1, 1)


# ---------------------------------------------------------------- reading gold folders


def test_evaluate_parse_gold_text_reads_header_lines():
    document = parse_gold_text("LANG: en\nDATE: 2024-05-06\nURL: https://x.test/a\n\nBody.",
                               source="a.txt")
    assert (document.lang, document.date, document.url, document.text) == (
        "en", "2024-05-06", "https://x.test/a", "Body.")


def test_evaluate_read_gold_pairs_texts_with_gold_files(gold_dir):
    [doc] = read_gold(gold_dir)
    assert doc.name == "post"
    assert [e.name for e in doc.entities][:2] == ["Mermaidcore", "Gen Z"]


def test_evaluate_a_text_without_gold_is_an_input_error(gold_dir):
    (gold_dir / "orphan.txt").write_text("Texte.", encoding="utf-8")
    with pytest.raises(InputError, match=r"orphan\.gold\.json"):
        read_gold(gold_dir)


def test_evaluate_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        evaluate(tmp_path / "nope")


def test_evaluate_dev_gold_set_meets_the_quality_bar() -> None:
    """Issue 4's bar on the dev split: a regression in extraction fails here.

    The Person bar is 0.90: it was 0.90 on the first 25 documents, dropped to 0.85 while
    the 7 added for issue 9 (singers and brand founders named without a cue) measured
    0.885, and is back at 0.90 now that issue 9's typing work scores them (0.95).
    """
    from pathlib import Path

    from kg.evaluate import evaluate

    report = evaluate(Path(__file__).parent / "gold" / "dev")
    overall = report["entities"]["overall"]["f1"]
    assert report["documents"] >= 20
    assert overall >= 0.85, overall
    assert report["entities"]["by_type"]["Person"]["f1"] >= 0.90
    assert report["unlisted_trend_recall"] >= 0.80
    assert overall - report["baseline"]["entities"]["overall"]["f1"] >= 0.20


# ---------------------------------------------------------------- splits and the blind rule


def _split(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "post.txt").write_text(f"LANG: fr\n\n{TEXT}\n", encoding="utf-8")
    (folder / "post.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return folder


def test_evaluate_refuses_details_for_a_blind_split(tmp_path):
    blind = _split(tmp_path, "blind")
    with pytest.raises(InputError, match="blind"):
        evaluate(blind, details=True)


def test_evaluate_splits_refuses_details_when_a_blind_split_is_scored(tmp_path):
    folders = [_split(tmp_path, "dev"), _split(tmp_path, "blind")]
    with pytest.raises(InputError, match="blind"):
        evaluate_splits(folders, details=True)


def test_evaluate_splits_scores_dev_and_blind_side_by_side(tmp_path):
    folders = [_split(tmp_path, "dev"), _split(tmp_path, "blind")]
    report = evaluate_splits(folders, baseline=False)
    assert list(report["splits"]) == ["dev", "blind"]
    assert report["splits"]["blind"]["blind"] is True
    assert "misses" not in report["splits"]["blind"]
    text = format_report(report)
    assert "dev F1" in text and "blind F1" in text


def test_evaluate_split_folders_finds_every_split_under_the_root(tmp_path):
    _split(tmp_path, "dev")
    _split(tmp_path, "blind")
    assert [f.name for f in split_folders([], root=tmp_path)] == ["blind", "dev"]
    assert split_folders([], splits=["dev"], root=tmp_path) == [tmp_path / "dev"]


def test_evaluate_is_blind_looks_at_the_folder_name(tmp_path):
    assert is_blind(tmp_path / "gold" / "blind")
    assert not is_blind(tmp_path / "gold" / "dev")


# ---------------------------------------------------------------- merges


def _gold_doc(name, entities):
    document = Document(id=f"doc:{name}", text="…", source=name)
    return GoldDocument(name, document, tuple(entities), ())


def test_evaluate_merges_count_a_translation_left_apart_as_a_missed_merge():
    gold = [_gold_doc("a", [GoldEntity("Cozy gaming", "Trend")]),
            _gold_doc("b", [GoldEntity("Gaming douillet", "Trend", same_as=("Cozy gaming",))])]
    split = [Extraction(gold[0].document, entities=[_entity("Cozy gaming", "Trend")]),
             Extraction(gold[1].document, entities=[_entity("Gaming douillet", "Trend")])]
    merges = merge_scores(gold, split)
    assert merges["across_names"]["gold_pairs"] == 1
    assert merges["across_names"]["recall"] == 0.0


def test_evaluate_merges_count_one_node_for_a_translation_as_right():
    gold = [_gold_doc("a", [GoldEntity("Cozy gaming", "Trend")]),
            _gold_doc("b", [GoldEntity("Gaming douillet", "Trend", same_as=("Cozy gaming",))])]
    split = [Extraction(gold[0].document, entities=[_entity("Cozy gaming", "Trend")]),
             Extraction(gold[1].document,
                        entities=[_entity("Cozy gaming", "Trend", "Gaming douillet")])]
    merges = merge_scores(gold, split)
    assert (merges["across_names"]["precision"], merges["across_names"]["recall"]) == (1.0, 1.0)


def test_evaluate_merges_count_two_concepts_in_one_node_as_a_wrong_merge():
    gold = [_gold_doc("a", [GoldEntity("Clean girl", "Trend")]),
            _gold_doc("b", [GoldEntity("Clean eating", "Trend")])]
    one_node = _entity("Clean girl", "Trend", "Clean eating")
    split = [Extraction(gold[0].document, entities=[_entity("Clean girl", "Trend")]),
             Extraction(gold[1].document, entities=[one_node])]
    merges = merge_scores(gold, split)
    assert merges["across_names"]["precision"] == 0.0
    assert merges["all"]["system_pairs"] == 1
