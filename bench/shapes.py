"""Store-level shapes, ours beside the peer's, on SQLite and on PostgreSQL.

Append: 10 events per transaction and 1 per transaction, each transaction a new stream, from 1
and from 8 client threads sharing one store (ours: one SqliteEventStore / PostgresEventStore,
whose concurrent appends group-commit; the peer: one recorder with its connection pool). Both
sides serialise the same event data to JSON inside the timed call. Read: the whole log, in pages
of 2,000, decoded to dicts (ours: envelopes, as every reader gets them). Beside them, the physical limits
(bench/ceilings.py): the same appends through the bare driver at the same durability (at 8
clients one writer committing 8 transactions at a time), into the least a log needs and into the
least our store's contract needs (SQLite), and our events table fetched and its data decoded with
no envelope built.

The machine is shared and noisy: rounds alternate ours, the peer's and the bare driver's (each
round starting with the next side), and each figure is the median round.
"""

from __future__ import annotations

import json
import shutil
import time
import uuid
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from kit.envelope import Actor, CommandContext, NewEvent
from kit.postgres.event_tables import COLUMNS as COLUMNS_PG
from kit.sqlite.event_tables import COLUMNS as COLUMNS_SQLITE
from kit.store import NO_STREAM, StreamAppend
from kit.testing.leftovers import new_tag

from . import ceilings
from .dataset import AT, Province
from .peer import Peer, postgres_env, sqlite_env
from .stats import median, median_run, ratio, run_clients

ACTOR = Actor("bench", "system")


def sample_events(n: int = 200) -> list[tuple[str, dict]]:
    """Real membership event bodies (the first events of a generated province's members)."""
    out = [(name, data) for stream, name, data in Province(50_000).events()
           if stream.startswith("member-")]
    return out[:n]


class Ours:
    def __init__(self, store: Any) -> None:
        self.store = store

    def insert(self, events: list[tuple[str, dict]]) -> int:
        sid = f"member-{uuid.uuid4()}"
        self.store.append([StreamAppend(sid, NO_STREAM, [
            NewEvent(f"membership.{name}", 1, data, occurred_at=AT) for name, data in events])],
            CommandContext(str(uuid.uuid4()), "NB", ACTOR))
        return len(events)

    def read_all(self) -> int:
        after, count = 0, 0
        while page := self.store.read_all(after, 2000):
            after, count = page[-1].global_position, count + len(page)
        return count


def _peer_insert(peer: Peer, events: list[tuple[str, dict]]) -> int:
    return peer.insert([json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
                        for _, data in events])


def _sides(backend: str, work: Path, dsn: str, tag: str) -> tuple[Ours, Peer]:
    if backend == "sqlite":
        from kit.sqlite.store import SqliteEventStore

        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        return Ours(SqliteEventStore(work / "ours.db")), Peer(sqlite_env(work / "peer.db"))
    from kit.postgres.store import PostgresEventStore

    return (Ours(PostgresEventStore(dsn, schema=f"bench_{tag}_ours")),
            Peer(postgres_env(dsn, f"bench_{tag}_peer"), dsn))


def _raw_appender(backend: str, work: Path, dsn: str, tag: str):
    if backend == "sqlite":
        return ceilings.sqlite_appender(work / "raw.db")
    return ceilings.postgres_appender(dsn, f"bench_{tag}_raw")


def _our_table_appender(backend: str, work: Path):
    """SQLite only: the bare driver into our events table (where the 10-a-transaction gap is)."""
    if backend == "sqlite":
        return ceilings.sqlite_our_table_appender(work / "our_table.db")
    return nullcontext(None)


def _contract_appender(backend: str, work: Path):
    """SQLite only: the bare driver into the least our store's contract needs."""
    if backend == "sqlite":
        return ceilings.sqlite_contract_appender(work / "contract.db")
    return nullcontext(None)


def _raw_reader(backend: str, work: Path, dsn: str, tag: str):
    if backend == "sqlite":
        return ceilings.sqlite_reader(work / "ours.db", COLUMNS_SQLITE)
    return ceilings.postgres_reader(dsn, f"bench_{tag}_ours", COLUMNS_PG)


