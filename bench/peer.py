"""The peer: pyeventsourcing 9.5.6, at the same durability as our stores.

SQLite: a file in WAL mode with synchronous=FULL on every pooled connection (set here, and read
back so the report can say so). PostgreSQL: the same server and database as ours, its own schema.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import StoredEvent

TOPIC = "membership:MemberEvent"


def _full_sync(recorder: Any) -> str:
    """Make every connection of the peer's SQLite pool synchronous=FULL; returns the setting."""
    pool = recorder.datastore.pool
    create = pool._create_connection

    def create_full():  # noqa: ANN202 - the pool's own type
        conn = create()
        conn.c.execute("PRAGMA synchronous=FULL")
        return conn

    pool._create_connection = create_full
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA synchronous")
        return {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cursor.fetchone()[0]]


def sqlite_env(path: Path) -> dict[str, str]:
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "30"}


def postgres_env(dsn: str, schema: str, pool_size: int = 8) -> dict[str, str]:
    parts = urlsplit(dsn)
    return {"PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": parts.path.lstrip("/"), "POSTGRES_HOST": parts.hostname or "",
            "POSTGRES_PORT": str(parts.port or 5432), "POSTGRES_USER": parts.username or "",
            "POSTGRES_PASSWORD": parts.password or "", "POSTGRES_SCHEMA": schema,
            "POSTGRES_POOL_SIZE": str(pool_size), "POSTGRES_MAX_OVERFLOW": "2",
            "CREATE_TABLE": "y"}


class Member(Aggregate):
    """The peer's version of a member: enough to carry the same command shapes."""

    @event("Registered")
    def __init__(self, full_name: str, organisation_id: str, profile: dict) -> None:
        self.full_name = full_name
        self.organisation_id = organisation_id
        self.profile = profile

    @event("Transferred")
    def transfer(self, to_organisation_id: str, effective_on: str) -> None:
        if to_organisation_id == self.organisation_id:
            raise ValueError("already there")
        self.organisation_id = to_organisation_id


class MembersApp(Application):
    name = "BenchPeerMembers"
    is_snapshotting_enabled = False

    def register(self, full_name: str, organisation_id: str, profile: dict) -> uuid.UUID:
        member = Member(full_name, organisation_id, profile)
        self.save(member)
        return member.id

    def transfer(self, member_id: uuid.UUID, to_organisation_id: str, on: str) -> None:
        member: Member = self.repository.get(member_id)
        member.transfer(to_organisation_id, on)
        self.save(member)


class Peer:
    """One peer application (and its recorder) on SQLite or PostgreSQL."""

    def __init__(self, env: dict[str, str], dsn: str = "") -> None:
        if dsn:  # the peer creates its tables, not its schema
            import psycopg

            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {env['POSTGRES_SCHEMA']}")
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # the peer reads its settings from the environment too
        try:
            self.app = MembersApp(env=env)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        self.recorder = self.app.recorder
        self.synchronous = (_full_sync(self.recorder)
                            if env["PERSISTENCE_MODULE"].endswith("sqlite") else "n/a")

    def insert(self, events: list[bytes]) -> int:
        """One transaction appending `events` to a new stream (the shape our append has)."""
        stream = uuid.uuid4()
        self.recorder.insert_events([StoredEvent(stream, i + 1, TOPIC, state)
                                     for i, state in enumerate(events)])
        return len(events)

    def read_all(self, page: int = 2000, decode: bool = False) -> int:
        import json

        start, count = 1, 0
        while True:
            rows = self.recorder.select_notifications(start, page)
            if not rows:
                return count
            if decode:
                for row in rows:
                    json.loads(row.state)
            count += len(rows)
            start = rows[-1].id + 1

    def close(self) -> None:
        self.app.close()
