"""Python's cyclic garbage collector held off while a view is built.

A hub's 80-node view allocates tens of thousands of short-lived objects (rows, list
entries, links, evidence); refcounting frees nearly all of them, but mid-view the
collector runs about ten young collections a view, promotes the temporaries alive
at that moment, and so triggers a full collection every few views: in bench/hub.py's
process 2 of 20 views spent 42-46 ms of CPU in one (the others 1-2 ms), which is
the 95th percentile of a 50 ms target. Held off for the view, the temporaries are
gone before the collector next runs; nothing is skipped, a collection runs later
if one is due. Threads share the collector: it is re-enabled when the last view
in flight ends, and left alone if the program had disabled it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_held = 0
_restore = False


@contextmanager
def collector_held() -> Iterator[None]:
    """No automatic cyclic collection inside (nesting and threads allowed)."""
    global _held, _restore
    with _LOCK:
        if _held == 0:
            _restore = gc.isenabled()
            gc.disable()
        _held += 1
    try:
        yield
    finally:
        with _LOCK:
            _held -= 1
            if _held == 0 and _restore:
                gc.enable()
