"""The event-store contract: every adapter's test module subclasses EventStoreContract and
provides an `open_store` fixture returning a callable that opens a new store on the same data."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

import pytest

from kit.envelope import Actor, CommandContext, NewEvent
from kit.errors import CommandIdReused, ConcurrencyConflict
from kit.store import NO_STREAM, StreamAppend

AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


def event(n: int = 0, **data) -> NewEvent:
    return NewEvent("test.Happened", 1, {"n": n, **data}, occurred_at=AT)


def ctx(command_id: str | None = None) -> CommandContext:
    return CommandContext(
        command_id=command_id or str(uuid.uuid4()),
        province="NB",
        actor=Actor("u-1", "organisation_commission"),
        correlation_id="corr-1",
    )


def stream() -> str:
    return f"thing-{uuid.uuid4()}"


class EventStoreContract:
    @pytest.fixture
    def store(self, open_store):
        s = open_store()
        yield s
        s.close()

    def test_appending_to_a_new_stream_assigns_versions_and_positions(self, store):
        sid = stream()
        result = store.append([StreamAppend(sid, NO_STREAM, [event(1), event(2)])], ctx())
        assert result.stream_versions == {sid: 2}
        assert len(result.positions) == 2 and result.positions[0] < result.positions[1]
        read = store.read_stream(sid)
        assert [e.stream_version for e in read] == [1, 2]
        assert [e.data["n"] for e in read] == [1, 2]
        assert [e.global_position for e in read] == list(result.positions)

    def test_the_envelope_carries_the_command_context(self, store):
        sid = stream()
        c = ctx()
        ev = event(1)
        store.append([StreamAppend(sid, NO_STREAM, [ev])], c)
        (read,) = store.read_stream(sid)
        assert read.event_id == ev.event_id
        assert read.type == "test.Happened" and read.schema_version == 1
        assert read.province == "NB" and read.actor == Actor("u-1", "organisation_commission")
        assert read.command_id == c.command_id
        assert read.correlation_id == "corr-1" and read.causation_id == c.command_id
        assert read.occurred_at == AT and read.recorded_at.tzinfo is not None

    def test_appending_at_a_stale_version_is_a_conflict_and_appends_nothing(self, store):
        sid = stream()
        store.append([StreamAppend(sid, NO_STREAM, [event(1)])], ctx())
        with pytest.raises(ConcurrencyConflict) as err:
            store.append([StreamAppend(sid, NO_STREAM, [event(2)])], ctx())
        assert err.value.expected == 0 and err.value.actual == 1
        assert [e.data["n"] for e in store.read_stream(sid)] == [1]

    def test_a_retried_command_appends_nothing_twice(self, store):
        sid = stream()
        c = ctx()
        first = store.append([StreamAppend(sid, NO_STREAM, [event(1)])], c, payload_hash="h")
        again = store.append([StreamAppend(sid, NO_STREAM, [event(1)])], c, payload_hash="h")
        assert again.duplicate and not first.duplicate
        assert again.positions == first.positions
        assert len(store.read_stream(sid)) == 1
        assert store.find_command(c.command_id).positions == first.positions

    def test_a_command_id_reused_for_another_payload_is_refused(self, store):
        c = ctx()
        store.append([StreamAppend(stream(), NO_STREAM, [event(1)])], c, payload_hash="a")
        with pytest.raises(CommandIdReused):
            store.append([StreamAppend(stream(), NO_STREAM, [event(2)])], c, payload_hash="b")

    def test_a_multi_stream_append_is_all_or_nothing(self, store):
        a, b = stream(), stream()
        store.append([StreamAppend(b, NO_STREAM, [event(0)])], ctx())
        head = store.head_position()
        with pytest.raises(ConcurrencyConflict):
            store.append(
                [StreamAppend(a, NO_STREAM, [event(1)]), StreamAppend(b, NO_STREAM, [event(2)])],
                ctx(),
            )
        assert store.read_stream(a) == [] and len(store.read_stream(b)) == 1
        assert store.head_position() == head

    def test_a_pure_version_check_fails_when_the_stream_moved(self, store):
        a, b = stream(), stream()
        store.append([StreamAppend(b, NO_STREAM, [event(0), event(1)])], ctx())
        with pytest.raises(ConcurrencyConflict):
            store.append([StreamAppend(a, NO_STREAM, [event(1)]), StreamAppend(b, 1, [])], ctx())
        store.append([StreamAppend(a, NO_STREAM, [event(1)]), StreamAppend(b, 2, [])], ctx())
        assert store.stream_version(b) == 2 and store.stream_version(a) == 1

    def test_reading_a_stream_from_a_version(self, store):
        sid = stream()
        store.append([StreamAppend(sid, NO_STREAM, [event(i) for i in range(5)])], ctx())
        assert [e.stream_version for e in store.read_stream(sid, from_version=4)] == [4, 5]
        assert store.read_stream(stream()) == []
        assert store.stream_version(sid) == 5

    def test_reading_the_global_log_from_a_position_in_pages(self, store):
        start = store.head_position()
        for i in range(7):
            store.append([StreamAppend(stream(), NO_STREAM, [event(i)])], ctx())
        seen, after = [], start
        while page := store.read_all(after, limit=3):
            seen += page
            after = page[-1].global_position
        assert [e.data["n"] for e in seen] == list(range(7))
        assert store.head_position() == seen[-1].global_position

    def test_vietnamese_text_round_trips_exactly(self, store):
        sid = stream()
        name = "Nguyễn Thị Ánh Tuyết — Đảng bộ xã Yên Mô"
        store.append([StreamAppend(sid, NO_STREAM, [event(1, name=name)])], ctx())
        assert store.read_stream(sid)[0].data["name"] == name

    def test_concurrent_appenders_never_leave_a_gap_a_reader_skips(self, open_store):
        writers, per_writer = 4, 40
        stores = [open_store() for _ in range(writers)]
        reader = open_store()
        start = reader.head_position()
        done = threading.Event()
        seen: list[int] = []

        def write(s):
            for i in range(per_writer):
                sid = stream()
                s.append([StreamAppend(sid, NO_STREAM, [event(i), event(i)])], ctx())

        def tail():
            after = start
            while True:
                finished = done.is_set()
                page = reader.read_all(after, limit=50)
                for e in page:
                    seen.append(e.global_position)
                    after = e.global_position
                if finished and not page:
                    return

        threads = [threading.Thread(target=write, args=(s,)) for s in stores]
        tailer = threading.Thread(target=tail)
        tailer.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        tailer.join(timeout=60)
        everything = [e.global_position for e in reader.read_all(start, limit=100_000)]
        assert len(everything) == writers * per_writer * 2
        assert seen == everything  # the tailing reader saw every event once, in order
        for s in [*stores, reader]:
            s.close()

    def test_a_long_append_gets_its_positions_in_order_and_reads_back_whole(self, store):
        sid = stream()
        result = store.append([StreamAppend(sid, NO_STREAM, [event(i) for i in range(1_200)])],
                              ctx())
        read = store.read_stream(sid)
        assert [e.data["n"] for e in read] == list(range(1_200))
        assert [e.stream_version for e in read] == list(range(1, 1_201))
        assert [e.global_position for e in read] == list(result.positions)
        assert result.stream_versions == {sid: 1_200}

    def test_appenders_racing_on_one_store_each_get_their_own_outcome(self, store):
        """Appends from many threads at once (SQLite and PostgreSQL commit them in shared
        groups): one winner per contested stream, each loser refused with nothing kept, a
        command sent twice at once appended once, and every other append kept whole."""
        contested = [stream() for _ in range(4)]
        twice = ctx()
        outcomes: dict[str, list] = {"won": [], "conflicts": [], "duplicates": [], "own": []}
        lock = threading.Lock()
        go = threading.Barrier(12)

        def race(n: int) -> None:
            go.wait()
            for round_ in range(6):
                sid, side = contested[round_ % len(contested)], stream()
                try:  # the side stream is written first: a loser must keep none of it
                    result = store.append([StreamAppend(side, NO_STREAM, [event(n)]),
                                           StreamAppend(sid, NO_STREAM, [event(n), event(n)])],
                                          ctx())
                    kind = "won"
                except ConcurrencyConflict:
                    result, kind = None, "conflicts"
                with lock:
                    outcomes[kind].append((sid, side, n, result))
                again = store.append([StreamAppend(f"twice-{twice.command_id}", NO_STREAM,
                                                   [event(-1)])], twice, payload_hash="same")
                own = stream()
                mine = store.append([StreamAppend(own, NO_STREAM, [event(n, r=round_)])], ctx())
                with lock:
                    outcomes["duplicates"].append(again)
                    outcomes["own"].append((own, n, round_, mine))

        threads = [threading.Thread(target=race, args=(n,)) for n in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(sid for sid, _, _, _ in outcomes["won"]) == sorted(contested)
        assert len(outcomes["conflicts"]) == 12 * 6 - len(contested)
        for sid, side, n, result in outcomes["won"]:  # the winner's events, nobody else's
            read = store.read_stream(side) + store.read_stream(sid)
            assert [e.data["n"] for e in read] == [n, n, n]
            assert [e.global_position for e in read] == list(result.positions)
        assert all(store.read_stream(side) == [] for _, side, _, _ in outcomes["conflicts"])
        firsts = [r for r in outcomes["duplicates"] if not r.duplicate]
        assert len(firsts) == 1
        assert {r.positions for r in outcomes["duplicates"]} == {firsts[0].positions}
        assert len(store.read_stream(f"twice-{twice.command_id}")) == 1
        for own, n, round_, result in outcomes["own"]:
            (read,) = store.read_stream(own)
            assert read.data == {"n": n, "r": round_}
            assert (read.global_position,) == result.positions

    def test_everything_survives_a_restart(self, open_store):
        first = open_store()
        sid = stream()
        c = ctx()
        first.append([StreamAppend(sid, NO_STREAM, [event(1), event(2)])], c, payload_hash="h")
        head = first.head_position()
        first.close()
        second = open_store()
        assert [e.data["n"] for e in second.read_stream(sid)] == [1, 2]
        assert second.head_position() == head
        assert second.append([StreamAppend(sid, NO_STREAM, [event(1)])], c, "h").duplicate
        nxt = second.append([StreamAppend(sid, 2, [event(3)])], ctx())
        assert nxt.positions[0] > head
        second.close()


class EventIdKeyContract:
    """For the stores whose database keys event ids (KurrentDB takes a reused id as a retried
    write instead)."""

    def test_an_append_the_database_refuses_fails_alone(self, open_store) -> None:
        """An append reusing a stored event id (the database's unique key refuses it) fails with
        nothing of it kept, while the appends sent at the same moment (committed in the same group
        by the stores that group them) are kept whole, with no gap in the positions."""
        store = open_store()
        taken = NewEvent("test.Happened", 1, {"n": 0}, occurred_at=AT)
        store.append([StreamAppend(stream(), NO_STREAM, [taken])], ctx())
        start = store.head_position()
        refused, kept, lock = [], [], threading.Lock()
        go = threading.Barrier(8)

        def send(n: int) -> None:
            for round_ in range(5):
                go.wait()
                sid = stream()
                events = [event(n, r=round_), taken] if n == 0 else [event(n, r=round_)]
                try:
                    result = store.append([StreamAppend(sid, NO_STREAM, events)], ctx())
                except Exception:
                    with lock:
                        refused.append(sid)
                    continue
                with lock:
                    kept.append((sid, n, round_, result))

        threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(refused) == 5 and len(kept) == 7 * 5
        assert all(store.read_stream(sid) == [] for sid in refused)
        for sid, n, round_, result in kept:
            (read,) = store.read_stream(sid)
            assert read.data == {"n": n, "r": round_}
            assert (read.global_position,) == result.positions
        positions = [e.global_position for e in store.read_all(start, limit=1_000)]
        assert positions == list(range(start + 1, start + 1 + len(kept)))
        store.close()
