"""What every connection of our PostgreSQL adapters sets for its session, whatever the server's,
database's or role's defaults say; and catalog statements two processes may run at once."""

from __future__ import annotations

import contextlib
from typing import Any

from psycopg import errors

# Times in UTC; and READ COMMITTED: the stores and the read models' runners take an advisory lock
# and then read what committed before they got it (the last position, a stream's version, a
# checkpoint), which needs each statement's own snapshot. Under a REPEATABLE READ default the
# snapshot is the transaction's first statement's, taken before the lock was granted.
OPTIONS = r"-c timezone=UTC -c default_transaction_isolation=read\ committed"


def create_if_missing(conn: Any, ddl: str) -> None:
    """Run an `IF NOT EXISTS` statement on an autocommit connection. PostgreSQL's check is not
    safe against another session creating the same thing at that moment (the service, its relay
    and its worker start together): the loser fails on a catalog's unique key, and what it
    wanted then exists."""
    with contextlib.suppress(errors.UniqueViolation, errors.DuplicateSchema,
                             errors.DuplicateTable, errors.DuplicateObject):
        conn.execute(ddl)
