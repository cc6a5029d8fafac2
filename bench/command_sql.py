"""The commands' limit on SQLite: every statement our commands cost, replayed by the bare driver.

While some commands run from one client, every statement any thread sends SQLite is written
down, with its parameters and the connection it went to: the client's (its reads, its append)
and the read models' catch-up thread's (the log read, the read-model rows and checkpoints), as
ours is timed until the read models hold it all. The same statements then run again, in the
order they were sent, through raw `sqlite3` on a copy of the files as they were before those
commands, after what opening the files sent (each connection's PRAGMAs): what those commands
cost the database alone, with none of our Python around them. Replayed one after another they
are all of it; ours runs the catch-up's on a thread of its own beside the client's, where they
can overlap, so the client thread's alone, replayed the same way, are what bounds ours at one
client. Another design might send fewer statements: this bounds the commands as they are.
"""

from __future__ import annotations

import functools
import itertools
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# (connection, its file, sql, parameters (None: a script), the thread that sent it)
Statement = tuple[int, str, str, Any, int]


class _WritesDown:
    """What a recording connection and its cursors share: each statement written down, with the
    connection it went to (`_recorded_on`) and the thread that sent it, then run."""

    def _recorded_on(self) -> Any:
        raise NotImplementedError

    def _note(self, sql: str, parameters: Any) -> None:
        conn = self._recorded_on()
        conn._log.append((conn._serial, conn._file, sql, parameters, threading.get_ident()))

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        self._note(sql, parameters)
        return super().execute(sql, parameters)  # type: ignore[misc]

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        parameters = list(parameters)
        for each in parameters:
            self._note(sql, each)
        return super().executemany(sql, parameters)  # type: ignore[misc]

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        self._note(script, None)
        return super().executescript(script)  # type: ignore[misc]


class _CursorWritesDown(_WritesDown):
    def _recorded_on(self) -> Any:
        return self.connection  # type: ignore[attr-defined]


class _ConnectionWritesDown(_WritesDown):
    # the connection's shortcuts run their statement on a cursor without calling its methods:
    # written down here, once
    def _recorded_on(self) -> Any:
        return self

    def cursor(self, factory: type[sqlite3.Cursor] = sqlite3.Cursor) -> sqlite3.Cursor:
        return super().cursor(_recording(_CursorWritesDown, factory))  # type: ignore[misc]


@functools.cache
def _recording(writes_down: type, base: type) -> type:
    """`base` (a connection or cursor class, ours or its opener's own) that writes down."""
    return type(f"Recording{base.__name__}", (writes_down, base), {})


@contextmanager
def recording() -> Iterator[list[Statement]]:
    """Connections opened inside (of whatever class their opener asks for, their cursors too)
    write down what every thread runs on them, in order; each connection is numbered."""
    log: list[Statement] = []
    opened = sqlite3.connect
    serials = itertools.count()

    def connect(*args: Any, factory: type[sqlite3.Connection] = sqlite3.Connection,
                **kwargs: Any) -> sqlite3.Connection:
        conn = opened(*args, factory=_recording(_ConnectionWritesDown, factory), **kwargs)
        conn._log, conn._serial = log, next(serials)  # type: ignore[attr-defined]
        conn._file = str(args[0] if args else kwargs["database"])  # type: ignore[attr-defined]
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]
    try:
        yield log
    finally:
        sqlite3.connect = opened  # type: ignore[assignment]


def replay(log: list[Statement], timed: slice, recorded: Path, before: Path, into: Path,
           thread: int | None = None) -> float:
    """Seconds for raw sqlite3 to run `log[timed]` (recorded on the files in the folder
    `recorded`, in the order it was sent; only what `thread` sent, if given) on a copy made at
    `into` of `before` (that folder as it was when the recording began), a connection for each
    one recorded. What was sent before `timed` (ours: opening the files, each connection's
    PRAGMAs) runs first, off the clock. Every row a statement returns is fetched."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(before, into)
    connections: dict[int, sqlite3.Connection] = {}

    def run(statements: list[Statement]) -> None:
        for serial, _, sql, parameters, _ in statements:
            if parameters is None:
                connections[serial].executescript(sql)
            else:
                connections[serial].execute(sql, parameters).fetchall()

    try:
        for serial, file, _, _, _ in log[:timed.stop]:
            if serial not in connections:
                connections[serial] = sqlite3.connect(
                    into / Path(file).relative_to(recorded), isolation_level=None,
                    check_same_thread=False, timeout=30.0)
        run(log[:timed.start])
        start = time.perf_counter()
        run([s for s in log[timed] if thread is None or s[4] == thread])
        return time.perf_counter() - start
    finally:
        for db in connections.values():
            db.close()
