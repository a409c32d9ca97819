"""The embedded store's server: one per file, owned by the processes using it (issue 10, item 1).

Other processes are real ``python`` processes started here (a stand-in for the app
holding the store, a second CLI); every process a test kills is one it started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Document, Entity, Extraction, Mention
from kg.store import open_store
from kg.store.embedded import EmbeddedServer

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
pytestmark = pytest.mark.slow  # processes sharing a server; see the marker in pyproject.toml

# A process that opens the store, prints its server's pid, then answers commands on stdin
# ("count", "write NAME", "exit") until stdin closes; the app does the same over its life.
HOLDER = textwrap.dedent("""
    import json, sys
    from kg.model import Document, Entity, Extraction, Mention
    from kg.store import open_store
    store = open_store(sys.argv[1])
    print(json.dumps({"pid": store._server.pid()}), flush=True)
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "count":
            rows = store.query("MATCH (t:Trend) RETURN count(t)").scalar()
            print(json.dumps({"trends": rows}), flush=True)
        elif command == "write":
            doc = Document(id="doc:" + arg, text=arg, source=arg + ".txt")
            found = [Mention(arg, 0, len(arg), 0)]
            store.write([Extraction(doc, [Entity("Trend", arg, [], found)])])
            print(json.dumps({"wrote": arg}), flush=True)
        elif command == "exit":
            break
    store.close()
    print(json.dumps({"closed": True}), flush=True)
""")


class Holder:
    """Another process holding the store open, driven line by line."""

    def __init__(self, store: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(store)], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.server_pid = self._answer()["pid"]

    def _answer(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"holder died: {self.process.stderr.read()}")
        return json.loads(line)

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        if self.process.poll() is None:
            self.ask("exit")
            self.process.wait(timeout=30)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def _trend(store, name: str) -> None:
    doc = Document(id=f"doc:{name}", text=name, source=f"{name}.txt")
    store.write([Extraction(doc, [Entity("Trend", name, [], [Mention(name, 0, len(name), 0)])])])


def _stopped(server: EmbeddedServer, pid: int) -> bool:
    deadline = time.monotonic() + 15
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return not server.socket.exists() and not server.pidfile.exists()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "graph.db"


@pytest.fixture
def holder(store_path: Path):
    started = Holder(store_path)
    yield started
    if started.process.poll() is None:
        started.kill()
    server = EmbeddedServer(store_path)
    if pid := server.pid():  # a test that failed half-way: stop the server it started
        psutil.Process(pid).kill()


def test_lifecycle_cli_command_leaves_the_server_of_another_process_running(holder, store_path):
    holder.ask("write Mermaidcore")
    result = runner.invoke(app, ["stats", "--json", "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["labels"]["Trend"] == 1
    assert psutil.pid_exists(holder.server_pid)
    assert holder.ask("count") == {"trends": 1}  # the "app" still reads after the CLI left


def test_lifecycle_last_process_to_close_stops_the_server(holder, store_path):
    server = EmbeddedServer(store_path)
    with open_store(str(store_path)) as mine:
        assert mine._server.pid() == holder.server_pid  # one server for the file
    assert psutil.pid_exists(holder.server_pid)
    holder.close()
    assert _stopped(server, holder.server_pid)


def test_lifecycle_cli_write_with_the_app_open_reaches_the_file(holder, store_path):
    with open_store(str(store_path)) as cli:
        _trend(cli, "Girl Math")
    os.kill(holder.server_pid, signal.SIGKILL)  # the server the test's holder started
    holder.kill()
    with open_store(str(store_path)) as reopened:
        assert reopened.query("MATCH (t:Trend) RETURN t.name").rows == [["Girl Math"]]


def test_lifecycle_killed_user_does_not_keep_the_server_forever(holder, store_path):
    holder.kill()  # kill -9: its lease goes with it
    server = EmbeddedServer(store_path)
    with open_store(str(store_path)) as mine:
        assert mine._server.pid() == holder.server_pid  # the orphan is reused, not doubled
    assert _stopped(server, holder.server_pid)


def test_lifecycle_dead_server_is_restarted_and_the_store_says_so(store_path):
    with open_store(str(store_path)) as store:
        _trend(store, "Mermaidcore")
        old = store._server.pid()
        os.kill(old, signal.SIGKILL)
        assert store.query("MATCH (t:Trend) RETURN count(t)").scalar() == 1
        assert store._server.pid() not in (0, old)
        assert "restarted" in store.notices[0]


def test_lifecycle_stale_socket_and_pid_file_do_not_break_the_next_open(store_path):
    server = EmbeddedServer(store_path.resolve())
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    server.pidfile.write_text(f"{dead.pid}\n")
    server.socket.write_text("")  # a socket file left by a crash
    with open_store(str(store_path)) as store:
        assert store.query("RETURN 1").scalar() == 1
        assert store._server.pid() != dead.pid


def test_lifecycle_processes_opening_at_once_share_one_server(store_path):
    script = ("import json, sys, time\nfrom kg.store import open_store\n"
              "s = open_store(sys.argv[1]); print(s._server.pid(), flush=True)\n"
              "time.sleep(2); s.close()")
    starters = [subprocess.Popen([sys.executable, "-c", script, str(store_path)], cwd=ROOT,
                                 text=True, stdout=subprocess.PIPE) for _ in range(4)]
    pids = {int(p.communicate(timeout=60)[0].strip()) for p in starters}
    assert len(pids) == 1
    assert _stopped(EmbeddedServer(store_path), pids.pop())


def test_lifecycle_second_writer_waits_with_a_message(store_path, caplog):
    server = EmbeddedServer(store_path)
    blocker = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
         "from kg.store.embedded import EmbeddedServer\n"
         "with EmbeddedServer(Path(sys.argv[1])).writer():\n"
         "    print('holding', flush=True); time.sleep(2)", str(store_path)],
        cwd=ROOT, text=True, stdout=subprocess.PIPE)
    assert blocker.stdout.readline().strip() == "holding"
    started = time.monotonic()
    with open_store(str(store_path)) as store, caplog.at_level("WARNING"):
        _trend(store, "Mermaidcore")
        assert store.query("MATCH (t:Trend) RETURN count(t)").scalar() == 1
    assert time.monotonic() - started >= 1.0
    assert "Another process is writing" in caplog.text
    blocker.wait(timeout=10)
    assert not server.pid()
