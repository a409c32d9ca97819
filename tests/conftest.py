"""Shared fixtures: the ontology, sample texts, and one store per backend.

The ``store`` fixture is parametrised over every backend, so each contract test
runs on the embedded FalkorDB and on the real Neo4j started by
``make neo4j-start``. Outside CI a missing Neo4j skips with how to enable it; in
CI (``CI=true``) it is a failure.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ontology import Ontology, load_ontology

ROOT = Path(__file__).resolve().parent.parent
NEO4J_URI = os.environ.get("TRENDGRAPH_TEST_NEO4J", "bolt://127.0.0.1:7687")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


def _neo4j_reachable(uri: str) -> bool:
    from urllib.parse import urlparse

    parsed = urlparse(uri)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 7687), timeout=2):
            return True
    except OSError:
        return False


def open_test_store(backend: str, tmp_path: Path):
    """A fresh, empty store of ``backend``."""
    from kg.store import open_store

    if backend == "falkordb":
        return open_store(str(tmp_path / "graph.db"))
    if not _neo4j_reachable(NEO4J_URI):
        message = (
            f"Neo4j is not reachable at {NEO4J_URI}: run `make neo4j-start` "
            "(needs Java 17 and Maven) to run the Neo4j tests."
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    os.environ.setdefault("NEO4J_PASSWORD", "trendgraph-dev")
    store = open_store(NEO4J_URI)
    store.reset()
    return store


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator:
    graph = open_test_store(request.param, tmp_path)
    yield graph
    graph.close()


CORPUS = ROOT / "tests" / "fixtures" / "corpus"
BAD_INPUTS = ROOT / "tests" / "fixtures" / "bad"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """Three short FR/EN texts written for the tests (Mermaidcore, Girl Math, CrowdStrike)."""
    return CORPUS


@pytest.fixture(scope="session")
def ingested_store_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An embedded store holding the test corpus, ingested once per session."""
    from ingest import read_paths
    from kg.ingestion import ingest
    from kg.store import open_store

    uri = str(tmp_path_factory.mktemp("ingested") / "graph.db")
    with open_store(uri) as graph:
        report = ingest(read_paths([CORPUS]), graph)
    assert report.ok, report.errors
    return uri
