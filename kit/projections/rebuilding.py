"""Rebuilding read models from zero: large transactions, secondary indexes built once after the
load instead of kept up row by row, the garbage collector held back (kit.collections_paced),
and the database's own bulk settings (SQLite: kit.sqlite.readmodel.ReadModelDb.bulk_settings)
when it has any.

Nothing here weakens exactly-once: each batch still commits its read-model rows together with the
checkpoints. An index or trigger deferred by a rebuild that crashes is created by the next start
(`ProjectionRunner` runs every projection's DDL, `CREATE ... IF NOT EXISTS` included, and with
it the statements that fill again what a trigger keeps).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, NamedTuple, Protocol

from kit.collections_paced import fewer_collections

REBUILD_BATCH = 20_000  # events per transaction while rebuilding (live catch-up keeps its own)

# what a rebuild does after the load: secondary indexes, triggers (kept off while the rows go in
# at once) and the statements that fill what those triggers would have kept
_AFTER_LOAD = re.compile(r"^\s*(CREATE\s+(UNIQUE\s+)?INDEX|CREATE\s+(OR\s+REPLACE\s+)?TRIGGER"
                         r"|INSERT|DELETE|UPDATE)\b", re.IGNORECASE)


def statements(ddl: str) -> list[str]:
    """A DDL script's statements, each trigger's BEGIN … END whole: cut at a semicolon only
    where SQLite's own tokenizer (sqlite3.complete_statement) says a statement ends, which also
    passes over semicolons in quotes and comments."""
    out: list[str] = []
    pending = ""
    for piece in ddl.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            statement = pending.strip().removesuffix(";").strip()
            if statement:
                out.append(statement)
            pending = ""
    if pending.strip().removesuffix(";").strip():
        raise ValueError(f"an unfinished statement ends the DDL: {pending.strip()[:60]!r}")
    return out


_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?([\w.]+)", re.IGNORECASE)


def created_tables(ddl: str) -> tuple[str, ...]:
    """The tables a DDL script creates, in its order."""
    return tuple(m.group(2) for m in map(_TABLE.match, statements(ddl)) if m)


_INDEX = re.compile(r"^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(IF\s+NOT\s+EXISTS\s+)?([\w.]+)",
                    re.IGNORECASE)


class SplitDdl(NamedTuple):
    """A projection's DDL in the order a rebuild runs it."""

    tables: list[str]  # the tables, and whatever else is not left for after the load
    lookups: list[str]  # the indexes its handlers find rows by while they load (`lookup_indexes`)
    after_load: list[str]  # other indexes, triggers and the statements filling what they keep


def split_ddl(ddl: str, lookup_indexes: Collection[str] = ()) -> SplitDdl:
    """A projection's DDL split for a rebuild. Left for after the load, each lookup by an index
    its handlers use would scan the table being loaded: those (`lookup_indexes`) are made before
    the load by the process that loads the table, and by no one else (a table copied in from a
    helper gets them after, with the others)."""
    parts = statements(ddl)
    named = {m.group(3) for m in map(_INDEX.match, parts) if m}
    unknown = sorted(set(lookup_indexes) - named)
    if unknown:
        raise ValueError(f"no index {unknown[0]} in the DDL to create with the tables")
    out = SplitDdl([], [], [])
    for statement in parts:
        index = _INDEX.match(statement)
        if index is not None and index.group(3) in lookup_indexes:
            out.lookups.append(statement)
        elif _AFTER_LOAD.match(statement):
            out.after_load.append(statement)
        else:
            out.tables.append(statement)
    return out


class Started(Protocol):
    """Helpers at work on their share of a rebuild."""

    def finish(self, db: Any) -> int:
        """Wait for every helper and take its read models into `db` (their tables, checkpoints
        and dead letters); returns how many (projection, event) applications they made."""

    def close(self) -> None:
        """Stop whatever still runs and remove what the helpers wrote (after finish, or on
        failure instead of it)."""


class Helpers(Protocol):
    """Processes that rebuild part of a runner's read models beside it
    (kit.sqlite.rebuild_apart)."""

    def share(self, runner: Any, projections: Sequence[Any]) -> list[list[Any]]:
        """The projections split: the runner's own first, then one group per helper to start
        (just `[projections]` where sharing would not pay)."""

    def start(self, groups: Sequence[Sequence[Any]], batch_size: int) -> Started: ...


