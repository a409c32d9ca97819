"""Proof behind numbers: the links between two entities, a path through one entity, and
the documents of a period each with the sentence naming the entity (small graph)."""

from __future__ import annotations

from kg.proof import mention_quotes, naming_sentence, pair_quotes, path_quotes
from kg.reader import Mentioned

MERMAIDCORE = "trend:mermaidcore"


def test_proof_pair_quotes_read_links_in_either_direction(small_graph_store):
    forward = pair_quotes(small_graph_store, MERMAIDCORE, "audience:queercommunity")
    backward = pair_quotes(small_graph_store, "audience:queercommunity", MERMAIDCORE)
    assert len(forward) == 3 and forward == backward
    assert forward[0].doc.date == "2025-11-12"  # newest first


def test_proof_path_quotes_go_through_the_entity_in_between(small_graph_store):
    paths = path_quotes(small_graph_store, "brand:kfc", "trend:blockout2024")
    assert [p.via for p in paths] == ["Mister V"]
    assert "KFC partners with Mister V" in paths[0].first[0].sentence
    assert "Mister V related to Blockout2024" in paths[0].second[0].sentence


def test_proof_mention_quotes_cover_a_period(small_graph_store):
    found = mention_quotes(small_graph_store, MERMAIDCORE, since="2025-11-01",
                           until="2025-11-13")
    assert [q.doc.date for q in found] == ["2025-11-12", "2025-11-08", "2025-11-02"]
    assert all("Mermaidcore" in q.sentence for q in found)


def test_proof_mention_quotes_with_a_second_entity_pick_the_sentence_naming_both(
        small_graph_store):
    found = mention_quotes(small_graph_store, MERMAIDCORE, also="brand:levis")
    assert [q.doc.date for q in found] == ["2025-11-28", "2025-11-02"]
    assert all(q.sentence.startswith("Levi's associated with Mermaidcore") for q in found)


def test_proof_naming_sentence_skips_the_headline():
    text = "Mermaidcore is back\nThe queer community loves Mermaidcore. Nothing else."
    entity = Mentioned("trend:mermaidcore", "Mermaidcore", "Trend", 1)
    assert naming_sentence(text, entity, title="Mermaidcore is back") == \
        "The queer community loves Mermaidcore."

