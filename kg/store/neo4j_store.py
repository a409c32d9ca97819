"""Neo4j backend: the production store, over Bolt with the official driver.

One driver per store (it owns the connection pool) and one session per unit of
work, always on an explicitly named database so a user's default database never
decides where the graph goes. Write batches run in one managed write
transaction, so a failing batch leaves nothing behind; user Cypher runs in a
managed read transaction, so the server itself refuses writes, with a
server-side timeout and a row cap.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from kg.errors import Errors, QueryError, ReadOnlyError, StoreError, StoreUnavailable
from kg.ontology import Ontology
from kg.secrets import redact_uri, register_secret, scrub
from kg.store import cypher
from kg.store.base import CypherStore, QueryResult, Statement, StoreTraits
from kg.store.neo4j_values import plain

DEFAULT_DATABASE = "neo4j"
DEFAULT_USERNAME = "neo4j"
DELETE_CHUNK = 10_000
INDEX_WAIT_SECONDS = 300
CONFLICT_RETRIES = 5
# Codes the server uses when a read transaction tries to change the graph or schema.
READ_ONLY_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",
    "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
)
READ_ONLY_MESSAGE = Errors.READ_ONLY
READING_TIMEOUT = 300.0
"""Seconds a ``reading`` transaction may stay open: a view's reads take well under one,
but its first one after a write may recompute the link profile (kg.linkstats, 300 s)."""
WRITE_PREFIX = "CYPHER replan=skip\n"
"""Writes keep their cached plan while a load changes the graph's statistics.

