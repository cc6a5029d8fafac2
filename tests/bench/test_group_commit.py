"""Group commit keeps every guarantee of a lone append: appends queued behind a commit in flight
share the next transaction, and a conflict, a duplicate or a failed write in one of them fails
that one only."""

from __future__ import annotations

import threading
import time

import pytest

from kit.errors import CommandIdReused, ConcurrencyConflict
from kit.store import NO_STREAM, StreamAppend
from kit.testing.leftovers import new_tag
from kit.testing.services import require_env
from kit.testing.store_contract import ctx, event, stream


def sqlite_store(tmp_path):
    from kit.sqlite.store import SqliteEventStore

    return SqliteEventStore(tmp_path / "events.db"), lambda: None


def postgres_store(tmp_path):
    dsn = require_env("PARTYORG_PG_DSN", "deploy/local/up.sh")  # under CI=true: fails, never skips
    import psycopg

    from kit.postgres.store import PostgresEventStore

    schema = f"gc_{new_tag()}"

    def drop():
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    return PostgresEventStore(dsn, schema=schema), drop


@pytest.fixture(params=[sqlite_store, postgres_store], ids=["sqlite", "postgres"])
def store(request, tmp_path):
    s, drop = request.param(tmp_path)
    yield s
    s.close()
    drop()


def queued_behind_a_commit(store, calls):
    """Run `calls` on threads while the store's writer is busy, so they form one group."""
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            results[i] = call()
        except Exception as exc:
            results[i] = exc

    with store._lock:  # a commit in flight: every append queues behind it
        threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
        for t in threads:
            t.start()
        time.sleep(0.3)
    for t in threads:
        t.join(30)
    return results


def test_a_conflict_a_duplicate_and_a_reused_id_fail_only_their_own_append(store):
    taken, dup = stream(), ctx()
    store.append([StreamAppend(taken, NO_STREAM, [event(0)])], ctx())
    first = store.append([StreamAppend(stream(), NO_STREAM, [event(1)])], dup, payload_hash="h")
    fresh = [stream() for _ in range(4)]
    calls = [lambda sid=sid: store.append([StreamAppend(sid, NO_STREAM, [event(2), event(3)])],
                                          ctx()) for sid in fresh]
    calls += [
        lambda: store.append([StreamAppend(taken, NO_STREAM, [event(4)])], ctx()),
        lambda: store.append([StreamAppend(stream(), NO_STREAM, [event(5)])], dup,
                             payload_hash="h"),
        lambda: store.append([StreamAppend(stream(), NO_STREAM, [event(6)])], dup,
                             payload_hash="other"),
    ]
    results = queued_behind_a_commit(store, calls)
    assert isinstance(results[4], ConcurrencyConflict)
    assert results[5].duplicate and results[5].positions == first.positions
    assert isinstance(results[6], CommandIdReused)
    for sid, result in zip(fresh, results[:4], strict=True):
        assert result.stream_versions == {sid: 2}
        assert [e.global_position for e in store.read_stream(sid)] == list(result.positions)
    everything = store.read_all(0, limit=1000)
    assert [e.global_position for e in everything] == sorted(
        e.global_position for e in everything)
    assert len(everything) == 2 + 4 * 2


def test_a_write_that_fails_in_a_group_fails_only_its_own_append(store):
    reused = event(1)
    store.append([StreamAppend(stream(), NO_STREAM, [reused])], ctx())
    fresh = [stream() for _ in range(3)]
    calls = [lambda sid=sid: store.append([StreamAppend(sid, NO_STREAM, [event(2)])], ctx())
             for sid in fresh]
    calls.append(lambda: store.append([StreamAppend(stream(), NO_STREAM, [reused])], ctx()))
    results = queued_behind_a_commit(store, calls)
    assert isinstance(results[3], Exception)  # the event id is taken: the database refuses it
    for sid, result in zip(fresh, results[:3], strict=True):
        assert [e.global_position for e in store.read_stream(sid)] == list(result.positions)
    assert store.head_position() == max(p for r in results[:3] for p in r.positions)


def test_two_appends_to_one_stream_in_a_group_get_consecutive_versions_or_a_conflict(store):
    sid = stream()
    store.append([StreamAppend(sid, NO_STREAM, [event(0)])], ctx())
    calls = [lambda: store.append([StreamAppend(sid, 1, [event(1)])], ctx()),
             lambda: store.append([StreamAppend(sid, 1, [event(2)])], ctx())]
    results = queued_behind_a_commit(store, calls)
    assert sum(isinstance(r, ConcurrencyConflict) for r in results) == 1
    assert [e.stream_version for e in store.read_stream(sid)] == [1, 2]
