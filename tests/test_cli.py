"""Every `trendgraph` command: exit codes, output, and the promises in README.md."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def fresh_store(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


def stats_of(store: str) -> dict:
    result = run("stats", "--json", "--store", store)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_cli_every_command_has_help() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = run(name, "--help")
        assert result.exit_code == 0, result.output
        assert command.callback.__doc__, f"{name} has no help text"


def test_cli_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"trendgraph {name}" in readme, f"`trendgraph {name}` missing from README.md"


def test_cli_ingest_stores_documents_and_reports(corpus_dir: Path, fresh_store: str) -> None:
    result = run("ingest", str(corpus_dir), "--store", fresh_store, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "new" in result.output
    assert "nodes merged by consolidation" in result.output
    assert "nodes hidden by consolidation" in result.output
    labels = stats_of(fresh_store)["labels"]
    assert labels["Document"] == 5
    assert labels["Trend"] >= 2 and labels["Platform"] >= 2


def test_cli_ingest_twice_adds_nothing(corpus_dir: Path, fresh_store: str) -> None:
    run("ingest", str(corpus_dir), "--store", fresh_store, "--workers", "1")
    before = stats_of(fresh_store)
    mentions = run("query", "MATCH (e:Entity) RETURN e.id AS id, e.mentions AS m ORDER BY id",
                   "--format", "json", "--store", fresh_store).output
    second = run("ingest", str(corpus_dir), "--store", fresh_store, "--workers", "1")
    assert second.exit_code == 0, second.output
    assert stats_of(fresh_store) == before
    assert run("query", "MATCH (e:Entity) RETURN e.id AS id, e.mentions AS m ORDER BY id",
               "--format", "json", "--store", fresh_store).output == mentions


def test_cli_ingest_rejects_bad_files_and_stores_the_rest(
    corpus_dir: Path, fresh_store: str, tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed"
    shutil.copytree(corpus_dir, mixed)
    (mixed / "bad").mkdir()
    for name in ("empty.txt", "broken.jsonl", "no_text_column.csv", "latin1_short.txt"):
        shutil.copy(ROOT / "tests" / "fixtures" / "bad" / name, mixed / "bad" / name)
    result = run("ingest", str(mixed), "--store", fresh_store, "--workers", "1")
    assert result.exit_code == 1, result.output
    assert "empty.txt: the file is empty" in result.output
    assert "broken.jsonl:line 2" in result.output
    assert "no_text_column.csv: no 'text' column" in result.output
    # the three corpus files, two good lines of broken.jsonl and the Latin-1 text
    assert stats_of(fresh_store)["labels"]["Document"] == 5 + 2 + 1


def test_cli_query_prints_json_rows(ingested_store_uri: str) -> None:
    result = run("query", "MATCH (t:Trend) RETURN count(t) AS trends", "--format", "json",
                 "--store", ingested_store_uri)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["trends"] >= 2


def test_cli_query_passes_parameters(ingested_store_uri: str) -> None:
    result = run("query", "MATCH (e:Entity {name: $name}) RETURN e.name AS name",
                 "--param", "name=Mermaidcore", "--format", "csv", "--store", ingested_store_uri)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["name", "Mermaidcore"]


def test_cli_query_refuses_a_write(ingested_store_uri: str) -> None:
    result = run("query", "CREATE (:Trend {name: 'x'})", "--store", ingested_store_uri)
    assert result.exit_code == 2
    assert "only read queries are allowed" in result.output


def test_cli_stats_shows_store_location_and_counts(ingested_store_uri: str) -> None:
    result = run("stats", "--store", ingested_store_uri)
    assert result.exit_code == 0, result.output
    assert ingested_store_uri in result.output.replace("\n", "")
    assert "MENTIONS" in result.output


def test_cli_extract_prints_entities_and_relations(corpus_dir: Path) -> None:
    result = run("extract", str(corpus_dir / "mermaidcore_fr.txt"), "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    types = {e["name"]: e["type"] for e in payload["entities"]}
    assert types["Mermaidcore"] == "Trend" and types["Gen Z"] == "Audience"
    link = next(r for r in payload["relations"]
                if {r["source"], r["target"]} == {"Mermaidcore", "Gen Z"})
    assert link["type"] == "POPULAR_WITH" and link["evidence"][0]["sentence"]


def test_cli_reset_empties_the_store(corpus_dir: Path, fresh_store: str) -> None:
    run("ingest", str(corpus_dir), "--store", fresh_store, "--workers", "1")
    result = run("reset", "--yes", "--store", fresh_store)
    assert result.exit_code == 0, result.output
    assert stats_of(fresh_store)["labels"].get("Document", 0) == 0


def test_cli_unknown_store_scheme_is_a_clear_error() -> None:
    result = run("stats", "--store", "mongodb://localhost")
    assert result.exit_code == 2
    assert "Unsupported store URI" in result.output
