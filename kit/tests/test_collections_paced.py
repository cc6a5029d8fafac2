"""The garbage collector's threshold is raised while any caller is inside fewer_collections, on
any thread, and put back as it was when the last one leaves, even on an error."""

from __future__ import annotations

import gc
import threading

import pytest

from kit.collections_paced import fewer_collections


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
