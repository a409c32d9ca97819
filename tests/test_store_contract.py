"""The store contract: every test runs unchanged on the embedded FalkorDB and on Neo4j.

A backend difference is declared as data (``StoreTraits``) and turned into an
explicit xfail by a fixture, never an ``if backend == ...`` in a test.
"""

from __future__ import annotations

import pytest
from graph_dump import dump
from synthetic import extractions

from kg.errors import QueryError, ReadOnlyError, WriteError
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation
from kg.search import build_index, search
from kg.store.base import GraphNode, GraphRel
from kg.store.rows import build_rows
from kg.subgraph import Selection, select

MERMAID = "trend:mermaidcore"
GENZ = "audience:genz"

RELATION = """
MATCH (a:Entity {id: $source})-[r]->(b:Entity {id: $target})
RETURN type(r) AS type, r.weight AS weight, r.doc_count AS doc_count, r.evidence AS evidence,
       r.evidence_docs AS evidence_docs, r.first_seen AS first_seen, r.last_seen AS last_seen"""

ENTITY = """
MATCH (e:Entity {id: $id})
RETURN e.name AS name, e.aliases AS aliases, e.mentions AS mentions,
       e.first_seen AS first_seen, e.last_seen AS last_seen"""


def _entity_extraction(doc_id: str, name: str, aliases: list[str], sentence: str) -> Extraction:
    """One document naming one trend and one audience, linked by ``sentence``."""
    doc = Document(id=doc_id, text=sentence, source="tests", title=name, date="2024-01-01")
    trend = Entity(type="Trend", name=name, aliases=aliases,
                   mentions=[Mention(text=name, start=0, end=len(name), sentence=0)])
    audience = Entity(type="Audience", name="Gen Z")
    link = Relation(source=trend.id, target=audience.id, type="POPULAR_WITH",
                    evidence=[Evidence(doc=doc_id, sentence=sentence)])
    return Extraction(doc, [trend, audience], [link])


def test_store_write_is_idempotent(store, contract_extractions) -> None:
    store.write(contract_extractions)
    before = store.stats()
    entity = store.query(ENTITY, {"id": MERMAID}).first()
    link = store.query(RELATION, {"source": MERMAID, "target": GENZ}).first()

    store.write(contract_extractions)

    after = store.stats()
    assert (after.labels, after.types) == (before.labels, before.types)
    assert store.query(ENTITY, {"id": MERMAID}).first() == entity
    assert store.query(RELATION, {"source": MERMAID, "target": GENZ}).first() == link


def test_store_counts_nodes_per_label(contract_store, ontology) -> None:
    labels = contract_store.stats().labels
    assert {k: v for k, v in labels.items() if k not in ("Class", "Relationship")} == {
        "Entity": 8, "Trend": 2, "Audience": 2, "Platform": 1, "Brand": 1,
        "Organization": 1, "Topic": 1, "Document": 3, "Article": 2, "Post": 1,
    }
    assert labels["Class"] == len(ontology.classes)
    assert labels["Relationship"] == len(ontology.properties)


def test_store_counts_relationships_per_type(contract_store) -> None:
    types = contract_store.stats().types
    assert {k: v for k, v in types.items() if k not in ("SCO", "DOMAIN", "RANGE")} == {
        "MENTIONS": 11, "POPULAR_WITH": 3, "SPREADS_ON": 1, "ASSOCIATED_WITH": 1,
        "RELATED_TO": 1, "TARGETS": 1, "EMBODIES": 1,
    }


def test_store_accumulates_relationship_counters_and_evidence(contract_store) -> None:
    link = contract_store.query(RELATION, {"source": MERMAID, "target": GENZ}).first()
    assert link == {
        "type": "POPULAR_WITH",
        "weight": 3,
        "doc_count": 2,
        "evidence": [  # equally confident: the newest document's sentences first
            "La #mermaidcore séduit la génération Z.",
            "La génération Z adore la mermaidcore.",
            "Mermaidcore is huge with Gen Z.",
        ],
        "evidence_docs": ["doc:contract-fr", "doc:contract-fr", "doc:contract-en"],
        "first_seen": "2024-05-01",
        "last_seen": "2024-06-10",
    }


def test_store_accumulates_entity_mentions_and_aliases(contract_store) -> None:
    entity = contract_store.query(ENTITY, {"id": GENZ}).first()
    assert entity["mentions"] == 3
    assert sorted(entity["aliases"]) == ["génération Z", "zoomers"]
    assert (entity["first_seen"], entity["last_seen"]) == ("2024-05-01", "2024-07-20")


