"""Which psycopg errors are the server failing rather than the statement, by SQLSTATE class
(https://www.postgresql.org/docs/current/errcodes-appendix.html). psycopg's OperationalError
alone does not tell: it also stands for an index row too large (54000), a statement the
client would not send (too many parameters), or a pipeline aborted by an earlier error."""

from __future__ import annotations

import psycopg
from psycopg.errors import PipelineAborted

# connection lost; rolled back by the server (deadlock, serialisation); out of resources (disk
# full, too many connections); operator intervention (shutdown, a cancelled or timed-out
# statement); system error; and data or an index found corrupted
_SERVER_FAILING = ("08", "40", "53", "57", "58")
_CORRUPTED = ("XX001", "XX002")
_GONE = ("57P01", "57P02", "57P03")  # admin or crash shutdown, cannot connect now


def server_failing(exc: BaseException, connection_closed: bool) -> bool:
    """`connection_closed`: whether the connection the error came from is closed now. An error
    with no SQLSTATE was raised by the client: the server gone when the connection closed,
    otherwise a statement it refused to send."""
    if not isinstance(exc, psycopg.Error) or isinstance(exc, PipelineAborted):
        return False
    state = exc.sqlstate
    if state is None:
        return connection_closed
    return state[:2] in _SERVER_FAILING or state in _CORRUPTED


def connection_gone(exc: BaseException) -> bool:
    """The server is unreachable on this connection: a process holding it builds a new one."""
    if not isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError) or isinstance(
            exc, PipelineAborted):
        return False
    state = exc.sqlstate
    return state is None or state.startswith("08") or state in _GONE
