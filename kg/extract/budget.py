"""A time budget for extraction, so one pathological document cannot stall a batch.

The pattern rules are written to run in linear time (tests/test_reliability_patterns.py
fuzzes them), but a rule added tomorrow, or an input nobody foresaw, could still
take minutes. So every batch runs under a budget sized from its text: a base
plus an allowance per character, far above what normal text needs (about 50×
the extractor's speed on this machine under load). When a batch overruns,
``kg.extract.engines`` extracts its documents one by one, each under its own
budget, and reports the one that overran by name; the rest goes on.

How the work is interrupted depends on the thread:
- in a main thread (the CLI, every process-pool worker) a SIGALRM timer raises
  ``BudgetExceeded``; Python's regex engine checks for signals as it runs, so even
  a backtracking pattern stops;
- in any other thread (the Streamlit app, Dask worker threads) a watchdog thread
  raises it asynchronously in the working thread, which sees it at its next
  Python step (spaCy's components are Python between their compiled loops).
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

BASE_SECONDS = 20.0
"""Seconds any batch (or document) may take, whatever its length
(``TRENDGRAPH_EXTRACT_BUDGET`` overrides it)."""
SECONDS_PER_CHAR = 0.001
"""Extra allowance per character of text, 1,000 characters a second
(``TRENDGRAPH_EXTRACT_BUDGET_PER_CHAR``)."""


class BudgetExceeded(Exception):
    """Extraction ran past its time budget."""


def budget_for(chars: int, *, base: float | None = None,
               per_char: float | None = None) -> float:
    """The seconds a batch of ``chars`` characters may take."""
    if base is None:
        base = float(os.environ.get("TRENDGRAPH_EXTRACT_BUDGET") or BASE_SECONDS)
    if per_char is None:
        per_char = float(os.environ.get("TRENDGRAPH_EXTRACT_BUDGET_PER_CHAR") or SECONDS_PER_CHAR)
    return base + chars * per_char


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``BudgetExceeded`` inside the block once it has run ``seconds``."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """A SIGALRM timer; any timer already set (pytest-timeout's) is restored after."""
    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise BudgetExceeded

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, expire)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            left = max(previous_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, previous_interval)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    """A thread that raises ``BudgetExceeded`` in this thread when the block overruns."""
    target = threading.get_ident()
    done = threading.Event()
    lock = threading.Lock()
    fired = False

    def watch() -> None:
        nonlocal fired
        if done.wait(seconds):
            return
        with lock:
            if not done.is_set():
                fired = True
                _raise_in(target, BudgetExceeded)

    watcher = threading.Thread(target=watch, name="extract-budget", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            if fired:  # the block ended (or is ending) anyway: drop an exception still pending
                _raise_in(target, None)
        watcher.join()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """CPython's documented way to raise in another thread (None clears a pending one)."""
    setter: Callable[..., int] = ctypes.pythonapi.PyThreadState_SetAsyncExc
    setter(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)