def test_store_neighbourhood_has_weights_and_evidence(contract_store) -> None:
    graph = select(contract_store, Selection(seeds=(MERMAID,), hops=1))
    assert {n.name for n in graph.nodes} == {"Mermaidcore", "Gen Z", "TikTok",
                                             "communauté queer"}
    edges = {(e.type, e.target): e for e in graph.edges}
    popular = edges[("POPULAR_WITH", GENZ)]
    assert popular.weight == 3
    assert (popular.evidence[0].doc, popular.evidence[0].sentence) == (
        "doc:contract-fr", "La #mermaidcore séduit la génération Z.")
    assert edges[("SPREADS_ON", "platform:tiktok")].weight == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("mermaid core", MERMAID), ("#MermaidCore", MERMAID), ("génération z", GENZ),
     ("blockout 2024", "trend:blockout2024")],
)
def test_store_search_finds_entities_by_name_and_alias(contract_store, text, expected) -> None:
    hits = search(build_index(contract_store), text, limit=3)
    assert hits and hits[0].id == expected, hits


@pytest.mark.parametrize(
    "write",
    [
        "CREATE (n:Entity {id: 'intruder'}) RETURN n",
        "MERGE (n:Entity {id: 'intruder'}) RETURN n",
        "MATCH (n:Entity) DETACH DELETE n",
        "MATCH (n:Entity) SET n.name = 'hijacked' RETURN count(n)",
    ],
    ids=["create", "merge", "delete", "set"],
)
def test_store_query_refuses_writes(contract_store, write) -> None:
    before = contract_store.stats()
    with pytest.raises(ReadOnlyError, match="only read queries"):
        contract_store.query(write)
    after = contract_store.stats()
    assert (after.labels, after.types) == (before.labels, before.types)
    assert contract_store.query(ENTITY, {"id": MERMAID}).first()["name"] == "Mermaidcore"


HOSTILE = [
    "Rock'n'roll \"core\"",
    "C:\\new\\table\\",
    "x'}) MATCH (n) DETACH DELETE n //",
    "MERGE (n) SET n.name = $name RETURN n",
    "`Entity` {id: 1} ; DROP",
]


@pytest.mark.parametrize("text", HOSTILE, ids=["quotes", "backslashes", "injection",
                                                "keywords", "backticks"])
def test_store_parameters_are_stored_verbatim(store, text) -> None:
    extraction = _entity_extraction("doc:hostile", f"Trend {text}", [text], f"He said: {text}")
    store.write([extraction])
    trend = extraction.entities[0]
    row = store.query(ENTITY, {"id": trend.id}).first()
    assert (row["name"], row["aliases"]) == (f"Trend {text}", [text])
    link = store.query(RELATION, {"source": trend.id, "target": "audience:genz"}).first()
    assert link["evidence"] == [f"He said: {text}"]
    assert store.query("RETURN $value AS value", {"value": text}).scalar() == text
    assert store.stats().labels["Entity"] == 2


def test_store_unicode_round_trips(store) -> None:
    name, aliases = "Génération 🧜‍♀️ 美人鱼", ["美人鱼风格", "sirène ✨", "Ωmega-Ünïcödé"]
    sentence = "Le style 美人鱼 🧜‍♀️ plaît à la génération Z — « très » populaire."
    extraction = _entity_extraction("doc:unicode", name, aliases, sentence)
    store.write([extraction])
    trend = extraction.entities[0]
    row = store.query(ENTITY, {"id": trend.id}).first()
    assert (row["name"], sorted(row["aliases"])) == (name, sorted(aliases))
    link = store.query(RELATION, {"source": trend.id, "target": "audience:genz"}).first()
    assert link["evidence"] == [sentence]
    hits = search(build_index(store), "美人鱼风格")
    assert hits and hits[0].id == trend.id


@pytest.mark.parametrize(("limit", "rows", "truncated"),
                         [(10, 10, True), (50, 50, False), (100, 50, False)])
def test_store_query_limits_rows(store, limit, rows, truncated) -> None:
    result = store.query("UNWIND range(1, 50) AS x RETURN x", limit=limit)
    assert (len(result), result.truncated) == (rows, truncated)
    assert result.columns == ["x"]
    assert [row[0] for row in result.rows] == list(range(1, rows + 1))


def test_store_query_times_out(store) -> None:
    slow = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n"
    with pytest.raises(QueryError, match=r"timed out.*add a LIMIT"):  # and how to avoid it
        store.query(slow, timeout=0.5)


