"""What only the Neo4j backend has: driver errors that say what to check, schema, URIs."""

from __future__ import annotations

import logging
import os

import pytest

from kg.errors import StoreUnavailable
from kg.store.neo4j_store import Neo4jStore

PASSWORD = os.environ.get("NEO4J_PASSWORD", "trendgraph-dev")


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)


def test_neo4j_store_unreachable_server_says_how_to_start_it(credentials) -> None:
    with pytest.raises(StoreUnavailable, match=r"is the server running\?.*make neo4j-start"):
        Neo4jStore("bolt://127.0.0.1:1")


def test_neo4j_store_without_password_names_the_variable(monkeypatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    with pytest.raises(StoreUnavailable, match="set NEO4J_PASSWORD"):
        Neo4jStore("bolt://127.0.0.1:1")


@pytest.mark.neo4j
def test_neo4j_store_wrong_credentials_say_what_to_check(
    store_server, neo4j_uri, monkeypatch
) -> None:
    # An unknown user, so the real user is never locked out by failed attempts.
    monkeypatch.setenv("NEO4J_USERNAME", "trendgraph-nobody")
    with pytest.raises(StoreUnavailable, match="check NEO4J_USERNAME and NEO4J_PASSWORD") as err:
        Neo4jStore(neo4j_uri)
    assert PASSWORD not in str(err.value)


@pytest.mark.neo4j
def test_neo4j_store_unknown_database_says_what_to_check(
    store_server, neo4j_uri, monkeypatch
) -> None:
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdatabase")
    with pytest.raises(StoreUnavailable, match="check NEO4J_DATABASE"):
        Neo4jStore(neo4j_uri)


@pytest.mark.neo4j
def test_neo4j_store_location_hides_uri_credentials(store_server, neo4j_uri) -> None:
    host = neo4j_uri.split("://", 1)[1]
    with Neo4jStore(f"bolt://neo4j:{PASSWORD}@{host}") as graph:
        assert PASSWORD not in graph.location
        assert graph.location == f"bolt://{host} (database neo4j)"


@pytest.mark.neo4j
def test_neo4j_store_creates_ontology_constraints(neo4j_store, ontology) -> None:
    neo4j_store.ensure_schema()
    rows = neo4j_store.query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS key"
    ).rows
    keyed = {tuple(row) for row in rows}
    expected = {("Entity", "id"), ("Document", "id"), ("Class", "uri"), ("Relationship", "uri")}
    expected |= {(label, "id") for label in ontology.entity_types}
    assert expected <= keyed


@pytest.mark.neo4j
def test_neo4j_store_creates_fulltext_index(neo4j_store) -> None:
    neo4j_store.ensure_schema()
    found = neo4j_store.query(
        "SHOW FULLTEXT INDEXES YIELD labelsOrTypes, properties, state "
        "RETURN labelsOrTypes AS labels, properties, state"
    ).dicts()
    assert {"labels": ["Entity"], "properties": ["name", "search"], "state": "ONLINE"} in found


@pytest.mark.neo4j
def test_neo4j_store_schema_creation_is_idempotent(neo4j_store, neo4j_uri) -> None:
    neo4j_store.ensure_schema()
    with Neo4jStore(neo4j_uri) as again:
        again.ensure_schema()
        assert again.stats().labels == neo4j_store.stats().labels


@pytest.fixture
def store_server(neo4j_store, credentials):
    """A reachable test server (skips/fails like the store fixture), for open-time errors."""
    return neo4j_store


@pytest.mark.neo4j
def test_neo4j_test_fixture_refuses_to_wipe_data_it_did_not_write(neo4j_store, tmp_path) -> None:
    from conftest import NEO4J_TEST_PASSWORD, NEO4J_URI, TEST_MARKER, mark_owned, open_test_store
    from neo4j import GraphDatabase

    with GraphDatabase.driver(NEO4J_URI, auth=("neo4j", NEO4J_TEST_PASSWORD)) as driver:
        driver.execute_query(f"MATCH (m:{TEST_MARKER}) DELETE m")
        driver.execute_query("CREATE (:SomeoneElses {id: 'precious'})")
        try:
            with pytest.raises(pytest.fail.Exception, match="Refusing to wipe"):
                open_test_store("neo4j", tmp_path)
            kept = driver.execute_query("MATCH (n:SomeoneElses) RETURN count(n) AS n")
            assert kept.records[0]["n"] == 1
        finally:
            driver.execute_query("MATCH (n:SomeoneElses) DELETE n")
            mark_owned()


@pytest.mark.neo4j
def test_neo4j_store_reads_of_labels_never_written_log_no_server_warning(
    neo4j_store, caplog
) -> None:
    """A fresh store reads labels nothing has written yet (the app's first page does):
    the server's "label does not exist" notices are switched off, not logged per read."""
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        rows = neo4j_store.query("MATCH (n:TrendgraphNeverWritten) RETURN n.never_set AS x")
    assert rows.dicts() == []
    assert not [r for r in caplog.records if r.name == "neo4j.notifications"]
