"""Curation on a store, on every backend: apply, undo, and documents written later.

The promise under test: the graph always equals the rules applied to the raw
extractions, whether a rule was applied to a store that already held the
documents, undone, or in force when the documents arrived.
"""

from __future__ import annotations

import pytest

from kg.curation import Hide, HideLink, Merge, Rename, Retype
from kg.curation.curator import curate, merge_rule, undo
from kg.curation.engine import apply_rules, rebuild
from kg.curation.rulebook import RuleBook
from kg.errors import CurationError
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation

COZY, DOUILLET, GENZ, TIKTOK = ("trend:cozygaming", "trend:gamingdouillet", "audience:genz",
                                "platform:tiktok")
MERGE = Merge(DOUILLET, COZY, "Cozy gaming", "Trend")

NODES = """
MATCH (e:Entity)
RETURN e.id AS id, [l IN labels(e) WHERE l <> 'Entity'][0] AS type, e.name AS name,
       e.aliases AS aliases, e.mentions AS mentions, e.first_seen AS first_seen,
       e.last_seen AS last_seen"""

LINKS = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, type(r) AS type, b.id AS target, r.weight AS weight,
       r.doc_count AS doc_count,
       r.evidence AS evidence, r.confidence AS confidence, r.first_seen AS first_seen,
       r.last_seen AS last_seen"""


def _doc(n: int, date: str, *parts: tuple[str, str, str, str]) -> Extraction:
    """A document whose sentences each link two (type, name) entities."""
    doc = Document(id=f"doc:cur{n}", text="…", source=f"tests/cur{n}.txt", date=date, lang="en")
    entities: dict[str, Entity] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    for index, (kind, source, target, sentence) in enumerate(parts):
        ends = []
        for ref in (source, target):
            type_, name = ref.split("/")
            entity = entities.setdefault(name, Entity(type=type_, name=name, aliases=[f"#{name}"]))
            entity.mentions.append(Mention(name, 0, len(name), index))
            ends.append(entity.id)
        relation = relations.setdefault((kind, *ends), Relation(ends[0], ends[1], kind,
                                                                confidence=0.7))
        relation.evidence.append(Evidence(doc.id, sentence))
    return Extraction(doc, list(entities.values()), list(relations.values()), lang="en")


def _corpus() -> list[Extraction]:
    return [
        _doc(1, "2025-01-05", ("POPULAR_WITH", "Trend/Cozy gaming", "Audience/Gen Z",
                               "Cozy gaming is a Gen Z thing."),
             ("SPREADS_ON", "Trend/Cozy gaming", "Platform/TikTok", "Cozy gaming on TikTok.")),
        _doc(2, "2025-02-10", ("POPULAR_WITH", "Trend/Gaming douillet", "Audience/Gen Z",
                               "Le gaming douillet plaît à la Gen Z."),
             ("RELATED_TO", "Audience/Gen Z", "Platform/TikTok", "La Gen Z est sur TikTok.")),
        _doc(3, "2025-03-15", ("POPULAR_WITH", "Trend/Gaming douillet", "Audience/Gen Z",
                               "Gen Z et gaming douillet, encore."),
             ("POPULAR_WITH", "Trend/Cozy gaming", "Audience/Gen Z",
              "Cozy gaming, gaming douillet: same thing for Gen Z.")),
        _doc(4, "2025-04-20", ("RELATED_TO", "Audience/Gen Z", "Platform/TikTok",
                               "Gen Z scrolls TikTok.")),
    ]


def _sorted(value):
    return sorted(value) if isinstance(value, list) else value


def snapshot(store) -> tuple[dict, dict]:
    """Every entity and link with list properties sorted (their order is write order)."""
    nodes = {r["id"]: {k: _sorted(v) for k, v in r.items()}
             for r in store.query(NODES, limit=10_000).dicts()}
    links = {(r["source"], r["type"], r["target"]): {k: _sorted(v) for k, v in r.items()}
             for r in store.query(LINKS, limit=10_000).dicts()}
    return nodes, links


def test_curation_merge_on_a_store_equals_writing_under_the_rule(store) -> None:
    store.write(_corpus())
    apply_rules(store, [MERGE])
    applied = snapshot(store)
    store.reset()
    store.write(_corpus(), rules=[MERGE])
    assert snapshot(store) == applied


def test_curation_merge_keeps_aliases_mentions_links_and_evidence(store) -> None:
    store.write(_corpus())
    apply_rules(store, [MERGE])
    nodes, links = snapshot(store)
    assert DOUILLET not in nodes
    assert nodes[COZY]["aliases"] == ["#Cozy gaming", "#Gaming douillet", "Gaming douillet"]
    assert (nodes[COZY]["mentions"], nodes[COZY]["first_seen"], nodes[COZY]["last_seen"]) == (
        5, "2025-01-05", "2025-03-15")
    popular = links[(COZY, "POPULAR_WITH", GENZ)]
    assert popular["weight"] == 4 and popular["doc_count"] == 3
    assert "Le gaming douillet plaît à la Gen Z." in popular["evidence"]


def test_curation_merge_leaves_other_links_alone(store) -> None:
    store.write(_corpus())
    before = snapshot(store)[1][(GENZ, "RELATED_TO", TIKTOK)]
    apply_rules(store, [MERGE])
    assert snapshot(store)[1][(GENZ, "RELATED_TO", TIKTOK)] == before


def test_curation_rename_and_retype_on_a_store(store) -> None:
    store.write(_corpus())
    apply_rules(store, [Rename(COZY, "Cosy gaming"), Retype(TIKTOK, "Brand")])
    nodes, links = snapshot(store)
    assert nodes["trend:cosygaming"]["name"] == "Cosy gaming"
    assert "Cozy gaming" in nodes["trend:cosygaming"]["aliases"]
    assert nodes["brand:tiktok"]["type"] == "Brand" and TIKTOK not in nodes
    assert (GENZ, "RELATED_TO", "brand:tiktok") in links
    assert ("brand:tiktok", "ASSOCIATED_WITH", "trend:cosygaming") in links  # was SPREADS_ON


def test_curation_hide_and_hide_link_on_a_store(store) -> None:
    store.write(_corpus())
    apply_rules(store, [Hide(DOUILLET), HideLink(TIKTOK, GENZ)])
    nodes, links = snapshot(store)
    assert DOUILLET not in nodes and GENZ in nodes and TIKTOK in nodes
    assert (GENZ, "RELATED_TO", TIKTOK) not in links
    assert (COZY, "SPREADS_ON", TIKTOK) in links


def test_curation_undo_restores_the_graph_exactly(store, tmp_path) -> None:
    store.write(_corpus())
    before = snapshot(store)
    book = RuleBook(tmp_path / "rules.jsonl")
    curate(store, book, [merge_rule(store, DOUILLET, COZY)])
    assert snapshot(store) != before
    undo(store, book)
    assert snapshot(store) == before and book.rules == []


def test_curation_undo_of_an_earlier_rule_keeps_the_later_ones(store, tmp_path) -> None:
    store.write(_corpus())
    book = RuleBook(tmp_path / "rules.jsonl")
    curate(store, book, [MERGE])
    curate(store, book, [HideLink(GENZ, TIKTOK)])
    undo(store, book, 1)
    nodes, links = snapshot(store)
    assert DOUILLET in nodes and (GENZ, "RELATED_TO", TIKTOK) not in links


def test_curation_documents_written_later_obey_the_rules(store) -> None:
    first, later = _corpus()[:2], _corpus()[2:]
    store.write(first)
    apply_rules(store, [MERGE])
    store.write(later, rules=[MERGE])
    merged = snapshot(store)
    store.reset()
    store.write(_corpus(), rules=[MERGE])
    assert snapshot(store) == merged


def test_curation_rebuild_refuses_documents_without_a_raw_extraction(store) -> None:
    store.write(_corpus())
    # A document as an older trendgraph wrote it: no raw extraction kept.
    store._run_batch([("CREATE (:Document:Article {id: 'doc:old', source: 'old.txt'})", {})])
    with pytest.raises(CurationError, match=r"old\.txt"):
        rebuild(store, [MERGE])
    assert DOUILLET in snapshot(store)[0]


def test_curation_rule_for_an_entity_not_stored_waits_for_documents(store) -> None:
    store.write(_corpus()[:1])
    before = snapshot(store)
    report = apply_rules(store, [MERGE])
    assert snapshot(store) == before and report.documents == 0
