"""A test's servers get ports nothing listens on, and never one handed out before in the run."""

from __future__ import annotations

import socket

from kit.testing.ports import free_port


def test_ports_handed_out_are_free_and_never_handed_out_twice():
    ports = [free_port() for _ in range(300)]

    assert len(set(ports)) == len(ports)
    for port in ports[:20]:  # each can be bound now
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))
