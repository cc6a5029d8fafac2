"""Each fault under a stream of commands; afterwards nothing is lost and nothing applied twice."""

from __future__ import annotations

import time

import psycopg
import pytest

from .conftest import assert_nothing_lost, server_script


def _let_it_run(stream, seconds: float, at_least: int) -> None:
    print(f"[{time.monotonic():.1f}] run {seconds}s at_least={at_least} have={len(stream.succeeded)} errs={stream.transport_errors}", flush=True)
    deadline = time.monotonic() + seconds + 60
    time.sleep(seconds)
    while len(stream.succeeded) < at_least:
        assert time.monotonic() < deadline, (
            f"the platform did not recover: {len(stream.succeeded)} of {at_least} commands "
            f"succeeded\n{stream.topology.log_tail()}")
        time.sleep(0.2)


def test_kill_9_of_the_relay_mid_stream_loses_nothing(topology, stream, tmp_path):
    _let_it_run(stream, 2, at_least=20)
    topology.kill9("relay")
    _let_it_run(stream, 2, at_least=0)  # commands still append; nothing is published
    topology.start("relay")
    _let_it_run(stream, 1, at_least=len(stream.succeeded) + 10)
    assert_nothing_lost(topology, stream, tmp_path)


def test_kill_9_of_a_projection_worker_mid_batch_applies_nothing_twice(topology, stream,
                                                                       tmp_path):
    _let_it_run(stream, 2, at_least=20)
    topology.kill9("projections")
    _let_it_run(stream, 2, at_least=0)
    topology.start("projections")
    _let_it_run(stream, 1, at_least=len(stream.succeeded) + 10)
    assert_nothing_lost(topology, stream, tmp_path)


def test_redelivered_duplicates_are_applied_once(topology, stream, tmp_path):
    _let_it_run(stream, 2, at_least=20)
    topology.kill9("relay")
    s = topology.settings
    with psycopg.connect(s.pg_dsn, autocommit=True) as conn:  # forget what was published
        conn.execute(f"UPDATE {s.store_schema}.checkpoints SET position = 0")
    topology.start("relay")  # publishes everything again
    _let_it_run(stream, 1, at_least=len(stream.succeeded) + 10)
    assert_nothing_lost(topology, stream, tmp_path)


@pytest.mark.restarts_servers
@pytest.mark.parametrize(("server", "down_for"), [("kafka", 2), ("rabbitmq", 1), ("postgres", 1)])
def test_a_server_restart_mid_stream_loses_nothing(topology, stream, tmp_path, server, down_for):
    _let_it_run(stream, 2, at_least=20)
    server_script(server, "down")
    _let_it_run(stream, down_for, at_least=0)
    server_script(server, "up")
    _let_it_run(stream, 3, at_least=len(stream.succeeded) + 10)
    assert_nothing_lost(topology, stream, tmp_path)
