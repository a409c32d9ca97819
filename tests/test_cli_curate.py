"""`trendgraph curate`: each operation by name, listed, undone, kept beside the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from small_graph import write_small_graph
from typer.testing import CliRunner

from kg.cli import app
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def small_store(tmp_path: Path, monkeypatch) -> str:
    monkeypatch.delenv("TRENDGRAPH_RULES", raising=False)
    uri = str(tmp_path / "graph.db")
    with open_store(uri) as graph:
        write_small_graph(graph)
    return uri


def curate(*args: str):
    return runner.invoke(app, ["curate", *args])


def names(uri: str) -> set[str]:
    result = runner.invoke(app, ["query", "MATCH (e:Entity) RETURN e.name AS name", "-f", "json",
                                 "--store", uri])
    return {row["name"] for row in json.loads(result.output)}


def test_cli_curate_every_command_has_help() -> None:
    for command in ("merge", "rename", "retype", "hide", "hide-link", "list", "undo", "rebuild"):
        result = curate(command, "--help")
        assert result.exit_code == 0, result.output


def test_cli_curate_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("merge", "rename", "retype", "hide", "hide-link", "list", "undo"):
        assert f"trendgraph curate {command}" in readme


def test_cli_curate_merge_by_name_then_list_and_undo(small_store: str, tmp_path: Path) -> None:
    result = curate("merge", "Blokecore", "Mermaidcore", "--store", small_store)
    assert result.exit_code == 0, result.output
    assert "Rule 1: merge Blokecore (trend:blokecore) into Mermaidcore" in result.output
    assert "Blokecore" not in names(small_store)
    assert (tmp_path / "graph.rules.jsonl").exists()

    listed = json.loads(curate("list", "--json", "--store", small_store).output)
    assert [(r["id"], r["op"], r["source"]) for r in listed] == [(1, "merge", "trend:blokecore")]

    result = curate("undo", "--store", small_store)
    assert result.exit_code == 0, result.output
    assert "Blokecore" in names(small_store)
    assert json.loads(curate("list", "--json", "--store", small_store).output) == []


def test_cli_curate_rename_retype_hide(small_store: str) -> None:
    assert curate("rename", "Levi's", "Levi Strauss", "--store", small_store).exit_code == 0
    assert curate("retype", "Mister V", "Brand", "--store", small_store).exit_code == 0
    assert curate("hide", "Sexism", "--store", small_store).exit_code == 0
    found = names(small_store)
    assert "Levi Strauss" in found and "Levi's" not in found and "Sexism" not in found


def test_cli_curate_hide_link_of_one_type(small_store: str) -> None:
    result = curate("hide-link", "Mermaidcore", "TikTok", "--type", "SPREADS_ON",
                    "--store", small_store)
    assert result.exit_code == 0, result.output
    assert "1 link(s) removed" in result.output


def test_cli_curate_unknown_name_suggests_close_ones(small_store: str) -> None:
    result = curate("hide", "Mermaidcor", "--store", small_store)
    assert result.exit_code == 2
    assert "Mermaidcore" in result.output


def test_cli_curate_undo_with_nothing_to_undo_is_a_clear_error(small_store: str) -> None:
    result = curate("undo", "--store", small_store)
    assert result.exit_code == 2 and "no rule to undo" in result.output
