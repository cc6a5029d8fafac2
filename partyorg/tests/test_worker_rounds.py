"""A projection worker process's round (partyorg.processes.projections.run_worker): a lost
database connection ends the round so the worker is built again on a new one; the server
cancelling a statement (or a deadlock, a full disk) is retried in the same round, with the
same consumer and connections, instead of rebuilding them all each time."""

from __future__ import annotations

import threading

import psycopg
import pytest

from kit.testing.services import require_env
from partyorg.processes.projections import run_worker


@pytest.fixture
def pg_dsn():
    return require_env("PARTYORG_PG_DSN", "deploy/local/up.sh postgres")


def _cancelled(dsn: str) -> psycopg.Error:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET statement_timeout = '10ms'")
        try:
            conn.execute("SELECT pg_sleep(1)")
        except psycopg.errors.QueryCanceled as exc:
            return exc
    raise AssertionError("not cancelled")


def _lost(dsn: str) -> psycopg.Error:
    with psycopg.connect(dsn, autocommit=True) as victim, \
            psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (victim.info.backend_pid,))
        try:
            victim.execute("SELECT 1")
        except psycopg.OperationalError as exc:
            return exc
    raise AssertionError("not lost")


class Worker:
    """What run_worker drives: batches that fail with `errors` in turn, then stop the round."""

    def __init__(self, errors: list[Exception], stop: threading.Event) -> None:
        self.errors, self.stop, self.batches = errors, stop, 0
        self.runner = type("Runner", (), {"db": object(), "before_commit": None})()

    def watch_lag(self) -> None:
        pass

    def run_once(self) -> int:
        self.batches += 1
        if self.errors:
            raise self.errors.pop(0)
        self.stop.set()
        return 0


def test_a_cancelled_statement_is_retried_in_the_same_round(pg_dsn):
    stop = threading.Event()
    worker = Worker([_cancelled(pg_dsn)], stop)

    run_worker(worker, stop)

    assert worker.batches == 2 and stop.is_set()


def test_a_lost_connection_ends_the_round(pg_dsn):
    stop = threading.Event()
    worker = Worker([_lost(pg_dsn)], stop)

    run_worker(worker, stop)

    assert worker.batches == 1 and not stop.is_set()
