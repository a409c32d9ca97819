"""The two backends agree: the same writes give the same counts per label and type.

Needs both stores at once, so it carries the ``neo4j`` mark and skips (or fails,
in CI) without a Neo4j, like the Neo4j half of the contract suite.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.neo4j


def _stats_json(uri: str) -> dict:
    result = CliRunner().invoke(app, ["stats", "--json", "--store", uri])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_parity_ingest_gives_identical_stats(
    falkordb_store, neo4j_store, contract_extractions
) -> None:
    # Fixed extractions stand in for spaCy: this checks the stores, not the extractor.
    for graph in (falkordb_store, neo4j_store):
        graph.write(contract_extractions)
        graph.write(contract_extractions)  # a second ingest must change nothing
    falkordb_path = falkordb_store.location
    falkordb_store.close()  # the CLI opens the embedded file itself
    neo4j_uri = neo4j_store.location.split(" ")[0]

    embedded, server = _stats_json(falkordb_path), _stats_json(neo4j_uri)

    assert (embedded["backend"], server["backend"]) == ("falkordb-embedded", "neo4j")
    assert embedded["labels"] == server["labels"]
    assert embedded["types"] == server["types"]
    assert server["labels"]["Entity"] == 8
