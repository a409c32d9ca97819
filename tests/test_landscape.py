"""The landscape: clusters of trends, the hubs left out of them, and the bridges between."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ingest.files import FileRead
from kg import landscape as landscapes
from kg.curation import Hide
from kg.curation.engine import apply_rules
from kg.extract.engines import ChunkResult
from kg.ingestion import ingest
from kg.landscape import cluster_subgraph, current, from_payload, landscape, to_payload
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation


def test_landscape_clusters_are_named_by_their_strongest_trends(small_graph_store):
    clusters = landscape(small_graph_store).clusters
    assert [c.name for c in clusters] == ["Blockout2024", "Mermaidcore · Blokecore"]
    assert {m.name for m in clusters[0].members} == {
        "Blockout2024", "Mister V", "KFC", "Boycott", "Dior", "Gaza"}


def test_landscape_leaves_platforms_and_the_largest_audiences_out(small_graph_store):
    result = landscape(small_graph_store)
    hubs = {m.name for m in result.hubs}
    assert {"TikTok", "Instagram", "Gen Z"} <= hubs
    members = {m.name for c in result.clusters for m in c.members}
    assert not hubs & members


def test_landscape_is_the_same_from_run_to_run(small_graph_store):
    assert landscape(small_graph_store) == landscape(small_graph_store)


def test_landscape_cluster_subgraph_draws_members_and_their_links(small_graph_store):
    cluster = landscape(small_graph_store).clusters[0]
    graph = cluster_subgraph(small_graph_store, cluster, max_nodes=3)
    assert [n.name for n in graph.nodes] == ["Blockout2024", "Mister V", "KFC"]
    assert graph.node("trend:blockout2024").seed
    assert {(e.source, e.target) for e in graph.edges} == {
        ("person:misterv", "trend:blockout2024"), ("brand:kfc", "person:misterv")}
    assert graph.edges[0].evidence and graph.omitted_nodes == 3


def test_landscape_bridge_is_the_entity_between_two_clusters(store):
    store.write(_two_triangles())
    result = landscape(store)
    assert len(result.clusters) == 2
    assert result.bridges[0].name == "Jane Doe"
    assert len(result.bridges[0].clusters) == 2


def _two_triangles() -> list[Extraction]:
    """Two triangles of trends and brands, joined only through one person linked to both."""
    left = [("Trend", "Gorpcore"), ("Brand", "Arc'teryx"), ("Brand", "Salomon")]
    right = [("Trend", "Balletcore"), ("Brand", "Repetto"), ("Brand", "Miu Miu")]
    person = ("Person", "Jane Doe")
    return [_doc("doc:left", left, [(0, 1), (1, 2), (0, 2)], weight=3),
            _doc("doc:right", right, [(0, 1), (1, 2), (0, 2)], weight=3),
            _doc("doc:bridge", [person, *left[:2], *right[:2]], [(0, 1), (0, 2), (0, 3), (0, 4)])]


def _doc(doc_id: str, refs: list[tuple[str, str]], pairs: list[tuple[int, int]],
         weight: int = 1) -> Extraction:
    entities = [Entity(type=t, name=n, mentions=[Mention(n, 0, len(n), 0)]) for t, n in refs]
    relations = [
        Relation(source=entities[a].id, target=entities[b].id, type="RELATED_TO",
                 evidence=[Evidence(doc_id, f"{entities[a].name} and {entities[b].name}, "
                                            f"sentence {k}.") for k in range(weight)])
        for a, b in pairs
    ]
    document = Document(id=doc_id, text="", source="test", title=doc_id, date="2025-01-01")
    return Extraction(document, entities, relations, lang="en")


def test_landscape_stored_figures_read_back_equal_the_computed_landscape(small_graph_store):
    found = landscape(small_graph_store)
    assert from_payload(to_payload(found)) == found


class _Extracted:
    """An extraction engine handing back extractions made ahead (no spaCy)."""

    workers = 1

    def __init__(self, extractions: list[Extraction]) -> None:
        self.by_id = {e.document.id: e for e in extractions}

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield ChunkResult([self.by_id[d.id] for d in chunk])

    def close(self) -> None:
        pass


def _never(*args, **kwargs):
    raise AssertionError("the landscape was computed on a page view")


def test_landscape_an_ingest_stores_it_and_a_page_view_reads_it(store, monkeypatch):
    docs = _two_triangles()
    ingest([FileRead("tests/two.txt", [d.document for d in docs])], store,
           engine=_Extracted(docs), rules=[], consolidate=False)
    fresh = landscape(store)
    monkeypatch.setattr(landscapes, "landscape", _never)
    assert current(store) == fresh


def test_landscape_a_curation_stores_it_and_a_page_view_reads_it(store, monkeypatch):
    store.write(_two_triangles())
    apply_rules(store, [Hide("brand:salomon")])
    fresh = landscape(store)
    monkeypatch.setattr(landscapes, "landscape", _never)
    assert current(store) == fresh


def test_landscape_stored_is_computed_again_once_the_graph_changed(store, monkeypatch):
    docs = _two_triangles()
    store.write(docs[:2])
    before = current(store)
    store.write(docs[2:])
    after = current(store)
    assert after != before and after == landscape(store)
    monkeypatch.setattr(landscapes, "landscape", _never)
    assert current(store) == after  # stored by the first reader for the others


def test_landscape_hubs_tied_on_mentions_come_by_name_in_every_process(store):
    """The hubs are a set: their order must not follow the process's string hashing."""
    platforms = [("Platform", name) for name in ("Zeta", "Alpha", "Mu", "Kappa", "Beta", "Nu")]
    store.write([_doc("doc:tied", [("Trend", "Gorpcore"), *platforms],
                      [(0, n) for n in range(1, 7)])])
    assert [h.name for h in landscape(store).hubs] == ["Alpha", "Beta", "Kappa", "Mu", "Nu",
                                                       "Zeta"]
