"""A document that overruns its time budget is named, and the rest of its batch is stored
(issue 10, item 5: a pathological document cannot stall the batch).

The budget is lowered through the environment so a long but ordinary text stands in
for a pathological one: the same path a backtracking rule would take.
"""

from __future__ import annotations

import threading
import time

import pytest

from kg.extract.budget import BudgetExceeded, time_budget
from kg.extract.engines import extract_chunk
from kg.model import Document, document_id

SHORT = ("Mermaidcore is hugely popular with Gen Z on TikTok.",
         "Girl Math keeps trending with millennials on Instagram.")
ENDLESS = " ".join(["Gen Z shares Mermaidcore looks on TikTok and Instagram every day."] * 12_000)


def _document(text: str, source: str) -> Document:
    return Document(id=document_id(text), text=text, source=source, lang="en")


@pytest.fixture
def tight_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Three seconds a batch or document, whatever its length."""
    monkeypatch.setenv("TRENDGRAPH_EXTRACT_BUDGET", "3")
    monkeypatch.setenv("TRENDGRAPH_EXTRACT_BUDGET_PER_CHAR", "0")


def _batch() -> list[Document]:
    return [_document(SHORT[0], "first.txt"), _document(ENDLESS, "endless.txt"),
            _document(SHORT[1], "last.txt")]


def _check(result) -> None:
    assert [source for source, _ in result.failures] == ["endless.txt"]
    assert "time budget" in result.failures[0][1]
    assert sorted(e.document.source for e in result.extractions) == ["first.txt", "last.txt"]


@pytest.mark.slow
def test_budget_names_the_document_that_overran_and_keeps_the_rest(tight_budget) -> None:
    started = time.monotonic()
    result = extract_chunk(_batch())
    print(f"\nbatch with an overrunning document done in {time.monotonic() - started:.1f} s")
    _check(result)


@pytest.mark.slow
def test_budget_holds_in_a_thread_as_the_app_runs_it(tight_budget) -> None:
    """The app extracts uploads in its script thread, where no signal can be set."""
    results = []
    worker = threading.Thread(target=lambda: results.append(extract_chunk(_batch())))
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive()
    _check(results[0])


def test_budget_restores_an_alarm_set_before_it() -> None:
    """pytest-timeout and other callers may have their own SIGALRM timer running."""
    import signal

    signal.setitimer(signal.ITIMER_REAL, 50)
    try:
        with time_budget(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 45 < left <= 50
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_budget_stops_pure_python_work_in_a_thread() -> None:
    outcome = []

    def spin() -> None:
        try:
            with time_budget(0.5):
                while True:
                    pass
        except BudgetExceeded:
            outcome.append("stopped")

    worker = threading.Thread(target=spin)
    worker.start()
    worker.join(timeout=10)
    assert outcome == ["stopped"]
