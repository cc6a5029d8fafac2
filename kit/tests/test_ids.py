"""Event ids the platform mints: valid version-7 UUIDs, in the order they were minted."""

from __future__ import annotations

import subprocess
import sys
import threading
import uuid
from pathlib import Path

from kit.envelope import NewEvent
from kit.ids import new_event_id, uuid7


def test_event_ids_are_version_7_uuids_with_the_rfc_variant() -> None:
    event = NewEvent("x.Happened", 1, {}, occurred_at=__import__("datetime").datetime.now())
    parsed = uuid.UUID(event.event_id)
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert str(parsed) == event.event_id  # canonical text: lower-case hex, hyphens in place


def test_event_ids_as_text_sort_in_the_order_they_were_minted() -> None:
    ids = [new_event_id() for _ in range(20_000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(str(uuid.UUID(i)) == i and uuid.UUID(i).version == 7 for i in ids)


def test_ids_minted_one_after_another_sort_in_that_order_even_within_a_millisecond() -> None:
    ids = [uuid7() for _ in range(20_000)]
    assert ids == sorted(ids)
    assert [str(i) for i in ids] == sorted(str(i) for i in ids)  # as text too (index order)
    assert len(set(ids)) == len(ids)


def test_ids_minted_on_many_threads_are_unique() -> None:
    out: list[uuid.UUID] = []
    lock = threading.Lock()

    def mint() -> None:
        mine = [uuid7() for _ in range(5_000)]
        with lock:
            out.extend(mine)

    threads = [threading.Thread(target=mint) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(out)) == 40_000


def test_a_forked_child_does_not_mint_the_random_bits_its_parent_mints_next() -> None:
    # in a fresh interpreter: this one may hold eventlet, which warns at every fork
    script = """
import os, sys
from kit.ids import uuid7
tail = lambda: uuid7().int & ((1 << 62) - 1)
tail()  # random bytes drawn, most not used yet
read, write = os.pipe()
if os.fork() == 0:
    os.write(write, ",".join(str(tail()) for _ in range(50)).encode())
    os._exit(0)
os.close(write)
theirs = {int(t) for t in os.read(read, 1 << 16).decode().split(",")}
mine = {tail() for _ in range(50)}
print(len(theirs), len(mine & theirs))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["50", "0"]  # the child's 50, none of them the parent's