def _turn(sides: list, r: int) -> list:
    """Round `r`'s order: each round starts one side later than the one before."""
    return sides[r % len(sides):] + sides[:r % len(sides)]


def drop_pg(dsn: str, tag: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        for side in ("ours", "peer", "raw"):
            conn.execute(f"DROP SCHEMA IF EXISTS bench_{tag}_{side} CASCADE")


def run(backend: str, work: Path, *, dsn: str = "", transactions: int = 600, rounds: int = 3,
        clients: tuple[int, ...] = (1, 8)) -> dict[str, Any]:
    """Append and read shapes on one backend. `transactions` per round at 1 event each; a tenth
    of that at 10 events each."""
    tag = new_tag()
    events = sample_events()
    ours, peer = _sides(backend, work, dsn, tag)
    out: dict[str, Any] = {"backend": backend, "peer_synchronous": peer.synchronous,
                           "append": {}, "read": {}, "ceiling": {"append": {}}, "our_table": {},
                           "contract_log": {}}
    try:
        with _raw_appender(backend, work, dsn, tag) as raw_append, \
                _our_table_appender(backend, work) as our_table_append, \
                _contract_appender(backend, work) as contract_append:
            for per_tx, count in ((10, max(2, transactions // 10)), (1, transactions)):
                for n in clients:
                    ops = [[events[(i * per_tx + k) % len(events)] for k in range(per_tx)]
                           for i in range(count)]
                    # the database alone: one writer, the n clients' transactions n a commit
                    # (the best a group commit can do; at 1 client one after another)
                    groups = [ops[i:i + n] for i in range(0, len(ops), n)]
                    sides = {"ours": (n, lambda c, op: ours.insert(op), ops),
                             "peer": (n, lambda c, op: _peer_insert(peer, op), ops),
                             "raw": (1, raw_append, groups)}
                    if our_table_append is not None:
                        sides["our_table"] = (1, our_table_append, groups)
                    if contract_append is not None:
                        sides["contract_log"] = (1, contract_append, groups)
                    order = list(sides)
                    runs: dict[str, list[dict]] = {side: [] for side in sides}
                    for r in range(rounds):  # interleaved, each round starting one side later
                        for side in _turn(order, r):
                            clients_of, do, operations = sides[side]
                            runs[side].append(run_clients(clients_of, operations, do))
                    mine, theirs = median_run(runs["ours"]), median_run(runs["peer"])
                    shape = f"{per_tx}_per_tx_{n}_clients"
                    out["append"][shape] = {"ours": mine, "peer": theirs,
                                            "ratio": ratio(mine["per_s"], theirs["per_s"])}
                    raw = median_run(runs["raw"])
                    out["ceiling"]["append"][shape] = {
                        "raw": raw, "ratio_to_peer": ratio(raw["per_s"], theirs["per_s"])}
                    for side in ("our_table", "contract_log"):
                        if side in runs:
                            limit = median_run(runs[side])
                            out[side][shape] = {"raw": limit, "ratio_to_peer": ratio(
                                limit["per_s"], theirs["per_s"])}
        with _raw_reader(backend, work, dsn, tag) as raw_read:
            reads: dict[str, list[float]] = {"ours": [], "peer": [], "raw": []}
            total = 0
            readers = [("ours", ours.read_all), ("peer", lambda: peer.read_all(decode=True)),
                       ("raw", raw_read)]
            for r in range(rounds):  # interleaved as the appends are
                for side, read in _turn(readers, r):
                    start = time.perf_counter()
                    total = read()
                    reads[side].append(total / (time.perf_counter() - start))
        rate = {side: median(r) for side, r in reads.items()}
        out["read"] = {"events": total, "ours_per_s": round(rate["ours"]),
                       "peer_per_s": round(rate["peer"]),
                       "ratio": ratio(rate["ours"], rate["peer"])}
        out["ceiling"]["read"] = {"raw_per_s": round(rate["raw"]),
                                  "ratio_to_peer": ratio(rate["raw"], rate["peer"])}
    finally:
        ours.store.close()
        peer.close()
        if backend == "postgres":
            drop_pg(dsn, tag)
    return out