def bulk_settings(db: Any) -> AbstractContextManager[Any]:
    """The read-model database's settings for a bulk load while one runs; none when it offers
    none (PostgreSQL's is left as it is)."""
    settings = getattr(db, "bulk_settings", None)
    return settings() if settings is not None else nullcontext()


def share(projections: Sequence[Any], parts: int,
          movable: Callable[[Any], bool]) -> list[list[Any]]:
    """The projections split into at most `parts` groups of about equal rebuild weight, for a
    rebuild shared between processes: group 0 stays with the caller and keeps every projection
    `movable` refuses. A projection's `uses_tables_of` (the projections whose tables its
    handlers read or write; `()` for none but its own) keeps those with it, and one that does
    not say may touch any, so it keeps them all together; its `rebuild_weight` (default 1) is
    its share of a rebuild's time. Heaviest first, each into the lightest group."""
    by_name = {p.name: p for p in projections}
    parent = {name: name for name in by_name}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    for p in projections:
        uses = getattr(p, "uses_tables_of", None)
        for other in by_name if uses is None else uses:
            if other in by_name:
                parent[root(other)] = root(p.name)
    together: dict[str, list[Any]] = {}
    for p in projections:
        together.setdefault(root(p.name), []).append(p)
    groups: list[list[Any]] = [[] for _ in range(max(parts, 1))]
    weights = [0.0] * len(groups)

    def weight(ps: list[Any]) -> float:
        return sum(getattr(p, "rebuild_weight", 1.0) for p in ps)

    for ps in together.values():
        if not all(movable(p) for p in ps):
            groups[0] += ps
            weights[0] += weight(ps)
    for ps in sorted((ps for ps in together.values() if all(movable(p) for p in ps)),
                     key=weight, reverse=True):
        lightest = weights.index(min(weights))
        groups[lightest] += ps
        weights[lightest] += weight(ps)
    order = {p.name: i for i, p in enumerate(projections)}
    return [sorted(g, key=lambda p: order[p.name]) for g in groups if g or g is groups[0]]


def rebuild(runner: Any, chosen: Sequence[Any], batch_size: int, helpers: Helpers | None,
            indexes: bool) -> int:
    """kit.projections.runner.ProjectionRunner.rebuild, under the runner's lock."""
    db, sql = runner.db, runner.db.runner_sql
    here, *away = helpers.share(runner, chosen) if helpers is not None else [chosen]
    with db.transaction() as conn:
        for p in chosen:
            p.drop(conn)
            # a helper's share is copied in: its lookup indexes come after, with the others
            create_for_load(conn, p, lookups=p in here)
            conn.execute(sql.forget_checkpoints, (p.name,))
            conn.execute(sql.forget_dead_letters, (p.name,))
            conn.execute(sql.forget_announcements, (p.name,))
    with bulk_settings(db), fewer_collections():
        started = helpers.start(away, batch_size) if helpers is not None and away else None
        try:
            applied = runner.only(here).catch_up(batch_size)
            if indexes:  # its own first: while the helpers may still be at work
                _create(db, here)
            if started is not None:
                applied += started.finish(db)
        finally:
            if started is not None:
                started.close()
        if indexes:
            _create(db, [p for p in chosen if p not in here])
    return applied


def create_for_load(db: Any, p: Any, *, lookups: bool = True) -> None:
    """What a rebuild makes before loading `p`: its tables alone where it can split them off
    (`create_tables`; `create` adds the rest after the load), with the indexes its handlers find
    rows by (`create_lookup_indexes`) when this process loads them (`lookups`); else all of it."""
    create_tables = getattr(p, "create_tables", None)
    if create_tables is None:
        p.create(db)
        return
    create_tables(db)
    create_lookup_indexes = getattr(p, "create_lookup_indexes", None)
    if lookups and create_lookup_indexes is not None:
        create_lookup_indexes(db)


def _create(db: Any, projections: Sequence[Any]) -> None:
    """Every projection's DDL again: after a rebuild's load, its secondary indexes."""
    with db.transaction() as conn:
        for p in projections:
            p.create(conn)
