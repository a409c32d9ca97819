"""The sample corpus (data/) through the real extractor: the four checks of issue 9 on
links, stories, dates and curation that a strategist sees on the shipped data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.controversy import controversy_flags
from kg.export.selection import subgraph_for
from kg.store import open_store
from kg.subgraph import Selection, date_range, select

DATA = Path(__file__).resolve().parent.parent / "data"
BLOCKOUT, DIOR = "trend:blockout2024", "brand:dior"
runner = CliRunner()


def _cli(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def sample_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    uri = str(tmp_path_factory.mktemp("sample") / "graph.db")
    _cli("ingest", str(DATA), "--store", uri, "--workers", "1")
    return uri


@pytest.fixture(scope="module")
def sample(sample_uri: str):
    with open_store(sample_uri) as graph:
        yield graph


def _most_mentioned(store, limit: int = 15) -> list[str]:
    rows = store.query("MATCH (e:Entity) RETURN e.id AS id ORDER BY e.mentions DESC, id",
                       limit=limit)
    return [row["id"] for row in rows.dicts()]


def _platform_pairs(graph) -> list[tuple[str, str]]:
    types = {n.id: n.type for n in graph.nodes}
    return [(e.source, e.target) for e in graph.edges
            if types[e.source] == types[e.target] == "Platform"]


def test_sample_default_views_show_no_platform_platform_link(sample) -> None:
    for seed in _most_mentioned(sample):
        for hops in (1, 2):
            graph = select(sample, Selection(seeds=(seed,), hops=hops))
            assert _platform_pairs(graph) == [], (seed, hops)


def test_sample_default_export_shows_no_platform_platform_link(sample) -> None:
    for seed in ("Instagram", "TikTok", "Gen Z"):
        graph = subgraph_for(sample, seeds=[seed], hops=2)
        assert _platform_pairs(graph) == [], seed


def test_sample_dior_is_two_hops_from_blockout2024(sample) -> None:
    graph = select(sample, Selection(seeds=(BLOCKOUT,), hops=2))
    dior = graph.node(DIOR)
    assert dior is not None and dior.ring == 2
    story = next(e for e in graph.edges if {e.source, e.target} == {DIOR, BLOCKOUT})
    assert not story.headline_only and any("Dior" in ev.sentence for ev in story.evidence)


def test_sample_dior_is_flagged_for_blockout2024_in_brand_view(sample) -> None:
    flags = {f.id: f for f in controversy_flags(sample, DIOR)}
    assert BLOCKOUT in flags and flags[BLOCKOUT].category == "boycott"
    assert len(flags[BLOCKOUT].documents) >= 2


def test_sample_date_filter_stays_on_with_undated_documents(sample) -> None:
    dates = date_range(sample)
    assert dates.undated >= 3 and dates.first and dates.last
    graph = select(sample, Selection(seeds=("trend:mermaidcore",), hops=1, since=dates.first,
                                     until=dates.last))
    assert graph.edges


def test_sample_curated_rules_survive_reset_and_ingest(sample_uri: str, tmp_path: Path,
                                                       monkeypatch) -> None:
    monkeypatch.delenv("TRENDGRAPH_RULES", raising=False)
    uri = str(tmp_path / "graph.db")
    shutil.copyfile(sample_uri, uri)  # the sample as ingested (closed, so saved) by the fixture
    _cli("curate", "merge", "Digitine", "Blockout2024", "--store", uri)
    _cli("curate", "rename", "Mermaidcore", "Mermaidcore aesthetic", "--store", uri)
    curated = _entities(uri)
    _cli("reset", "--yes", "--store", uri)
    _cli("ingest", str(DATA), "--store", uri, "--workers", "1")
    assert _entities(uri) == curated
    assert "trend:digitine" not in curated and "trend:mermaidcore" not in curated
    assert "Digitine" in curated[BLOCKOUT]["aliases"]
    assert curated["trend:mermaidcoreaesthetic"]["name"] == "Mermaidcore aesthetic"


def _entities(uri: str) -> dict[str, dict]:
    result = _cli("query", "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, "
                  "e.aliases AS aliases, e.mentions AS mentions", "--limit", "100000",
                  "-f", "json", "--store", uri)
    return {row["id"]: {**row, "aliases": sorted(row["aliases"] or [])}
            for row in json.loads(result.output)}