def test_store_failed_batch_writes_nothing(
    transactional_store, contract_extractions, ontology
) -> None:
    store = transactional_store
    first, second = contract_extractions[:2]
    store.write([first])
    bad = _entity_extraction("doc:bad", "Broken Trend", ["broken"], "fine")
    # A property list holding null is refused by both servers, after the batch's
    # nodes were written by earlier statements of the same batch.
    bad.relations[0].evidence.append(Evidence(doc="doc:bad", sentence=None))  # type: ignore[arg-type]

    with pytest.raises(WriteError) as failure:
        store.write([second, bad], batch_size=1)

    assert failure.value.written == build_rows([second], ontology).size
    ids = [first.document.id, second.document.id, "doc:bad"]
    assert store.existing_documents(ids) == set(ids[:2])
    broken = store.query("MATCH (e:Entity {id: $id}) RETURN count(e)",
                         {"id": bad.entities[0].id})
    assert broken.scalar() == 0


def test_store_reports_existing_documents(contract_store) -> None:
    found = contract_store.existing_documents(["doc:contract-fr", "doc:unknown"])
    assert found == {"doc:contract-fr"}


def test_store_returns_plain_values(contract_store) -> None:
    result = contract_store.query(
        "MATCH p = (t:Entity {id: $id})-[r:SPREADS_ON]->(b:Entity) "
        "RETURN t, r, p, date('2024-05-01') AS day",
        {"id": MERMAID},
    ).first()
    assert isinstance(result["t"], GraphNode)
    assert result["t"].labels == ("Entity", "Trend")
    assert result["t"].properties["name"] == "Mermaidcore"
    assert isinstance(result["r"], GraphRel)
    assert (result["r"].type, result["r"].start) == ("SPREADS_ON", result["t"].id)
    assert [type(v) for v in result["p"]] == [GraphNode, GraphNode, GraphRel]
    assert result["day"] == "2024-05-01"


def test_store_holds_the_ontology_classes(store, ontology) -> None:
    store.write([])
    rows = store.query(
        "MATCH (c:Class)-[:SCO]->(p:Class) RETURN c.name AS child, p.name AS parent, c.uri AS uri"
    ).dicts()
    links = {(r["child"], r["parent"]) for r in rows}
    assert {("Trend", "Entity"), ("Brand", "Organization"), ("Post", "Document")} <= links
    assert {r["uri"] for r in rows if r["child"] == "Trend"} == {ontology.classes["Trend"].uri}


def test_store_holds_the_ontology_relationships(store, ontology) -> None:
    store.write([])
    rows = store.query(
        "MATCH (d:Class)<-[:DOMAIN]-(r:Relationship)-[:RANGE]->(g:Class) "
        "RETURN r.type AS type, d.name AS domain, g.name AS range, r.uri AS uri"
    ).dicts()
    assert {(r["type"], r["domain"], r["range"]) for r in rows} == {
        (p.rel_type, p.domain, p.range) for p in ontology.properties.values()
    }


def test_store_answers_schema_questions(store) -> None:
    store.write([])
    rows = store.query(
        "MATCH (:Class {name: $source})<-[:DOMAIN]-(r:Relationship)-[:RANGE]->"
        "(:Class {name: $target}) RETURN r.type AS type",
        {"source": "Trend", "target": "Audience"},
    )
    assert [row[0] for row in rows.rows] == ["POPULAR_WITH"]


def test_store_schema_questions_follow_subclasses(store) -> None:
    store.write([])
    rows = store.query(
        "MATCH (:Class {name: $source})-[:SCO*0..]->(d:Class)<-[:DOMAIN]-(r:Relationship), "
        "(r)-[:RANGE]->(g:Class)<-[:SCO*0..]-(:Class {name: $target}) "
        "RETURN DISTINCT r.type AS type ORDER BY type",
        {"source": "Brand", "target": "Audience"},
    )
    assert [row[0] for row in rows.rows] == ["RELATED_TO", "SAME_STORY", "TARGETS"]


def test_store_uses_only_ontology_labels_and_types(contract_store, ontology) -> None:
    stats = contract_store.stats()
    assert set(stats.labels) <= ontology.node_labels
    assert set(stats.types) <= ontology.relationship_types


def test_store_reset_empties_the_graph(contract_store) -> None:
    contract_store.reset()
    stats = contract_store.stats()
    assert sum(stats.labels.values()) == 0
    assert sum(stats.types.values()) == 0
    contract_store.write(_contract_extractions_again())
    assert contract_store.stats().labels["Entity"] == 2


def _contract_extractions_again() -> list[Extraction]:
    return [_entity_extraction("doc:after-reset", "Mermaidcore", [], "Back again.")]


