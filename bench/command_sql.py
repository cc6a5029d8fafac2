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


@contextmanager
def recording() -> Iterator[list[Statement]]:
    """Connections opened inside (of whatever class their opener asks for, their cursors too)
    write down what every thread runs on them, in order; each connection is numbered."""
    log: list[Statement] = []
    opened = sqlite3.connect
    serials = itertools.count()
    classes: dict[type, type] = {}

    def recording_cursor(base: type[sqlite3.Cursor]) -> type:
        if base not in classes:
            class RecordingCursor(base):  # type: ignore[valid-type, misc]
                def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
                    log.append((self.connection._serial, self.connection._file, sql, parameters,
                                threading.get_ident()))
                    return super().execute(sql, parameters)

                def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
                    parameters = list(parameters)
                    thread = threading.get_ident()
                    log.extend((self.connection._serial, self.connection._file, sql, p, thread)
                               for p in parameters)
                    return super().executemany(sql, parameters)

                def executescript(self, script: str, /) -> sqlite3.Cursor:
                    log.append((self.connection._serial, self.connection._file, script, None,
                                threading.get_ident()))
                    return super().executescript(script)

            classes[base] = RecordingCursor
        return classes[base]

    def recording_connection(base: type[sqlite3.Connection]) -> type:
        if base not in classes:
            class Recording(base):  # type: ignore[valid-type, misc]
                def __init__(self, *args: Any, **kwargs: Any) -> None:
                    super().__init__(*args, **kwargs)
                    self._file = str(args[0] if args else kwargs["database"])
                    self._serial = next(serials)

                def cursor(self, factory: type[sqlite3.Cursor] = sqlite3.Cursor
                           ) -> sqlite3.Cursor:
                    return super().cursor(recording_cursor(factory))

                # the connection's shortcuts run their statement on a cursor without calling its
                # methods: written down here, once
                def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
                    log.append((self._serial, self._file, sql, parameters, threading.get_ident()))
                    return super().execute(sql, parameters)

                def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
                    parameters = list(parameters)
                    thread = threading.get_ident()
                    log.extend((self._serial, self._file, sql, p, thread) for p in parameters)
                    return super().executemany(sql, parameters)

                def executescript(self, script: str, /) -> sqlite3.Cursor:
                    log.append((self._serial, self._file, script, None, threading.get_ident()))
                    return super().executescript(script)

            classes[base] = Recording
        return classes[base]

    def connect(*args: Any, factory: type[sqlite3.Connection] = sqlite3.Connection,
                **kwargs: Any) -> sqlite3.Connection:
        return opened(*args, factory=recording_connection(factory), **kwargs)

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
