"""Time-ordered UUIDs (version 7, RFC 9562) for ids the platform mints itself.

Random (version 4) ids land on random pages of every unique index that holds them, so each
append dirties a page of its own once the index outgrows the cache and the cost per event grows
with the store; version 7 ids begin with the time in milliseconds and append near the end.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

from kit.errors import InvalidInput

_lock = threading.Lock()
_last = [0, 0]  # last millisecond used, and the counter within it


def uuid7() -> uuid.UUID:
    """48 bits of Unix milliseconds, version, a 12-bit counter (monotonic within a millisecond
    in this process, RFC 9562 method 1), variant, 62 random bits."""
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last[0]:
            ms, counter = _last[0], _last[1] + 1
            if counter > 0xFFF:  # counter spent: borrow the next millisecond
                ms, counter = ms + 1, 0
        else:
            counter = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave room to count up
        _last[0], _last[1] = ms, counter
    tail = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | tail
    return uuid.UUID(int=value)


def new_event_id() -> str:
    return str(uuid7())


def parse_id(value: object, field: str) -> str:
    """Ids are UUIDs on the wire, read in canonical form; anything else is refused (naming the
    field) before it reaches a stream or a query."""
    try:
        return str(uuid.UUID(str(value)))
    except (ValueError, AttributeError, TypeError):
        raise InvalidInput(field, f"{value!r} is not a valid id") from None
