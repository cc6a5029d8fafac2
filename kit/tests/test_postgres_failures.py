"""Which errors a real PostgreSQL server raises are it failing (retried, never parked) and which
are the statement's (its event parked), and when the connection itself is gone (the process
builds a new one). psycopg raises OperationalError for some of each."""

from __future__ import annotations

import psycopg
import pytest

from kit.postgres.failures import connection_gone, server_failing


def _error(dsn: str, *statements: str, params: tuple = ()) -> Exception:
    with psycopg.connect(dsn, autocommit=True) as conn:
        try:
            for statement in statements[:-1]:
                conn.execute(statement)
            conn.execute(statements[-1], params or None)
        except psycopg.Error as exc:
            return exc
    raise AssertionError("no error")


def test_a_cancelled_statement_is_the_server_failing_on_a_live_connection(pg_dsn):
    exc = _error(pg_dsn, "SET statement_timeout = '10ms'", "SELECT pg_sleep(1)")
    assert isinstance(exc, psycopg.errors.QueryCanceled)
    assert server_failing(exc, connection_closed=False) and not connection_gone(exc)


def test_an_index_row_too_large_is_the_statements_though_psycopg_calls_it_operational(pg_dsn):
    exc = _error(pg_dsn, "CREATE TEMP TABLE big (k TEXT PRIMARY KEY)",
                 "INSERT INTO big SELECT string_agg(md5(i::text), '') "
                 "FROM generate_series(1, 400) i")
    assert isinstance(exc, psycopg.OperationalError) and exc.sqlstate == "54000"
    assert not server_failing(exc, connection_closed=False) and not connection_gone(exc)


def test_a_statement_the_client_will_not_send_is_the_statements(pg_dsn):
    marks = ",".join(["%s"] * 70_000)
    exc = _error(pg_dsn, f"SELECT 1 WHERE 1 IN ({marks})", params=tuple(range(70_000)))
    assert isinstance(exc, psycopg.OperationalError) and exc.sqlstate is None
    assert not server_failing(exc, connection_closed=False)


def test_a_terminated_backend_is_a_connection_gone(pg_dsn):
    with psycopg.connect(pg_dsn, autocommit=True) as victim, \
            psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (victim.info.backend_pid,))
        with pytest.raises(psycopg.OperationalError) as lost:
            victim.execute("SELECT 1")
        assert victim.closed
    assert connection_gone(lost.value) and server_failing(lost.value, connection_closed=True)
