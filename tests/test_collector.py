"""The cyclic garbage collector held off while a view is built (kg.subgraph.collector)."""

from __future__ import annotations

import gc
import threading

import pytest

from kg.subgraph.collector import collector_held


@pytest.fixture(autouse=True)
def _enabled():
    gc.enable()
    yield
    gc.enable()


def test_collector_held_inside_and_enabled_again_after_even_on_error() -> None:
    with collector_held():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_held():
        print(1 / 0)
    assert gc.isenabled()


def test_collector_stays_held_until_the_last_view_in_flight_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def other_view() -> None:
        with collector_held():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other_view)
    with collector_held():
        thread.start()
        inside.wait(10)
    assert not gc.isenabled()  # the other thread's view is still being built
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_collector_a_program_that_disabled_it_keeps_it_disabled() -> None:
    gc.disable()
    with collector_held(), collector_held():
        pass
    assert not gc.isenabled()
