"""Serve the Streamlit explorer as a child process that never outlives `trendgraph app`.

Streamlit has no login, so the app listens on 127.0.0.1 unless told otherwise,
and any other address needs the shared secret in TRENDGRAPH_APP_PASSWORD, which
kg/app/auth.py asks for before showing anything. SIGINT and SIGTERM are passed
on to the Streamlit child; it exits cleanly, and with it the lease it holds on
the embedded store's server (the last user's exit stops that server).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from kg.errors import Errors, TrendgraphError

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
PASSWORD_VARIABLE = "TRENDGRAPH_APP_PASSWORD"
STOP_WAIT = 15.0
APP = Path(__file__).resolve().parent.parent / "app.py"


def check_host(host: str) -> None:
    """Refuse to serve beyond this machine without a shared secret."""
    if host not in LOCAL_HOSTS and not os.environ.get(PASSWORD_VARIABLE):
        raise TrendgraphError(Errors.SERVE_OPEN_HOST.format(host=host, variable=PASSWORD_VARIABLE))


def streamlit_command(*, port: int, host: str, headless: bool) -> list[str]:
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
               "--server.address", host, "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "viewer"]
    if headless:
        command += ["--server.headless", "true"]
    return command


def serve(*, store_uri: str, port: int, host: str, headless: bool) -> int:
    """Run Streamlit until it exits or this process is asked to stop; its exit code."""
    check_host(host)
    env = {**os.environ, "TRENDGRAPH_STORE": store_uri}
    child = subprocess.Popen(streamlit_command(port=port, host=host, headless=headless),
                             env=env)

    def forward(signum: int, _frame: FrameType | None) -> None:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while True:
            try:
                return child.wait()
            except subprocess.TimeoutExpired:  # pragma: no cover - wait() has no timeout
                continue
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _stop(child)


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=STOP_WAIT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
