import threading

import pytest

from kit.memory.store import InMemoryEventStore, MemoryLog
from kit.store import NO_STREAM, StreamAppend
from kit.testing.store_contract import EventIdKeyContract, EventStoreContract, ctx, event, stream

pytestmark = pytest.mark.unit


class TestInMemoryEventStore(EventStoreContract, EventIdKeyContract):
    @pytest.fixture
    def open_store(self):
        log = MemoryLog()  # shared as a database file is: a reopened store sees it all
        return lambda: InMemoryEventStore(log=log)


def test_a_batch_is_seen_by_other_threads_only_once_it_ends():
    store = InMemoryEventStore()
    sid = stream()
    seen: list[tuple[int, int, bool]] = []

    def look() -> None:
        seen.append((store.head_position(), store.stream_version(sid),
                     store.find_command(command.command_id) is not None))

    command = ctx()
    with store.batch():
        store.append([StreamAppend(sid, NO_STREAM, [event(1)])], command)
        assert store.head_position() == 1 and len(store.read_stream(sid)) == 1  # its own thread
        reader = threading.Thread(target=look)
        reader.start()
        reader.join()
    look()
    assert seen == [(0, 0, False), (1, 1, True)]


def test_a_failed_batch_takes_back_every_append_in_it():
    store = InMemoryEventStore()
    kept, dropped = stream(), stream()
    store.append([StreamAppend(kept, NO_STREAM, [event(0)])], ctx())
    command = ctx()
    with pytest.raises(RuntimeError), store.batch():
        store.append([StreamAppend(kept, 1, [event(1)])], ctx())
        store.append([StreamAppend(dropped, NO_STREAM, [event(2)])], command, "h")
        raise RuntimeError("the caller gave up")
    assert store.head_position() == 1 and store.stream_version(kept) == 1
    assert store.read_stream(dropped) == [] and store.find_command(command.command_id) is None
    again = store.append([StreamAppend(dropped, NO_STREAM, [event(2)])], command, "h")
    assert not again.duplicate and again.positions == (2,)  # no gap where the batch was


def test_an_append_refused_inside_a_batch_leaves_the_others_in_it():
    store = InMemoryEventStore()
    a, b = stream(), stream()
    with store.batch():
        store.append([StreamAppend(a, NO_STREAM, [event(1)])], ctx())
        with pytest.raises(Exception, match="expected 0"):
            store.append([StreamAppend(a, NO_STREAM, [event(2)])], ctx())
        store.append([StreamAppend(b, NO_STREAM, [event(3)])], ctx())
    assert [e.data["n"] for e in store.read_all()] == [1, 3]


def test_a_writer_waits_for_another_threads_batch_to_end():
    store = InMemoryEventStore()
    order: list[str] = []

    def write() -> None:
        store.append([StreamAppend(stream(), NO_STREAM, [event(2)])], ctx())
        order.append("other")

    with store.batch():
        store.append([StreamAppend(stream(), NO_STREAM, [event(1)])], ctx())
        writer = threading.Thread(target=write)
        writer.start()
        writer.join(0.1)
        order.append("batch")
    writer.join()
    assert order == ["batch", "other"]
    assert [e.data["n"] for e in store.read_all()] == [1, 2]


def test_what_a_reader_gets_is_its_own_copy():
    store = InMemoryEventStore()
    sid = stream()
    data = {"n": 1, "tags": ("a", "b")}
    store.append([StreamAppend(sid, NO_STREAM, [event(**data)])], ctx())
    store.read_stream(sid)[0].data["n"] = 99
    (read,) = store.read_stream(sid)
    assert read.data == {"n": 1, "tags": ["a", "b"]}  # as JSON gives it back from a database


def test_an_event_id_stored_once_is_refused_again_and_nothing_is_appended():
    store = InMemoryEventStore()
    once = event(1)
    store.append([StreamAppend(stream(), NO_STREAM, [once])], ctx())
    with pytest.raises(ValueError):
        store.append([StreamAppend(stream(), NO_STREAM, [event(2), once])], ctx())
    assert store.head_position() == 1


def test_a_closed_store_refuses_to_be_used_and_the_log_outlives_it():
    log = MemoryLog()
    first = InMemoryEventStore(log=log)
    first.append([StreamAppend(stream(), NO_STREAM, [event(1)])], ctx())
    first.close()
    with pytest.raises(RuntimeError):
        first.read_all()
    assert InMemoryEventStore(log=log).head_position() == 1

