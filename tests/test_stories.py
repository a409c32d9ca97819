"""Stories: brands named in an article about a trend are two hops from it, and flagged.

A hand-written graph on every backend: one article titled after #Blockout2024
names Dior (in a sentence with Bella Hadid only) and KFC (in a sentence with
Blockout2024); another article about Dior's collection does not name Blockout2024.
"""

from __future__ import annotations

import pytest

from kg.controversy import controversy_flags
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation
from kg.subgraph import Selection, select
from kg.subgraph.stories import names_in_title, story_links

BLOCKOUT, DIOR, KFC, HADID = "trend:blockout2024", "brand:dior", "brand:kfc", "person:bellahadid"
CITED = "Bella Hadid and Dior were cited."


def _entity(type_: str, name: str, *aliases: str) -> Entity:
    return Entity(type=type_, name=name, aliases=list(aliases), mentions=[Mention(name, 0, 1, 0)])


def _story_graph() -> list[Extraction]:
    about = Document(id="doc:story1", text="…", source="s1.txt", date="2024-06-01",
                     title="The brands on the #Blockout2024 list: who is exposed?")
    other = Document(id="doc:story2", text="…", source="s2.txt", date="2024-07-01",
                     title="Dior's autumn collection")
    blockout, dior = _entity("Trend", "Blockout2024", "#Blockout2024"), _entity("Brand", "Dior")
    kfc, hadid = _entity("Brand", "KFC"), _entity("Person", "Bella Hadid")
    boycott = _entity("Topic", "Boycott")
    first = Extraction(about, [blockout, dior, kfc, hadid, boycott], [
        Relation(dior.id, hadid.id, "PARTNERS_WITH", [Evidence(about.id, CITED)], 0.6),
        Relation(kfc.id, blockout.id, "ASSOCIATED_WITH",
                 [Evidence(about.id, "KFC was caught in Blockout2024.")], 0.6),
        Relation(blockout.id, boycott.id, "EMBODIES",
                 [Evidence(about.id, "Blockout2024 is a boycott.")], 0.9)])
    second = Extraction(other, [_entity("Brand", "Dior"), _entity("Person", "Bella Hadid")], [
        Relation(dior.id, hadid.id, "PARTNERS_WITH",
                 [Evidence(other.id, "Dior dresses Bella Hadid.")], 0.6)])
    return [first, second]


@pytest.fixture
def story_store(store):
    store.write(_story_graph())
    return store


def _edge(graph, a: str, b: str):
    return next((e for e in graph.edges if {e.source, e.target} == {a, b}), None)


def test_stories_reach_a_brand_two_hops_from_the_trend_its_article_is_about(story_store):
    graph = select(story_store, Selection(seeds=(BLOCKOUT,), hops=2))
    story = _edge(graph, DIOR, BLOCKOUT)
    assert story is not None and story.type == "SAME_STORY"
    assert story.docs == ("doc:story1",) and story.weight == 1
    assert [ev.sentence for ev in story.evidence] == [CITED]


def test_stories_need_two_hops(story_store):
    graph = select(story_store, Selection(seeds=(BLOCKOUT,), hops=1))
    assert graph.node(DIOR) is None


def test_stories_can_be_left_out(story_store):
    graph = select(story_store, Selection(seeds=(BLOCKOUT,), hops=2, stories=False))
    assert _edge(graph, DIOR, BLOCKOUT) is None


def test_stories_do_not_repeat_a_stored_link(story_store):
    graph = select(story_store, Selection(seeds=(BLOCKOUT,), hops=2))
    assert _edge(graph, KFC, BLOCKOUT).type == "ASSOCIATED_WITH"
    assert not any(e.type == "SAME_STORY" and KFC in (e.source, e.target) for e in graph.edges)


def test_stories_reach_the_subject_from_the_brand(story_store):
    graph = select(story_store, Selection(seeds=(DIOR,), hops=2))
    assert _edge(graph, DIOR, BLOCKOUT).type == "SAME_STORY"


def test_stories_raise_a_brand_flag_with_the_article(story_store):
    flags = {f.name: f for f in controversy_flags(story_store, DIOR)}
    assert set(flags) == {"Blockout2024"}
    assert flags["Blockout2024"].documents == ("doc:story1",)
    assert "#Blockout2024 list" in flags["Blockout2024"].via[0]
    assert not flags["Blockout2024"].direct


def test_stories_read_only_the_latest_titled_documents_of_a_seed(story_store):
    later = Document(id="doc:story3", text="…", source="s3.txt", date="2024-08-01",
                     title="#Blockout2024, two months on")
    story_store.write([Extraction(later, [_entity("Trend", "Blockout2024"),
                                          _entity("Brand", "Dior")], [])])
    dior = {link.other: link for link in story_links(story_store, [BLOCKOUT])}[DIOR]
    latest = {link.other: link for link in story_links(story_store, [BLOCKOUT], 1)}[DIOR]
    assert dior.edge.docs == ("doc:story1", "doc:story3")
    assert latest.edge.docs == ("doc:story3",)


def test_stories_titles_name_entities_as_whole_words():
    assert names_in_title("After #Blockout2024: values", ["Blockout2024"])
    assert not names_in_title("Le Capitole de Toulouse", ["Capitol"])
    assert not names_in_title("X marks the spot", ["X"])
