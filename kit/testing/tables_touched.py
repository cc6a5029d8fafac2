"""Which tables each projection touches while it applies events: what a projection's
`uses_tables_of` must name for a rebuild to share it with a helper process safely
(kit.projections.rebuilding.share)."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from kit.projections.runner import ProjectionRunner


def tables_touched(runner: ProjectionRunner) -> set[tuple[str, str]]:
    """(projection, table) for every table of the runner's projections that each one read or
    wrote while `runner` rebuilt them all. The runner's read-model database must be a fresh
    SQLite one: SQLite asks its authorizer only when it prepares a statement, and a connection
    that ran one before keeps it prepared."""
    owner = {table: p.name for p in runner.projections for table in getattr(p, "tables", ())}
    applying: list[str] = []
    touched: set[tuple[str, str]] = set()

    def authorise(_action: int, table: str | None, *_: Any) -> int:
        if applying and table in owner:
            touched.add((applying[-1], table))
        return sqlite3.SQLITE_OK

    rebuild_watched(runner, applying, "set_authorizer", authorise)
    return touched


def rebuild_watched(runner: ProjectionRunner, applying: list[str], hook: str,
                    watcher: Callable[..., Any]) -> None:
    """`runner` rebuilds every projection with `watcher` set on its SQLite connection through
    `hook` (e.g. "set_trace_callback") and `applying` naming the projection applying events
    while it is called; unset after."""
    setter = getattr(runner.db.conn, hook)
    setter(watcher)
    try:
        with traced_while_applying(runner, applying):
            runner.rebuild()
    finally:
        setter(None)


@contextlib.contextmanager
def traced_while_applying(runner: ProjectionRunner, applying: list[str]) -> Iterator[None]:
    """Inside, `applying` names the projection applying events (empty between them): each
    projection's `handle` and `handle_batch` wrapped, and put back after."""
    originals = []
    for p in runner.projections:
        for method in ("handle", "handle_batch"):
            if hasattr(p, method):
                originals.append((p, method, p.__dict__.get(method)))
                setattr(p, method, _traced(getattr(p, method), p.name, applying))
    try:
        yield
    finally:
        for p, method, own in originals:
            if own is None:
                delattr(p, method)
            else:
                setattr(p, method, own)


def undeclared(runner: ProjectionRunner, touched: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The touches of another projection's tables that the toucher's `uses_tables_of` does not
    name (a projection without one may touch any)."""
    owner = {table: p.name for p in runner.projections for table in getattr(p, "tables", ())}
    by_name = {p.name: p for p in runner.projections}
    return {(name, table) for name, table in touched
            if owner[table] != name and hasattr(by_name[name], "uses_tables_of")
            and owner[table] not in by_name[name].uses_tables_of}


def _traced(method: Callable[..., Any], name: str, applying: list[str]) -> Callable[..., Any]:
    @functools.wraps(method)
    def traced(*args: Any, **kwargs: Any) -> Any:
        applying.append(name)
        try:
            return method(*args, **kwargs)
        finally:
            applying.pop()
    return traced
