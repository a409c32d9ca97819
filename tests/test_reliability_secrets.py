"""No password appears in an error, the CLI's output, an app page or an export (issue 10, item 7).

Each test puts a recognisable secret where users put theirs (the URI's user-info,
NEO4J_PASSWORD) and then reads everything trendgraph shows or writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import StoreError
from kg.secrets import redact_uri, scrub
from kg.store import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SECRET = "Sekr3t-never-shown"
runner = CliRunner()


def _error_of(uri: str) -> str:
    with pytest.raises(StoreError) as failure:
        open_store(uri)
    return str(failure.value)


@pytest.mark.parametrize("uri", [
    f"bolt://neo4j:{SECRET}@127.0.0.1:1",  # unreachable host
    f"neo4j://neo4j:{SECRET}@127.0.0.1:notaport",  # malformed port
    f"bolt://neo4j:{SECRET}@[::1",  # malformed IPv6 literal
    f"mysql://root:{SECRET}@127.0.0.1/db",  # unsupported scheme
    f"falkordb://:{SECRET}@127.0.0.1:1/graph",  # unreachable FalkorDB server
])
def test_secrets_store_errors_never_show_the_password(uri):
    message = _error_of(uri)
    assert SECRET not in message
    assert "***" in message or "127.0.0.1" in message


def test_secrets_password_from_the_environment_is_not_echoed(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    assert SECRET not in _error_of("bolt://127.0.0.1:1")


@pytest.mark.neo4j
def test_secrets_wrong_password_is_refused_without_echo(neo4j_store, neo4j_uri):
    host = neo4j_uri.split("://", 1)[1]
    message = _error_of(f"bolt://neo4j:{SECRET}@{host}")
    assert "refused the credentials" in message
    assert SECRET not in message


@pytest.mark.parametrize("command", [["stats"], ["query", "RETURN 1"], ["trends"],
                                     ["export", "-s", "x", "-o", "x.csv"]])
def test_secrets_cli_output_has_no_password(command, tmp_path):
    result = runner.invoke(app, [*command, "--store", f"bolt://neo4j:{SECRET}@127.0.0.1:1"])
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output
    assert "Error:" in result.output


@pytest.mark.neo4j
def test_secrets_stats_and_exports_of_a_store_opened_with_credentials(
    neo4j_store, contract_extractions, neo4j_uri, tmp_path
):
    from conftest import NEO4J_TEST_PASSWORD

    neo4j_store.write(contract_extractions)
    scheme, host = neo4j_uri.split("://", 1)
    uri = f"{scheme}://neo4j:{NEO4J_TEST_PASSWORD}@{host}"
    result = runner.invoke(app, ["stats", "--store", uri])
    assert result.exit_code == 0, result.output
    assert NEO4J_TEST_PASSWORD not in result.output
    for fmt in ("cypher", "graphml", "csv"):
        out = tmp_path / f"sub.{fmt}"
        result = runner.invoke(app, ["export", "-s", "Mermaidcore", "-f", fmt, "-o", str(out),
                                     "--store", uri])
        assert result.exit_code == 0, result.output
        for written in tmp_path.glob("sub*"):
            assert NEO4J_TEST_PASSWORD not in written.read_text(encoding="utf-8")


def test_secrets_app_page_shows_no_password(monkeypatch):
    monkeypatch.setenv("TRENDGRAPH_STORE", f"bolt://neo4j:{SECRET}@127.0.0.1:1")
    at = AppTest.from_file(APP, default_timeout=60).run()
    shown = "\n".join(str(e.value) for e in [*at.error, *at.markdown, *at.info, *at.caption,
                                                 *at.sidebar.markdown])
    assert "Cannot open the graph store" in shown
    assert SECRET not in shown
    assert SECRET not in str(at)


def test_secrets_redact_uri_masks_only_the_password():
    assert redact_uri(f"neo4j+s://alice:{SECRET}@db.example.org:7687") == \
        "neo4j+s://alice:***@db.example.org:7687"
    assert redact_uri("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"


def test_secrets_scrub_masks_the_environment_password(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    assert scrub(f"driver said: bad auth for {SECRET}") == "driver said: bad auth for ***"
