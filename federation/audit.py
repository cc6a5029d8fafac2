"""The audit of searches by citizen ID (CCCD) across provinces: who searched which number,
when, in which provinces, how many files were found. Append-only; kept in SQLite at the
federation (a file beside its configuration, or in memory for tests)."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class CitizenIdSearchRecord:
    id: str
    citizen_id: str
    searched_at: datetime
    searched_by: tuple[str, ...]  # "NB:<user>" as each province verified the caller
    provinces_searched: tuple[str, ...]
    match_count: int


class CitizenIdAudit:
    def __init__(self, path: str | Path = ":memory:") -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._db.execute("""CREATE TABLE IF NOT EXISTS citizen_id_searches (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
            citizen_id TEXT NOT NULL, searched_at TEXT NOT NULL, searched_by TEXT NOT NULL,
            provinces TEXT NOT NULL, match_count INTEGER NOT NULL)""")

    def record(self, citizen_id: str, searched_by: list[str], provinces: list[str],
               match_count: int) -> CitizenIdSearchRecord:
        entry = CitizenIdSearchRecord(str(uuid.uuid4()), citizen_id,
                                      datetime.now(UTC).replace(microsecond=0),
                                      tuple(sorted(searched_by)), tuple(provinces), match_count)
        with self._lock:
            self._db.execute(
                "INSERT INTO citizen_id_searches (id, citizen_id, searched_at, searched_by, "
                "provinces, match_count) VALUES (?, ?, ?, ?, ?, ?)",
                (entry.id, citizen_id, entry.searched_at.isoformat(),
                 json.dumps(entry.searched_by), json.dumps(entry.provinces_searched),
                 match_count))
        return entry

    def searches_by(self, users: set[str], first: int = 50) -> list[CitizenIdSearchRecord]:
        """The searches any of these verified users ("NB:<user>") made, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, citizen_id, searched_at, searched_by, provinces, match_count "
                "FROM citizen_id_searches ORDER BY seq DESC").fetchall()
        found = []
        for id_, cid, at, by, provinces, count in rows:
            who = tuple(json.loads(by))
            if users & set(who):
                found.append(CitizenIdSearchRecord(id_, cid, datetime.fromisoformat(at), who,
                                                   tuple(json.loads(provinces)), count))
                if len(found) >= first:
                    break
        return found

    def close(self) -> None:
        self._db.close()