Every write statement finds its nodes by a uniquely constrained key, so its plan does
not depend on the statistics; but a growing graph makes Neo4j replan a cached query
once its statistics drift. Replanning the entity and link MERGE statements (tens of ms
each, again and again) cost a third of the server's CPU in a 60,000-relationship load
(10.8-11.2 JVM CPU s without this prefix, 6.6-7.9 s with it; their time to first row
summed 5-6 s, then 0.2-0.3 s). A schema change still empties the plan cache."""


class Neo4jStore(CypherStore):
    """A Neo4j 5 / Aura database addressed by a ``bolt://`` or ``neo4j://`` URI.

    Credentials come from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` (or the URI's
    user-info, which is stripped before use); the database from ``NEO4J_DATABASE``.
    Connectivity, credentials and the database are checked here, at open time,
    so a misconfiguration fails before any work is done.
    """

    write_prefix = WRITE_PREFIX
    """Prepended to every write statement (empty it to see the replanning cost again)."""

    def __init__(self, uri: str, *, ontology: Ontology | None = None) -> None:
        super().__init__(ontology=ontology)
        import neo4j

        self._neo4j = neo4j
        try:
            address, username, password = _split_credentials(uri)
        except ValueError as exc:  # a port that is not a number, a bad IPv6 literal
            raise StoreError(Errors.STORE_URI_MALFORMED.format(uri=redact_uri(uri), reason=exc)
                             ) from None
        register_secret(password)
        self.database = os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        self._unit = threading.local()  # .tx: this thread's open read transaction
        self.location = f"{address} (database {self.database})"
        self.traits = StoreTraits(
            name="neo4j", embedded=False, transactional_batches=True, server_timeout=True,
            link_id="elementId",
        )
        if password is None:
            raise StoreUnavailable(Errors.NEO4J_NO_PASSWORD.format(address=address))
        try:
            # No server notifications: a fresh store logged "label does not exist" on
            # every read of a label not yet written; errors still raise.
            self._driver = neo4j.GraphDatabase.driver(
                address, auth=(username, password), connection_timeout=10.0,
                user_agent="trendgraph", notifications_min_severity="OFF",
            )
        except (neo4j.exceptions.ConfigurationError, ValueError) as exc:
            raise StoreError(Errors.NEO4J_URI_INVALID.format(address=address,
                                                             reason=scrub(str(exc)))) from None
        try:
            self._driver.verify_connectivity()
            with self._session() as session:
                session.run("RETURN 1").consume()
        except Exception as exc:
            self._driver.close()
            raise self._open_error(exc, address, username) from exc

    # -- primitives --------------------------------------------------------------------
    def _run_batch(self, statements: Sequence[Statement]) -> None:
        def work(tx: Any) -> None:
            for text, params in statements:
                tx.run(self.write_prefix + text, params).consume()

        # Not WriteError: CypherStore.write wraps this with the rows committed so far.
        try:
            with self._session() as session:
                session.execute_write(work)
        except self._neo4j.exceptions.Neo4jError as exc:
            raise StoreError(Errors.NEO4J_REJECTED.format(reason=_describe(exc))) from exc
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreUnavailable(self._lost_message(exc)) from exc

    def _run_atomic(self, doc_ids: list[str], plan: Callable[[set[str]], list[Statement]]) -> None:
        """One write transaction: check the documents, then write what is new.

        The driver retries transient failures (a deadlock between two writers, a
        leader switch); a uniqueness conflict means another writer stored one of
        these documents after our check, so the whole unit is retried and skips it.
        """
        def work(tx: Any) -> None:
            found = tx.run(self.write_prefix + cypher.EXISTING_DOCUMENTS, {"ids": doc_ids})
            existing = {record["id"] for record in found}
            for text, params in plan(existing):
                tx.run(self.write_prefix + text, params).consume()

        errors = self._neo4j.exceptions
        for attempt in range(CONFLICT_RETRIES):
            try:
                with self._session() as session:
                    session.execute_write(work)
                return
            except errors.ConstraintError as exc:
                if attempt == CONFLICT_RETRIES - 1:
                    raise StoreError(Errors.WRITERS_CONFLICT.format(
                        tries=CONFLICT_RETRIES, reason=f" ({_describe(exc)})")) from exc
            except errors.Neo4jError as exc:
                raise StoreError(Errors.NEO4J_REJECTED.format(reason=_describe(exc))) from exc
            except errors.DriverError as exc:
                raise StoreUnavailable(self._lost_message(exc)) from exc

    def _read(
        self, cypher_text: str, params: dict[str, Any], *, limit: int, timeout: float
    ) -> QueryResult:
        limit = max(0, int(limit))

        def work(tx: Any) -> QueryResult:
            result = tx.run(cypher_text, params)
            columns = list(result.keys())
            rows: list[list[Any]] = []
            truncated = False
            for record in result:
                if len(rows) >= limit:
                    truncated = True  # stop pulling; the rest is discarded
                    result.consume()
                    break
                rows.append([plain(value, self._label_order) for value in record.values()])
            return QueryResult(columns=columns, rows=rows, truncated=truncated)

        timed = self._neo4j.unit_of_work(timeout=timeout)(work)
        tx = getattr(self._unit, "tx", None)
        try:
            if tx is not None:
                return work(tx)
            with self._session(fetch_size=min(limit + 1, 1000)) as session:
                return session.execute_read(timed)
        except self._neo4j.exceptions.Neo4jError as exc:
            raise _query_error(exc, timeout) from exc
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreUnavailable(self._lost_message(exc)) from exc

    @contextmanager
    def reading(self) -> Iterator[None]:
        """The reads inside run in one read transaction of this thread (a view's nine).

        A transaction per read costs a round trip to begin and one to commit: 3.5 ms
        wall and 1.7 ms of CPU (driver and server) per trivial read at rest, 0.4 and
        0.4 inside one transaction. Reads nested in an open one join it.
        """
        if getattr(self._unit, "tx", None) is not None:
            yield
            return
        try:
            with self._session(default_access_mode=self._neo4j.READ_ACCESS) as session:
                self._unit.tx = session.begin_transaction(timeout=READING_TIMEOUT)
                try:
                    yield
                finally:
                    tx, self._unit.tx = self._unit.tx, None
                    tx.close()
        except self._neo4j.exceptions.Neo4jError as exc:
            raise _query_error(exc, READING_TIMEOUT) from exc
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreUnavailable(self._lost_message(exc)) from exc

    def _create_schema(self) -> None:
        for text in cypher.neo4j_schema(self.ontology).statements:
            self._run_auto(text)
        self._run_auto(f"CALL db.awaitIndexes({INDEX_WAIT_SECONDS})")

    def _drop_all(self) -> None:
        """Delete in chunks so a large graph never needs one huge transaction."""

        def work(tx: Any) -> int:
            return int(tx.run(cypher.DELETE_SOME, {"limit": DELETE_CHUNK}).single()["deleted"])

        with self._session() as session:
            while session.execute_write(work):
                pass

    def close(self) -> None:
        self._driver.close()

    # -- helpers -----------------------------------------------------------------------
    def _run_auto(self, text: str) -> None:
        """Schema commands cannot share a transaction with data writes: run them alone."""
        try:
            with self._session() as session:
                session.run(text).consume()
        except self._neo4j.exceptions.Neo4jError as exc:
            raise StoreError(Errors.NEO4J_SCHEMA.format(text=text, reason=_describe(exc))) from exc

    @contextmanager
    def _session(self, **config: Any) -> Iterator[Any]:
        with self._driver.session(database=self.database, **config) as session:
            yield session

    def _label_order(self, labels: Any) -> tuple[str, ...]:
        """Broadest class first (Entity, then Brand), as FalkorDB returns them."""
        def depth(label: str) -> tuple[int, str]:
            known = label in self.ontology.classes
            return (len(self.ontology.ancestors(label)) if known else 99, label)

        return tuple(sorted(labels, key=depth))

    def _open_error(self, exc: Exception, address: str, username: str) -> StoreError:
        errors = self._neo4j.exceptions
        code = getattr(exc, "code", "") or ""
        if isinstance(exc, errors.AuthError) or "Security.Unauthorized" in code:
            return StoreUnavailable(Errors.NEO4J_CREDENTIALS.format(address=address,
                                                                    username=username))
        if "AuthenticationRateLimit" in code:
            return StoreUnavailable(Errors.NEO4J_LOCKED.format(address=address, username=username))
        if "DatabaseNotFound" in code:
            return StoreUnavailable(Errors.NEO4J_NO_DATABASE.format(address=address,
                                                                    database=self.database))
        if isinstance(exc, errors.ServiceUnavailable | OSError):
            return StoreUnavailable(Errors.NEO4J_UNREACHABLE.format(address=address))
        if isinstance(exc, errors.Neo4jError):
            return StoreUnavailable(Errors.NEO4J_REFUSED.format(address=address,
                                                                reason=_describe(exc)))
        return StoreUnavailable(Errors.NEO4J_OPEN.format(address=address, reason=scrub(str(exc))))

    def _lost_message(self, exc: Exception) -> str:
        return Errors.NEO4J_LOST.format(location=self.location, reason=scrub(str(exc)))


def _split_credentials(uri: str) -> tuple[str, str, str | None]:
    """The URI without user-info, and the username/password to use (never logged)."""
    parts = urlsplit(uri)
    username = os.environ.get("NEO4J_USERNAME") or DEFAULT_USERNAME
    password = os.environ.get("NEO4J_PASSWORD")
    if parts.username or parts.password:
        username = unquote(parts.username or username)
        password = unquote(parts.password) if parts.password is not None else password
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    address = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return address, username, password


def _describe(exc: Any) -> str:
    code = getattr(exc, "code", None)
    message = scrub(str(getattr(exc, "message", None) or exc))
    return f"{code}: {message}" if code else message


def _query_error(exc: Any, timeout: float) -> QueryError:
    code = getattr(exc, "code", "") or ""
    if code in READ_ONLY_CODES or "read access mode" in str(exc).lower():
        return ReadOnlyError(READ_ONLY_MESSAGE)
    if "TimedOut" in code or "Terminated" in code:
        return QueryError(Errors.QUERY_TIMEOUT.format(timeout=timeout))
    return QueryError(Errors.QUERY_FAILED.format(reason=_describe(exc)))

