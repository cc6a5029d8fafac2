"""Python's cyclic garbage collector run less often while a batch's objects are made and kept.

At the default threshold (a young collection every 700 new container objects) a loop that keeps
thousands of objects alive walks them again and again, and the older collections those trigger
walk the whole heap: 10-20 % of a rebuild, ~15 % of the relay's rate (docs/benchmarks.md).
Reference counting still frees at once everything that is not a cycle; cycles wait longer.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_inside = 0  # callers inside fewer_collections, across threads
_saved = gc.get_threshold()  # the thresholds to put back when the last one leaves


@contextmanager
def fewer_collections(threshold: int = 50_000) -> Iterator[None]:
    """The young generation's threshold at least `threshold` while any caller is inside: the
    setting is the process's, so the first to enter saves it and the last to leave puts it back."""
    global _inside, _saved
    with _lock:
        if _inside == 0:
            _saved = first, *rest = gc.get_threshold()
            gc.set_threshold(max(threshold, first), *rest)
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_saved)


def keep_startup_for_good() -> None:
    """What a long-running process built before it serves (modules, services, read models caught
    up) out of the collector's sight: a full collection no longer walks it. Garbage goes first,
    or it would stay for good. Measured in gateway/server.serve and bench/commands.py."""
    gc.collect()
    gc.freeze()
