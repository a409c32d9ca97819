"""FalkorDB backend: the embedded default (falkordblite) or a FalkorDB server.

FalkorDB has no rollback: a statement that fails leaves the batch's other
statements applied, which the traits declare (``transactional_batches=False``).
A batch still runs whole or not at all when its writer dies or races another:
it is sent as one MULTI/EXEC block under WATCH (see ``_run_atomic``).
Read-only queries go through GRAPH.RO_QUERY, so the server itself refuses writes.

The embedded server's life (one per store file, shared and stopped by the OS-kept
count of its users, an append-only file keeping every answered write) is
kg/store/embedded.py's. A server that dies under a handle is started again and the
action retried once; one that died of memory, or dies again, stops the work with
the reason instead of crash-looping (at 800k documents it restarted 5 times).
Reads carry FalkorDB's own timeout and, should the engine miss it, a socket
deadline at twice the timeout that drops the connection. redis-py's defaults (5 s
socket timeout, 10 silent retries) once re-sent a timed-out query ten times;
connections here never retry on their own. The server sends a result whole, so the
row cap goes into the query itself (its last RETURN gets ``LIMIT cap+1``,
kg.store.guard.with_row_cap): rows past the cap are neither computed nor sent, as
Neo4j's client stops pulling them.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from time import monotonic, sleep, strftime
from typing import Any, TypeVar

import redis
from falkordb import FalkorDB
from falkordb.helpers import stringify_param_value
from falkordb.query_result import QueryResult as FalkorResult
from redis.exceptions import WatchError

from kg.errors import Errors, QueryError, ReadOnlyError, StoreError, StoreUnavailable
from kg.ontology import Ontology
from kg.store import cypher
from kg.store.base import CypherStore, QueryResult, Statement, StoreTraits
from kg.store.embedded import RESULTSET_SIZE, EmbeddedServer, memory_message
from kg.store.falkordb_values import checked, records
from kg.store.guard import with_row_cap

GRAPH_NAME = "trendgraph"
CONSTRAINT_STATES = "CALL db.constraints() YIELD status RETURN status"
CONSTRAINT_WAIT = 600.0
META_STATS = "CALL db.meta.stats() YIELD labels, relTypes RETURN labels, relTypes AS types"
CONFLICT_RETRIES = 50
MAX_REVIVALS = 1  # restarts of a dead embedded server within REVIVAL_WINDOW, then an error
REVIVAL_WINDOW = 600.0
DEADLINE_FACTOR = 2.0  # the client gives up on a read at twice its timeout (+ grace)
DEADLINE_GRACE = 2.0
log = logging.getLogger(__name__)
T = TypeVar("T")


class FalkorStore(CypherStore):
    def __init__(
        self,
        *,
        path: Path | None = None,
        host: str | None = None,
        port: int = 6379,
        graph: str = GRAPH_NAME,
        password: str | None = None,
        ontology: Ontology | None = None,
    ) -> None:
        super().__init__(ontology=ontology)
        self.traits = StoreTraits(
            name="falkordb-embedded" if path else "falkordb",
            embedded=path is not None,
            transactional_batches=False,
            server_timeout=True,
            typed_expand=False,
        )
        self.notices: list[str] = []
        self._server: EmbeddedServer | None = None
        self._graph_name = graph
        self._revivals: list[float] = []  # when this handle restarted its embedded server
        try:
            if path is not None:
                self._server = EmbeddedServer(path)
                self.location = str(path)
                self._connect(unix_socket_path=self._server.acquire())
            else:
                self.location = f"falkordb://{host}:{port}/{graph}"
                self._connect(host=host, port=port, password=password)
                self._db.connection.ping()
        except StoreUnavailable:
            raise
        except Exception as exc:
            target = path or f"{host}:{port}"
            raise StoreUnavailable(Errors.FALKORDB_OPEN.format(target=target, reason=exc)) from exc

    def _connect(self, **where: Any) -> None:
        self._db = FalkorDB(**where, socket_timeout=None, retry=None)
        self._graph = self._db.select_graph(self._graph_name)

    def _revived(self, action: Callable[[], T]) -> T:
        """Run ``action``; if the embedded server died, start it again, say so, retry once.

        The restart loses nothing (the append-only file), but retrying what killed the
        server would kill it again: a death from memory, or a second death, is an error.
        """
        try:
            return action()
        except redis.ConnectionError:
            if self._server is None:
                raise
            reason = self._server.revive()
            self._connect(unix_socket_path=str(self._server.socket))
            if reason is None:  # another user of the server had restarted it already
                return action()
            notice = (f"The embedded database server had stopped; trendgraph restarted it at "
                      f"{strftime('%H:%M:%S')} with every write it had acknowledged.")
            self.notices.append(notice)
            log.warning(notice)
            if reason == "memory":
                raise StoreError(memory_message(self._server.path, "ran out of memory")) from None
            now = monotonic()
            self._revivals = [t for t in self._revivals if now - t < REVIVAL_WINDOW] + [now]
            if len(self._revivals) > MAX_REVIVALS:
                raise StoreUnavailable(Errors.EMBEDDED_DIES.format(
                    path=self._server.path, count=len(self._revivals),
                    minutes=REVIVAL_WINDOW / 60, logfile=self._server.logfile)) from None
            return action()

    def ensure_alive(self) -> None:
        """Ping the server, restarting a dead embedded one (and noting it) before real work."""
        self._revived(self._db.connection.ping)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One writing process at a time on an embedded file; past maxmemory, a clear error."""
        try:
            if self._server is None:
                yield
                return
            with self._server.writer():
                yield
        except redis.exceptions.OutOfMemoryError as exc:  # a write past maxmemory, refused
            if self._server is None:
                raise
            raise StoreError(memory_message(self._server.path, "refused a write")) from exc

    def _run_batch(self, statements: Sequence[Statement]) -> None:
        def run() -> None:
            for text, params in statements:
                self._graph.query(text, params)

        with self._writing():
            self._revived(run)

    def _run_atomic(self, doc_ids: list[str], plan: Callable[[set[str]], list[Statement]]) -> None:
        """MULTI/EXEC under WATCH: the unit runs whole or not at all.

        FalkorDB has no rollback, but Redis runs a MULTI block only once EXEC has
        arrived, so a writer killed mid-batch leaves nothing; WATCH on the graph
        key makes EXEC fail when another client wrote in between our check of the
        documents and the commit, and the unit is planned again.
        """
        with self._writing():
            try:
                self._revived(lambda: self._atomic(doc_ids, plan))
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                raise StoreUnavailable(Errors.FALKORDB_LOST.format(
                    location=self.location, reason=exc)) from exc
            except redis.RedisError as exc:
                if self._server is not None and isinstance(exc, redis.exceptions.OutOfMemoryError):
                    raise  # _writing names the limit and its setting
                raise StoreError(Errors.FALKORDB_REFUSED.format(reason=exc)) from exc

    def _atomic(self, doc_ids: list[str], plan: Callable[[set[str]], list[Statement]]) -> None:
        key = self._graph.name
        for _ in range(CONFLICT_RETRIES):
            with self._db.connection.pipeline(transaction=True) as pipe:
                pipe.watch(key)
                statements = plan(self._existing(pipe, doc_ids))
                pipe.multi()
                for text, params in statements:
                    pipe.execute_command("GRAPH.QUERY", key, _with_params(text, params),
                                         "--compact")
                try:
                    results = pipe.execute(raise_on_error=False)
                except WatchError:
                    sleep(random.uniform(0.01, 0.2))
                    continue
            failures = [str(r) for r in results if isinstance(r, Exception)]
            if failures:
                raise StoreError(Errors.FALKORDB_STATEMENT.format(reason=failures[0]))
            return
        raise StoreError(Errors.WRITERS_CONFLICT.format(tries=CONFLICT_RETRIES, reason=""))

    def _existing(self, pipe: Any, doc_ids: list[str]) -> set[str]:
        """Read on the watching connection itself: one connection per store, always."""
        if not doc_ids:
            return set()
        text = _with_params(cypher.EXISTING_DOCUMENTS, {"ids": doc_ids})
        found = FalkorResult(self._graph, pipe.execute_command("GRAPH.RO_QUERY", self._graph.name,
                                                               text, "--compact"))
        return {row[0] for row in found.result_set}

    def _read(
        self, cypher_text: str, params: dict[str, Any], *, limit: int, timeout: float
    ) -> QueryResult:
        if limit < RESULTSET_SIZE:  # the server sends a whole result: cap it there (+1: truncated?)
            cypher_text = with_row_cap(cypher_text, max(0, limit) + 1)
        try:
            response = self._revived(lambda: self._ro_query(cypher_text, params, timeout))
            columns, rows, count = records(response, self._graph, limit)
        except QueryError:
            raise
        except Exception as exc:
            message = str(exc)
            if "read-only" in message or "RO_QUERY" in message:
                raise ReadOnlyError(Errors.READ_ONLY) from exc
            if "timed out" in message.lower() or "timeout" in message.lower():
                raise QueryError(Errors.QUERY_TIMEOUT.format(timeout=timeout)) from exc
            if "mem consumption exceeded" in message:
                raise QueryError(Errors.QUERY_MEMORY) from exc
            raise QueryError(Errors.QUERY_FAILED.format(reason=message)) from exc
        truncated = count > limit or count >= RESULTSET_SIZE
        return QueryResult(columns=columns, rows=rows, truncated=truncated)

    def _ro_query(self, cypher_text: str, params: dict[str, Any], timeout: float) -> list:
        """The server's compact reply (kg.store.falkordb_values reads it)."""
        try:
            return self._timed_ro_query(cypher_text, params, timeout)
        except redis.ResponseError as exc:
            if "empty key" not in str(exc):
                raise
            # A never-written graph has no key yet, and RO_QUERY refuses to create one;
            # create it (empty) so `RETURN 1` answers as on Neo4j, then read again.
            self._graph.query("RETURN 1")
            return self._timed_ro_query(cypher_text, params, timeout)

    def _timed_ro_query(self, cypher_text: str, params: dict[str, Any], timeout: float) -> list:
        """GRAPH.RO_QUERY with the server's timeout, and a client deadline behind it."""
        query = self._graph._build_params_header(params) + cypher_text
        command = ["GRAPH.RO_QUERY", self._graph_name, query, "--compact",
                   "timeout", max(1, int(timeout * 1000))]
        pool = self._db.connection.connection_pool
        connection = pool.get_connection()
        try:
            connection.send_command(*command)
            response = connection.read_response(
                timeout=timeout * DEADLINE_FACTOR + DEADLINE_GRACE)
        except redis.TimeoutError as exc:
            connection.disconnect()  # the server missed its timeout: drop the query's reply
            raise QueryError(Errors.QUERY_DEADLINE.format(timeout=timeout)) from exc
        finally:
            pool.release(connection)
        return checked(response)

    def _counts(self) -> tuple[list, list]:
        """Nodes per label and links per type from FalkorDB's own counters (db.meta.stats):
        19 ms at a million links, where counting them took 5.5 s (the app's sidebar).
        A server without the procedure (an older FalkorDB) has them counted."""
        try:
            row = self._read(META_STATS, {}, limit=1, timeout=60.0).first() or {}
        except QueryError:
            return super()._counts()
        return sorted((row.get("labels") or {}).items()), sorted((row.get("types") or {}).items())

    def _create_schema(self) -> None:
        """Indexes and constraints (each kept if it exists), again whole if the server died."""
        schema = cypher.falkordb_schema(self.ontology)

        def create() -> None:
            for text in schema.statements:
                _ignore_existing(lambda t=text: self._graph.query(t))
            for label, key in schema.unique_keys:
                _ignore_existing(
                    lambda lb=label, k=key: self._graph.create_node_unique_constraint(lb, k))

        self._revived(create)

    def _drop_all(self) -> None:
        self._constraints_settled()
        try:
            self._graph.delete()
        except Exception as exc:
            if "empty key" not in str(exc) and "not exist" not in str(exc):
                raise

    def _constraints_settled(self) -> None:
        """Wait until no constraint is still being enforced before the graph is deleted.

        FalkorDB announces a constraint again in the append-only file once its
        enforcement ends (a server replaying the file enforces every constraint anew);
        an announcement landing after the deletion names labels the replay no longer
        has, and the next server to read the file crashed (seen once under load).
        """
        deadline = monotonic() + CONSTRAINT_WAIT
        while monotonic() < deadline:
            try:
                rows = self._graph.ro_query(CONSTRAINT_STATES).result_set
            except redis.ResponseError:
                return  # no graph yet
            if all(status != "UNDER CONSTRUCTION" for (status,) in rows):
                return
            sleep(0.01)

    def close(self) -> None:
        """Release this handle; the embedded server stops when its last user closes."""
        self._db.connection.close()
        if self._server is not None:
            self._server.release()


def _with_params(text: str, params: dict[str, Any]) -> str:
    """The ``CYPHER name=value …`` header FalkorDB reads its parameters from."""
    header = " ".join(f"{name}={stringify_param_value(value)}" for name, value in params.items())
    return f"CYPHER {header} {text}" if header else text


def _ignore_existing(action: Any) -> None:
    try:
        action()
    except Exception as exc:
        if "already" not in str(exc).lower():
            raise
