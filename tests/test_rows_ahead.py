"""``kg.store.rows.ahead``: each batch prepared in order, the next one in a thread."""

from __future__ import annotations

import threading

import pytest

from kg.store.rows import ahead


@pytest.mark.parametrize("threaded", [False, True])
def test_ahead_yields_each_batch_prepared_in_order(threaded: bool) -> None:
    assert list(ahead(lambda n: n * 10, [1, 2, 3, 4], threaded=threaded)) == [10, 20, 30, 40]
    assert list(ahead(str, [], threaded=threaded)) == []


def test_ahead_prepares_the_next_batch_while_the_caller_holds_this_one() -> None:
    next_ready = threading.Event()

    def prepare(n: int) -> int:
        if n == 2:
            next_ready.set()
        return n

    batches = ahead(prepare, [1, 2], threaded=True)
    assert next(batches) == 1
    assert next_ready.wait(timeout=30)  # batch 2 is prepared before the caller asks for it
    assert list(batches) == [2]


def test_ahead_raises_a_failed_batch_when_the_caller_reaches_it() -> None:
    def prepare(n: int) -> int:
        if n == 2:
            raise ValueError("bad batch")
        return n

    batches = ahead(prepare, [1, 2, 3], threaded=True)
    assert next(batches) == 1
    with pytest.raises(ValueError, match="bad batch"):
        next(batches)
