"""Rebuilding read models from zero: large transactions, secondary indexes built once after the
load instead of kept up row by row, the garbage collector held back, and the database's own bulk
settings (SQLite: kit.sqlite.readmodel.ReadModelDb.bulk_settings) when it has any.

Nothing here weakens exactly-once: each batch still commits its read-model rows together with the
checkpoints. An index deferred by a rebuild that crashes is created by the next start
(`ProjectionRunner` runs every projection's DDL, `CREATE INDEX IF NOT EXISTS` included).
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

REBUILD_BATCH = 20_000  # events per transaction while rebuilding (live catch-up keeps its own)

_INDEX = re.compile(r"^\s*CREATE\s+(UNIQUE\s+)?INDEX\b", re.IGNORECASE)


def split_ddl(ddl: str) -> tuple[list[str], list[str]]:
    """(tables and everything else, secondary indexes) of a projection's DDL."""
    statements = [s.strip() for s in ddl.split(";") if s.strip()]
    return ([s for s in statements if not _INDEX.match(s)],
            [s for s in statements if _INDEX.match(s)])


_GC_LOCK = threading.Lock()
_GC_STATE: dict[str, Any] = {"rebuilds": 0, "thresholds": gc.get_threshold()}


@contextmanager
def fewer_collections(threshold: int = 50_000) -> Iterator[None]:
    """Python's cyclic GC less often while a rebuild allocates (and keeps) a batch's objects: at
    the default threshold it walks them again and again (10-20 % of a rebuild). Process-wide,
    so only while some rebuild runs; reference counting still frees everything acyclic."""
    with _GC_LOCK:
        if _GC_STATE["rebuilds"] == 0:
            _GC_STATE["thresholds"] = first, *rest = gc.get_threshold()
            gc.set_threshold(max(threshold, first), *rest)
        _GC_STATE["rebuilds"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["rebuilds"] -= 1
            if _GC_STATE["rebuilds"] == 0:
                gc.set_threshold(*_GC_STATE["thresholds"])


def bulk_settings(db: Any) -> AbstractContextManager[Any]:
    """The read-model database's settings for a bulk load while one runs; none when it offers
    none (PostgreSQL's is left as it is)."""
    settings = getattr(db, "bulk_settings", None)
    return settings() if settings is not None else nullcontext()
