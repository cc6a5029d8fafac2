"""tree_as_of's member placements for one batch, held in memory: what `TreeAsOf`'s statements
would leave in member_placements, written back with executemany.

Each touched member's intervals are read once; every change mirrors the SQL it replaces (the
same rows matched, the same refusals), so a folded batch equals the events applied one by one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .timeline import TreeAsOfSql

# the columns TreeAsOfSql.placements_of reads, in its order
_COLUMNS = ("member_id", "global_position", "valid_from", "valid_to", "organisation_id",
            "status")
_NOT_NULL = frozenset({"member_id", "global_position", "valid_from", "organisation_id",
                       "status"})
_CHUNK = 500


class Placements:
    def __init__(self, db: sqlite3.Connection, sql: TreeAsOfSql) -> None:
        self.db = db
        self.sql = sql
        self._intervals: dict[str, list[dict[str, Any]]] = {}  # in the order they were written
        self._keys: dict[str, set[tuple[int, str]]] = {}  # each member's primary keys
        self._new: dict[int, dict[str, Any]] = {}  # by id(): inserted in this batch, in order
        self._changed: dict[int, dict[str, Any]] = {}
        self._org_start: dict[str, str | None] = {}

    # -- reading -------------------------------------------------------------------------------

    def load(self, member_ids: Iterable[str]) -> None:
        todo = [m for m in dict.fromkeys(member_ids) if m not in self._intervals]
        for i in range(0, len(todo), _CHUNK):
            chunk = todo[i:i + _CHUNK]
            for m in chunk:
                self._intervals[m], self._keys[m] = [], set()
            keys = ", ".join(self.sql.placeholder for _ in chunk)
            rows = self.db.execute(self.sql.placements_of.format(keys=keys), chunk).fetchall()
            for row in rows:
                interval = dict(zip(_COLUMNS, row, strict=True))
                self._intervals[interval["member_id"]].append(interval)
                self._keys[interval["member_id"]].add((row[1], row[2]))

    def _of(self, member_id: str) -> list[dict[str, Any]]:
        if member_id not in self._intervals:
            self.load((member_id,))
        return self._intervals[member_id]

    def org_start(self, org_id: str) -> str | None:
        """The organisation's first valid_from in org_versions (unchanged while member events
        fold)."""
        if org_id not in self._org_start:
            self._org_start[org_id] = self.db.execute(
                self.sql.organisation_start, (org_id,)).fetchone()[0]
        return self._org_start[org_id]

    # -- the statements TreeAsOf would run -----------------------------------------------------

    def insert(self, **values: Any) -> None:
        interval = {c: values.get(c) for c in _COLUMNS}
        _check(interval)
        intervals = self._of(interval["member_id"])
        keys = self._keys[interval["member_id"]]
        key = (interval["global_position"], interval["valid_from"])
        if key in keys:
            raise sqlite3.IntegrityError("UNIQUE constraint failed: member_placements")
        keys.add(key)
        intervals.append(interval)
        self._new[id(interval)] = interval

    def _set(self, interval: dict[str, Any], **changes: Any) -> None:
        _check(changes)
        interval.update(changes)
        if id(interval) not in self._new:
            self._changed[id(interval)] = interval

    def change(self, member_id: str, on: date, position: int, close_only: bool = False,
               **changes: Any) -> None:
        """TreeAsOf._change on member_placements: close the open interval on `on` and open the
        next with `changes`, or amend the open one when `on` is not after its start."""
        opened = [i for i in self._of(member_id) if i["valid_to"] is None]
        if not opened:
            return
        current = dict(opened[0])  # the first open one, as the index returns it
        day = on.isoformat()
        if day <= current["valid_from"]:
            for interval in opened:
                if close_only:
                    self._set(interval, valid_to=interval["valid_from"])
                elif changes:
                    self._set(interval, **changes)
            return
        for interval in opened:
            self._set(interval, valid_to=day)
        if not close_only:
            self.insert(**{**current, **changes, "global_position": position,
                           "valid_from": day, "valid_to": None})

    def official(self, member_id: str, day: str, position: int) -> None:
        """TreeAsOf.on_MemberRecognisedAsOfficial: split the interval holding `day`, and every
        interval from `day` on is official."""
        intervals = self._of(member_id)
        holding = [(i["valid_to"] is not None, i["valid_to"] or "", n)
                   for n, i in enumerate(intervals)
                   if i["valid_from"] < day and (i["valid_to"] is None or i["valid_to"] > day)]
        if holding:  # the first as the (member_id, valid_to) index orders them
            split = intervals[min(holding)[2]]
            valid_to, org_id = split["valid_to"], split["organisation_id"]
            self._set(split, valid_to=day)
            self.insert(member_id=member_id, global_position=position, valid_from=day,
                        valid_to=valid_to, organisation_id=org_id, status="official")
        for interval in intervals:
            if interval["valid_from"] >= day and interval["status"] != "official":
                self._set(interval, status="official")

    # -- writing -------------------------------------------------------------------------------

    def flush(self) -> None:
        if self._new:
            self.db.executemany(self.sql.insert_placement,
                                [tuple(i[c] for c in _COLUMNS) for i in self._new.values()])
            self._new.clear()
        if self._changed:
            self.db.executemany(self.sql.update_placement, [
                (i["valid_to"], i["organisation_id"], i["status"], i["member_id"],
                 i["global_position"], i["valid_from"]) for i in self._changed.values()])
            self._changed.clear()

    def forget(self) -> None:
        """Flush and read again next time: an organisation event is about to run its SQL."""
        self.flush()
        self._intervals.clear()
        self._keys.clear()
        self._org_start.clear()


def _check(values: dict[str, Any]) -> None:
    for column, value in values.items():
        if value is None and column in _NOT_NULL:
            raise sqlite3.IntegrityError(f"NOT NULL constraint failed: member_placements.{column}")
