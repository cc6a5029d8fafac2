"""The garbage collector's threshold is raised while any caller is inside fewer_collections, on
any thread, and put back as it was when the last one leaves, even on an error. What a process
built before it serves is kept out of the collector's sight, its garbage collected first."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from kit.collections_paced import fewer_collections, keep_startup_for_good


@pytest.fixture(autouse=True)
def thresholds():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_raised_inside_and_put_back_after():
    with fewer_collections(5_000):
        assert gc.get_threshold() == (5_000, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_threshold_already_higher_is_kept():
    gc.set_threshold(90_000, 10, 10)
    with fewer_collections(5_000):
        assert gc.get_threshold()[0] == 90_000
    assert gc.get_threshold() == (90_000, 10, 10)


def test_put_back_only_when_the_last_of_overlapping_callers_leaves():
    inside, leave = threading.Event(), threading.Event()

    def other():
        with fewer_collections(5_000):
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    assert inside.wait(5)
    with fewer_collections(5_000):
        pass
    assert gc.get_threshold()[0] == 5_000  # the other thread is still inside
    leave.set()
    thread.join(5)
    assert gc.get_threshold() == (700, 10, 10)


def test_put_back_after_an_error():
    with pytest.raises(RuntimeError), fewer_collections(5_000):
        raise RuntimeError("inside")
    assert gc.get_threshold() == (700, 10, 10)


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_what_startup_built_is_kept_out_of_sight_and_its_garbage_collected_first():
    kept = _Node()
    cycle = _Node()
    cycle.other = cycle  # garbage only the cyclic collector frees
    gone = weakref.ref(cycle)
    del cycle
    try:
        keep_startup_for_good()
        assert gone() is None  # collected, not frozen for good
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())  # a full collection skips it
    finally:
        gc.unfreeze()
    assert any(o is kept for o in gc.get_objects())
