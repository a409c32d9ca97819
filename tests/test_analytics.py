"""Analytics promises, on every backend: rising trends, weekly series, lift, brand flags.

The small graph (tests/small_graph.py) fixes the numbers: newest document
2025-11-28; Mermaidcore 1 -> 6 documents over the two 30-day windows, Girl Math
3 -> 1, Blokecore new; lift(queer community, Mermaidcore) = 2.0.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from small_graph import AS_OF
from typer.testing import CliRunner

from kg import analytics, controversy
from kg.cli import app
from kg.controversy import load_cues, match_cue
from kg.entities import neighbours
from kg.errors import UnknownEntityError
from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation

MERMAIDCORE = "trend:mermaidcore"


def test_analytics_latest_date_is_newest_document(small_graph_store):
    assert analytics.latest_date(small_graph_store) == date.fromisoformat(AS_OF)


def test_analytics_rising_trends_ranks_rising_first_and_flags_new(small_graph_store):
    report = analytics.rising_trends(small_graph_store, window_days=30)
    assert report.as_of == date(2025, 11, 28)
    assert report.window == analytics.Window(date(2025, 10, 30), date(2025, 11, 28))
    assert report.previous == analytics.Window(date(2025, 9, 30), date(2025, 10, 29))
    names = [row.name for row in report]
    assert names[0] == "Mermaidcore"
    first = report.rows[0]
    assert (first.mentions, first.previous, first.growth, first.new) == (6, 1, 5.0, False)
    blokecore = next(r for r in report if r.name == "Blokecore")
    assert blokecore.new and blokecore.previous == 0 and blokecore.growth is None
    girl_math = next(r for r in report if r.name == "Girl Math")
    assert girl_math.growth == pytest.approx(-2 / 3) and names[-1] == "Girl Math"
    assert "Barbiecore" not in names  # not mentioned in the window
    assert len(first.weekly) == len(report.weeks) and sum(first.weekly) == 7


def test_analytics_rising_trends_respects_as_of(small_graph_store):
    report = analytics.rising_trends(small_graph_store, window_days=30, as_of=date(2025, 10, 29))
    assert [r.name for r in report][:2] == ["Girl Math", "Mermaidcore"]
    assert all(r.new for r in report)  # both first seen inside that window


def test_analytics_weekly_series_fills_empty_weeks(small_graph_store):
    weeks = analytics.weekly_mentions(small_graph_store, MERMAIDCORE)
    assert weeks[0].week == date(2025, 9, 29)  # the Monday of 2025-10-05
    assert weeks[-1].week == date(2025, 11, 24)
    assert all(w.week.weekday() == 0 for w in weeks)
    assert [w.documents for w in weeks] == [1, 0, 0, 0, 1, 1, 1, 1, 2]
    assert sum(w.mentions for w in weeks) == 10  # titles naming the trend count twice


def test_analytics_growth_compares_two_windows(small_graph_store):
    growth = analytics.entity_growth(small_graph_store, MERMAIDCORE, window_days=30)
    assert (growth.current, growth.previous, growth.rate) == (6, 1, 5.0)


def test_analytics_lift_uses_matrix_marginals(small_graph_store):
    matrix = analytics.affinity_matrix(small_graph_store)
    assert matrix.rel_type == "POPULAR_WITH" and matrix.total == 12
    cells = {(c.audience, c.trend): c for c in matrix.cells}
    queer = cells[("queer community", "Mermaidcore")]
    assert (queer.count, queer.expected, queer.lift) == (3, 1.5, 2.0)
    assert cells[("Millennials", "Blokecore")].lift == pytest.approx(6.0)
    assert cells[("queer community", "Girl Math")].lift == 0.0
    assert matrix.audiences[0][1] == "Gen Z"  # largest audience first


def test_analytics_affinity_can_count_documents(small_graph_store):
    matrix = analytics.affinity_matrix(small_graph_store, measure="docs", max_trends=1)
    assert [t[1] for t in matrix.trends] == ["Mermaidcore"]
    with pytest.raises(ValueError, match="measure"):
        analytics.affinity_matrix(small_graph_store, measure="likes")


def test_analytics_linked_entities_grouped_by_type(small_graph_store):
    links = analytics.linked_entities(small_graph_store, MERMAIDCORE,
                                      types=("Audience", "Platform", "Brand"))
    assert list(links) == ["Audience", "Platform", "Brand"]
    assert {link.name for link in links["Audience"]} == {"Gen Z", "queer community"}
    assert [link.name for link in links["Platform"]] == ["TikTok", "Instagram"]
    assert links["Brand"][0].name == "Levi's" and links["Brand"][0].weight == 2


def test_analytics_entity_details_and_unknown_id(small_graph_store):
    details = analytics.entity_details(small_graph_store, MERMAIDCORE)
    assert details.type == "Trend" and "#mermaidcore" in details.aliases
    assert (details.first_seen, details.last_seen, details.document_count) == (
        "2025-10-05", "2025-11-28", 7)
    assert details.documents[0].date == "2025-11-28"  # newest first
    with pytest.raises(UnknownEntityError):
        analytics.entity_details(small_graph_store, "trend:nothing")


def test_analytics_entity_documents_come_one_page_at_a_time(small_graph_store):
    whole = analytics.entity_details(small_graph_store, MERMAIDCORE).documents
    first = analytics.entity_details(small_graph_store, MERMAIDCORE, doc_limit=3)
    second = analytics.entity_details(small_graph_store, MERMAIDCORE, doc_limit=3, doc_offset=3)
    assert (len(first.documents), first.document_count) == (3, 7)
    assert [d.id for d in first.documents + second.documents] == [d.id for d in whole[:6]]


def test_analytics_neighbours_keep_the_strongest_when_limited(small_graph_store):
    every = neighbours(small_graph_store, MERMAIDCORE)
    top = neighbours(small_graph_store, MERMAIDCORE, limit=2)
    assert len(every) > 2
    assert [(n.id, n.weight) for n in top] == [(n.id, n.weight) for n in every[:2]]
    assert every == sorted(every, key=lambda n: (-n.weight, -n.docs, n.name.lower(), n.id))


def test_analytics_linked_entities_cut_per_type_as_all_neighbours_would(small_graph_store):
    every = neighbours(small_graph_store, MERMAIDCORE)
    links = analytics.linked_entities(small_graph_store, MERMAIDCORE, per_type=1)
    assert links == {t: [next(n for n in every if n.type == t)] for t in links}
    assert set(links) == {n.type for n in every}


def test_analytics_link_evidence_carries_document_metadata(small_graph_store):
    quotes = analytics.link_evidence(small_graph_store, MERMAIDCORE, "audience:queercommunity",
                                     "POPULAR_WITH")
    assert len(quotes) == 3
    assert quotes[0].doc.title == "Queer mermaids on Instagram"
    assert quotes[0].doc.platform == "Instagram" and quotes[0].doc.url
    assert "queer community" in quotes[0].sentence


def test_analytics_brand_flags_direct_and_through_a_neighbour(small_graph_store):
    dior = analytics.brand_profile(small_graph_store, "brand:dior")
    assert (dior.flags[0].name, dior.flags[0].direct) == ("Blockout2024", True)
    assert {f.name for f in dior.flags} == {"Blockout2024", "Boycott", "Gaza"}
    kfc = analytics.controversy_flags(small_graph_store, "brand:kfc")
    assert [(f.name, f.via, f.category) for f in kfc] == [
        ("Blockout2024", ("Mister V",), "boycott")]
    assert analytics.controversy_flags(small_graph_store, "brand:levis") == []


def _partnership(doc_id: str, brand: str, person: str) -> Extraction:
    ends = [Entity(type=t, name=n, mentions=[Mention(n, 0, len(n), 0)])
            for t, n in (("Brand", brand), ("Person", person))]
    said = f"{brand} partners with {person}."
    link = Relation(source=ends[0].id, target=ends[1].id, type="PARTNERS_WITH",
                    evidence=[Evidence(doc_id, said)])
    return Extraction(Document(id=doc_id, text=said, source="test", date="2025-11-25"),
                      ends, [link], lang="en")


def test_analytics_indirect_flags_follow_only_the_brands_strongest_links(
        small_graph_store, monkeypatch: pytest.MonkeyPatch):
    small_graph_store.write([_partnership(f"doc:kfc{n}", "KFC", "Squeezie") for n in (1, 2)])
    monkeypatch.setattr(controversy, "VIA_LINKS", 1)  # Squeezie (2 documents) beats Mister V

    assert analytics.controversy_flags(small_graph_store, "brand:kfc") == []


def test_analytics_trend_profile_bundles_the_page(small_graph_store):
    profile = analytics.trend_profile(small_graph_store, MERMAIDCORE, window_days=30)
    assert profile.details.name == "Mermaidcore"
    assert profile.growth.current == 6 and profile.weekly[-1].week == date(2025, 11, 24)
    assert "Audience" in profile.links and "Platform" in profile.links


def test_controversy_cues_match_folded_names():
    cues = load_cues()
    assert match_cue(["#BoycottKFC"], cues)[1] == "boycott"
    assert match_cue(["la guerre à Gaza"], cues)[0].name == "conflict"
    assert match_cue(["Fake News"], cues)[0].name == "misinformation"
    assert match_cue(["Mermaidcore", "Girl Math", "Cozy gaming"], cues) is None


def test_cli_trends_prints_rising_trends(small_graph_uri):
    runner = CliRunner()
    result = runner.invoke(app, ["trends", "--window", "30d", "--store", small_graph_uri])
    assert result.exit_code == 0, result.output
    assert "Mermaidcore" in result.output and "new" in result.output
    result = runner.invoke(app, ["trends", "--json", "--store", small_graph_uri])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["as_of"] == AS_OF and data["trends"][0]["trend"] == "Mermaidcore"
    result = runner.invoke(app, ["trends", "--window", "4w", "--as-of", "2025-10-29",
                                 "--json", "--store", small_graph_uri])
    assert json.loads(result.output)["window"] == ["2025-10-02", "2025-10-29"]


def test_cli_trends_rejects_a_bad_window(small_graph_uri):
    result = CliRunner().invoke(app, ["trends", "--window", "soon", "--store", small_graph_uri])
    assert result.exit_code == 2
    assert "30d" in result.output
