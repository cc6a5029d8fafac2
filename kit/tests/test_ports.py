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


def test_workers_of_one_run_hand_out_ports_from_shares_that_do_not_meet(monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "3")
    shares = {}
    for worker in ("gw0", "gw1", "gw2"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        shares[worker] = {free_port() for _ in range(20)}

    assert {p % 3 for p in shares["gw0"]} == {0}
    assert {p % 3 for p in shares["gw1"]} == {1}
    assert {p % 3 for p in shares["gw2"]} == {2}
    for port in set().union(*shares.values()):  # each can be bound now
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))