def _supporting(doc_id: str, date: str, sentence: str, confidence: float) -> Extraction:
    """A document whose only link is Mermaidcore -> Gen Z, with one evidence sentence."""
    extraction = _entity_extraction(doc_id, "Mermaidcore", [], sentence)
    extraction.document = Document(id=doc_id, text=sentence, source="tests", date=date)
    extraction.relations[0].confidence = confidence
    return extraction


def _many_supporting(count: int) -> list[Extraction]:
    return [_supporting(f"doc:support-{i:02d}", f"2024-03-{i % 28 + 1:02d}",
                        f"Sentence number {i} about Mermaidcore and Gen Z.", 0.5 + (i % 4) / 10)
            for i in range(count)]


def test_store_link_keeps_counters_and_a_bounded_sample(store) -> None:
    store.write(_many_supporting(30), batch_size=7)
    link = store.query(RELATION, {"source": MERMAID, "target": GENZ}).first()
    assert (link["weight"], link["doc_count"]) == (30, 30)
    assert len(link["evidence"]) == len(link["evidence_docs"]) == 5
    assert (link["first_seen"], link["last_seen"]) == ("2024-03-01", "2024-03-28")


def test_store_link_sample_is_the_best_whatever_the_arrival_order(store) -> None:
    extractions = _many_supporting(30)
    store.write(extractions, batch_size=4)
    forward = store.query(RELATION, {"source": MERMAID, "target": GENZ}).first()
    store.reset()
    store.write(extractions[::-1], batch_size=9)
    backward = store.query(RELATION, {"source": MERMAID, "target": GENZ}).first()
    assert forward == backward
    # the most confident sentences (confidence 0.8: i % 4 == 3), newest first
    assert forward["evidence_docs"] == [f"doc:support-{i:02d}" for i in (27, 23, 19, 15, 11)]


def test_store_batch_skips_documents_already_stored(store, contract_extractions) -> None:
    store.write(contract_extractions[:1])
    before = store.query(RELATION, {"source": MERMAID, "target": GENZ}).first()

    report = store.write(contract_extractions[:1] * 2)

    assert (report.documents, report.skipped) == (0, 2)
    assert store.query(RELATION, {"source": MERMAID, "target": GENZ}).first() == before


def test_store_reaches_the_documents_of_a_link_through_mentions(store) -> None:
    from kg.support import DocumentFilter, supporting_documents

    store.write(_many_supporting(12))
    link = (MERMAID, "POPULAR_WITH", GENZ)
    every = supporting_documents(store, [link], per_link=50)[link]
    assert sorted(every) == [f"doc:support-{i:02d}" for i in range(12)]
    window = DocumentFilter(since="2024-03-03", until="2024-03-05")
    assert sorted(supporting_documents(store, [link], where=window)[link]) == [
        "doc:support-02", "doc:support-03", "doc:support-04"]
    assert supporting_documents(store, [link], where=DocumentFilter(since="2025-01-01")) == {}


def test_store_version_moves_with_every_change_and_only_then(store, contract_extractions) -> None:
    empty = store.version()
    store.write(contract_extractions)
    written = store.version()
    store.write(contract_extractions)  # all stored already: nothing changes
    assert store.version() == written != empty

    store.delete_entities([GENZ])
    deleted = store.version()
    store.reset()
    store.write(contract_extractions)

    assert len({empty, written, deleted, store.version()}) == 4


def test_store_version_is_not_counted_as_graph_content(store, contract_extractions) -> None:
    store.write(contract_extractions)
    assert store.ontology.meta.state_label not in store.stats().labels


def test_store_identity_is_kept_by_the_database_and_by_reset(store, contract_extractions) -> None:
    first = store.identity()
    store.write(contract_extractions)
    store.reset()
    assert store.identity() == first
    assert sum(store.stats().labels.values()) == 0


def test_store_identity_is_new_once_the_database_is_emptied_another_way(store) -> None:
    first = store.identity()
    store._drop_all()  # the backend's own wipe: what a database emptied outside trendgraph is
    assert store.identity() != first


def test_store_rows_built_ahead_write_the_same_graph(store, ontology) -> None:
    """Each batch's rows built while the one before is written (``rows.ahead``), or after
    it commits: the same graph, and a rerun over stored documents doubles nothing."""
    docs = list(extractions(ontology, 12, seed=5))
    graphs = []
    for threaded in (False, True):
        store.reset()
        store.prepare_ahead = threaded
        store.write(docs[:7], batch_size=2)
        store.write(docs, batch_size=3)
        graphs.append(dump(store))
    assert graphs[0] == graphs[1]
    assert len(graphs[1]["documents"]) == 12
