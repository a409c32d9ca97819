"""The read-only console reads the graph and nothing else, on both stores (issue 10, item 00).

Every query of REFUSED goes through ``store.query`` (the path of `trendgraph query`
and the app's console) and must be refused before it runs; on Neo4j the server's
own settings refuse file and URL reads too, so the password in the server's
environment stays unreadable even by a query that skips the guard.
"""

from __future__ import annotations

import pytest

from kg.errors import QueryRefused, ReadOnlyError
from kg.saved_queries import load_saved_queries
from kg.store.guard import check_read_only

WRITES = [
    "CREATE (n:Trend {name: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Entity) SET n.name = 'x'",
    "MATCH (n:Entity) REMOVE n.name",
    "MERGE (n:Entity {id: 'x'})",
    "MATCH (n) FOREACH (x IN [1] | SET n.hit = x)",
    "MATCH (n) RETURN n; CREATE (m)",
    "create (n)",
    "MATCH (n) WITH n CALL { WITH n DELETE n } RETURN 1",
    "DROP INDEX tg_entity_search",
    "INSERT (n:Trend)",
    "CREATE USER intruder SET PASSWORD 'intruder-pass'",
]
OUTSIDE = [
    "LOAD CSV FROM 'file:///proc/self/environ' AS line RETURN line",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row",
    "MATCH (n) WITH n LIMIT 1 LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l",
    "USING PERIODIC COMMIT LOAD CSV FROM 'file:///x' AS l RETURN l",
    "CALL dbms.listConfig()",
    "CALL dbms.listConfig() YIELD name, value RETURN name, value",
    "CALL /* hidden */ dbms.showCurrentUser()",
    "CALL `dbms`.`listConfig`()",
    "CALL dbms.components()",
    "CALL db.index.fulltext.createNodeIndex('x', ['Entity'], ['name'])",
    "CALL apoc.load.json('http://127.0.0.1:9/x.json')",
    "RETURN apoc.version()",
    "SHOW USERS",
    "SHOW DATABASES",
    "SHOW PROCEDURES",
    "USE system SHOW USERS",
    "ALTER USER neo4j SET PASSWORD 'changed-by-console'",
    "GRANT ROLE admin TO intruder",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "STOP DATABASE neo4j",
    "WITH 1 AS start STOP DATABASE neo4j",
    "MATCH (n) CALL { WITH n RETURN 1 AS x } IN TRANSACTIONS RETURN x",
    "RETURN 'unterminated",
]


@pytest.mark.parametrize("cypher", WRITES)
def test_console_refuses_write(store, cypher):
    with pytest.raises(ReadOnlyError, match="only read queries"):
        store.query(cypher)


@pytest.mark.parametrize("cypher", OUTSIDE)
def test_console_refuses_reads_outside_the_graph(store, cypher):
    with pytest.raises(QueryRefused, match="Refused"):
        store.query(cypher)


@pytest.mark.parametrize("cypher", [
    "MATCH (n:Entity) WHERE n.name = 'CREATE (x)' RETURN n.name // DELETE everything",
    "MATCH (n:Entity) RETURN n.set AS set_, n.`create` AS c, {delete: 1} AS m",
    "MATCH (a:Entity)-[r:POPULAR_WITH|SPREADS_ON]->(b) RETURN count(r)",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (n:Entity) CALL { WITH n RETURN n.name AS name } RETURN name LIMIT 3",
    "RETURN date('2024-07-19') AS day",
    "MATCH (n:Entity) RETURN n.name AS start, n.id AS stop ORDER BY start",
])
def test_console_runs_reads_with_keywords_inside_names_and_strings(contract_store, cypher):
    contract_store.query(cypher)


@pytest.mark.parametrize("cypher", ["SHOW CONSTRAINTS", "SHOW FULLTEXT INDEXES YIELD name",
                                    "SHOW UNIQUE CONSTRAINTS"])
def test_console_guard_lets_schema_listings_through(cypher):
    check_read_only(cypher)


def test_console_guard_passes_every_saved_query():
    for saved in load_saved_queries():
        check_read_only(saved.cypher)


def test_console_refusal_names_the_procedure_and_what_is_allowed():
    with pytest.raises(QueryRefused) as refused:
        check_read_only("CALL dbms.listConfig()")
    assert "dbms.listConfig" in str(refused.value)
    assert "db.labels" in str(refused.value)


@pytest.mark.neo4j
@pytest.mark.parametrize("url", ["file:///proc/self/environ", "file:///etc/passwd",
                                 "http://127.0.0.1:9/x.csv"])
def test_neo4j_server_refuses_load_csv_even_past_the_guard(neo4j_store, neo4j_uri, url):
    """The server settings (services/neo4j) are the second wall: the raw driver is refused."""
    from conftest import NEO4J_TEST_PASSWORD as TEST_PASSWORD
    from neo4j import GraphDatabase
    from neo4j.exceptions import ClientError

    with GraphDatabase.driver(neo4j_uri, auth=("neo4j", TEST_PASSWORD)) as driver, \
            driver.session(database="neo4j") as session, pytest.raises(ClientError) as refused:
        session.execute_read(lambda tx: tx.run(f"LOAD CSV FROM '{url}' AS l RETURN l").values())
    assert refused.value.code == "Neo.ClientError.Statement.ExternalResourceFailed"
    assert TEST_PASSWORD not in str(refused.value)


@pytest.mark.neo4j
def test_neo4j_password_is_unreadable_through_the_console(neo4j_store):
    from conftest import NEO4J_TEST_PASSWORD as TEST_PASSWORD

    for cypher in OUTSIDE:
        try:
            result = neo4j_store.query(cypher)
        except QueryRefused as exc:
            assert TEST_PASSWORD not in str(exc)
        else:  # pragma: no cover - a refusal is what the list is about
            pytest.fail(f"ran: {cypher} -> {result.rows[:3]}")
