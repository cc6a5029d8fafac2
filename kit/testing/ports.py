"""Free TCP ports for the servers a test starts.

Binding port 0 and letting it go gives a port nothing listens on at that moment, not one that
stays free: a child process handed it binds it only once it has started, and meanwhile the
kernel may give the same port to the next caller (two processes of a fault test's topology got
one metrics port, and the second to bind it died). So a port handed out here is never handed
out again in this process.

When the suite runs in several pytest-xdist workers, each worker hands out only ports of its own
share (port mod the number of workers) and below the kernel's ephemeral range, which it never
gives to a caller of its own accord: no two workers hand out the same port. (Filtering what
port 0 gives would not do: Linux hands bind(0) callers odd ports by preference.)
"""

from __future__ import annotations

import os
import random
import socket
import threading

_given: set[int] = set()
_lock = threading.Lock()
SHARED_FROM, SHARED_TO = 10_000, 20_000  # below 32768, the kernel's default ephemeral range


def _share() -> tuple[int, int]:
    """(this worker's index, the number of workers): (0, 1) outside pytest-xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", …
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    if not worker.startswith("gw") or count < 2:
        return 0, 1
    return int(worker[2:]) % count, count


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now, of this worker's share, and not handed out
    before by this process."""
    index, count = _share()
    first = SHARED_FROM + (index - SHARED_FROM) % count  # the share's lowest port
    with _lock:
        while True:
            # one process: the kernel's choice; a worker: a port of its share
            wanted = 0 if count == 1 else random.randrange(first, SHARED_TO, count)
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", wanted))
                except OSError:  # someone listens there: another
                    continue
                port = s.getsockname()[1]
            if port not in _given:
                _given.add(port)
                return port
