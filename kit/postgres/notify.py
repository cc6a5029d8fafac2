"""PostgreSQL LISTEN/NOTIFY, for readers that would otherwise poll for a change.

psycopg is imported on use: kit.nameko.rpc imports this before it picks psycopg's wait function."""

from __future__ import annotations

import contextlib
from typing import Any


def channel(schema: str, what: str) -> str:
    """A channel named after a schema, within PostgreSQL's 63-byte identifiers."""
    return f"{schema[:62 - len(what)]}_{what}"


class Notifications:
    """One connection LISTENing on a channel, opened on the first `wait` (which returns at once:
    the caller reads after each return, so nothing announced before the LISTEN is missed)."""

    def __init__(self, dsn: str, name: str) -> None:
        self.dsn = dsn
        self.name = name
        self._conn: Any = None  # a psycopg.Connection once listening

    def wait(self, timeout: float) -> bool:
        """Up to `timeout` s for a notification; True if one came. Drains what else is queued:
        one read after this covers everything announced so far."""
        if self._conn is None:
            import psycopg
            from psycopg import sql

            self._conn = psycopg.connect(self.dsn, autocommit=True)
            self._conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.name)))
            return False
        try:
            woke = any(True for _ in self._conn.notifies(timeout=timeout, stop_after=1))
            if woke:
                for _ in self._conn.notifies(timeout=0):
                    pass
        except Exception:  # the server restarted: listen again on a new connection next time
            self.close()
            raise
        return woke

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with contextlib.suppress(Exception):  # already broken: nothing to give back
                conn.close()
