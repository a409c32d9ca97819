"""First loads through ``neo4j-admin database import full`` (issue 11, item 3).

``trendgraph ingest --bulk-neo4j`` writes the import files; services/neo4j/import.sh
loads them with the import tool of the real Neo4j 5.26 jars into a private server's
data folder (its own port, started and stopped here only). The imported graph must
be the one an ordinary ingest writes, and must keep working as a trendgraph store.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from graph_dump import dump
from synthetic import write_posts
from typer.testing import CliRunner

from ingest import read_paths
from kg.cli import app
from kg.ingestion import ingest
from kg.model import Document, Entity, Extraction
from kg.store import open_store

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parent.parent
SPARE_PORT = int(os.environ.get("TRENDGRAPH_TEST_NEO4J_SPARE_PORT", "7689"))
PASSWORD = "bulk-import-test-pw"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
POSTS = 400


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "NEO4J_PORT": str(SPARE_PORT), "NEO4J_DATA_DIR": str(home / "data"),
            "NEO4J_RUN_DIR": str(home / "run"), "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_HEAP": "512m", "NEO4J_PAGECACHE": "128m", "NEO4J_IMPORT_HEAP": "512m"}


def _script(name: str, home: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([str(ROOT / "services/neo4j" / name), *args], env=_env(home),
                          capture_output=True, text=True, timeout=900)
    if done.returncode == 3 and not IN_CI:
        pytest.skip("Java 17 and Maven are needed for the private Neo4j")
    return done


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bulk") / "posts"
    write_posts(folder, POSTS, per_file=200)
    return folder


@pytest.fixture(scope="module")
def imported(posts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A private Neo4j whose database the import tool loaded: its URI and the files."""
    home = tmp_path_factory.mktemp("neo4j-bulk")
    files = home / "import"
    done = CliRunner().invoke(app, ["ingest", str(posts), "--bulk-neo4j", str(files),
                                    "--workers", "1"])
    assert done.exit_code == 0, done.output
    loaded = _script("import.sh", home, str(files))
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    started = _script("start.sh", home)
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        yield f"bolt://127.0.0.1:{SPARE_PORT}", files
    finally:
        _script("stop.sh", home)


@pytest.fixture
def bulk_uri(imported: tuple[str, Path], monkeypatch: pytest.MonkeyPatch,
             tmp_path: Path) -> str:
    """The imported store's URI, its password set, and its rules file the bulk load's."""
    uri, files = imported
    rules = tmp_path / "rules.jsonl"
    if (files / "rules.jsonl").exists():
        rules.write_bytes((files / "rules.jsonl").read_bytes())
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.setenv("TRENDGRAPH_RULES", str(rules))
    return uri


def _clean_ingest(folder: Path, path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setenv("TRENDGRAPH_RULES", str(path.with_suffix(".rules.jsonl")))
    with open_store(str(path)) as clean:
        ingest(read_paths([folder]), clean, rules=())
        return dump(clean)


def test_bulk_import_holds_the_graph_an_ordinary_ingest_writes(
        bulk_uri: str, posts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(bulk_uri) as graph:
        loaded = dump(graph)
    assert len(loaded["documents"]) == POSTS
    assert loaded == _clean_ingest(posts, tmp_path / "clean.db", monkeypatch)


def test_bulk_imported_store_takes_later_ingests_like_any_store(
        bulk_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    more = tmp_path / "more"
    write_posts(more, POSTS + 100, per_file=100)  # the first 400 are stored already
    done = CliRunner().invoke(app, ["ingest", str(more), "--store", bulk_uri, "--workers", "1"])
    assert done.exit_code == 0, done.output
    with open_store(bulk_uri) as graph:
        grown = dump(graph)
    assert len(grown["documents"]) == POSTS + 100
    assert grown == _clean_ingest(more, tmp_path / "clean.db", monkeypatch)


def test_bulk_refuses_a_neo4j_that_holds_data(neo4j_store, posts: Path, tmp_path: Path) -> None:
    document = Document(id="doc:already", text="Already here.", source="tests")
    neo4j_store.write([Extraction(document, [Entity(type="Trend", name="Cottagecore")], [])])
    uri = neo4j_store.location.split(" ")[0]

    done = CliRunner().invoke(app, ["ingest", str(posts), "--bulk-neo4j", str(tmp_path / "out"),
                                    "--store", uri])

    assert done.exit_code == 2
    assert "already holds 1 documents" in done.output and "without --bulk-neo4j" in done.output
    assert not (tmp_path / "out").exists()


def test_import_script_refuses_a_data_folder_that_has_a_database(tmp_path: Path) -> None:
    files = tmp_path / "import"
    files.mkdir()
    (files / "import.args").write_text("--id-type=integer\n", encoding="utf-8")
    (tmp_path / "data" / "data" / "databases" / "neo4j").mkdir(parents=True)

    done = _script("import.sh", tmp_path, str(files))

    assert done.returncode == 1
    assert "already has a database" in done.stderr and "--overwrite-destination" in done.stderr
