"""Free TCP ports for the servers a test starts.

Binding port 0 and letting it go gives a port nothing listens on at that moment, not one that
stays free: a child process handed it binds it only once it has started, and meanwhile the
kernel may give the same port to the next caller (two processes of a fault test's topology got
one metrics port, and the second to bind it died). So a port handed out here is never handed
out again in this process.
"""

from __future__ import annotations

import socket
import threading

_given: set[int] = set()
_lock = threading.Lock()


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now and this process has not handed out before."""
    with _lock:
        while True:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            if port not in _given:
                _given.add(port)
                return port
