"""The commands' limit on SQLite: the statements our commands ran, replayed by the bare driver.

While some commands run from one client, every statement the client's thread sends (with its
parameters, on the connection it used) is written down; the read models' catch-up thread is left
out. The same statements then run again through raw `sqlite3`, on a copy of the files as they
were before those commands, at the same durability: what those commands cost the database alone
(its reads, its writes and one fsync a command), with none of our Python around them. Another
design might send fewer statements, so this bounds the commands as they are, not any commands.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Statement = tuple[int, str, str, Any]  # (connection, its file, sql, parameters)


@contextmanager
def recording(thread: int) -> Iterator[list[Statement]]:
    """Connections opened inside (of whatever class their opener asks for) write down what
    `thread` runs on them, in order."""
    log: list[Statement] = []
    opened = sqlite3.connect
    classes: dict[type, type] = {}

    def recording_class(base: type[sqlite3.Connection]) -> type:
        if base not in classes:
            class Recording(base):  # type: ignore[valid-type, misc]
                def __init__(self, path: Any, *args: Any, **kwargs: Any) -> None:
                    super().__init__(path, *args, **kwargs)
                    self._file = str(path)

                def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
                    if threading.get_ident() == thread:
                        log.append((id(self), self._file, sql, parameters))
                    return super().execute(sql, parameters)

                def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
                    if threading.get_ident() == thread:
                        parameters = list(parameters)
                        log.extend((id(self), self._file, sql, p) for p in parameters)
                    return super().executemany(sql, parameters)

            classes[base] = Recording
        return classes[base]

    def connect(*args: Any, factory: type[sqlite3.Connection] = sqlite3.Connection,
                **kwargs: Any) -> sqlite3.Connection:
        return opened(*args, factory=recording_class(factory), **kwargs)

    sqlite3.connect = connect  # type: ignore[assignment]
    try:
        yield log
    finally:
        sqlite3.connect = opened  # type: ignore[assignment]


def replay(log: list[Statement], recorded: Path, before: Path, into: Path) -> float:
    """Seconds for raw sqlite3 to run `log` (recorded on the files in the folder `recorded`) on
    a copy made at `into` of `before` (that folder as it was when the recording began): a
    connection for each one recorded, WAL with synchronous=FULL as ours. Every row a statement
    returns is fetched."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(before, into)
    connections: dict[int, sqlite3.Connection] = {}
    for conn, file, _, _ in log:
        if conn not in connections:
            db = sqlite3.connect(into / Path(file).relative_to(recorded), isolation_level=None,
                                 check_same_thread=False)
            db.execute("PRAGMA synchronous=FULL")
            connections[conn] = db
    try:
        start = time.perf_counter()
        for conn, _, sql, parameters in log:
            connections[conn].execute(sql, parameters).fetchall()
        return time.perf_counter() - start
    finally:
        for db in connections.values():
            db.close()

