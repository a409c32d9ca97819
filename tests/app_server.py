"""Waiting for a Streamlit app started by a test (the browser and reliability tests)."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

import pytest


def wait_healthy(url: str, process: subprocess.Popen, log: Path | None = None,
                 seconds: float = 90) -> None:
    """Return once ``url`` answers Streamlit's health check; fail the test, with the log
    when there is one, if ``process`` exits or ``seconds`` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app ({url}) exited with {process.returncode}{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the app did not answer on {url} within {seconds:g} s{_tail(log)}")


def _tail(log: Path | None) -> str:
    return f":\n{log.read_text()}" if log is not None and log.exists() else ""
