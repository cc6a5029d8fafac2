"""The store shapes' contract limit writes what a store keeping our contract must write, and the
shapes' verdict names it where it is below the target."""

from __future__ import annotations

import sqlite3

import pytest

from bench.ceilings import sqlite_contract_appender
from bench.targets import _shapes

_EVENTS = [("MemberAdmitted", {"full_name": "Nguyễn Văn An"}), ("BadgeAwarded", {"years": 30})]


def test_each_command_is_recorded_with_the_positions_its_events_got(tmp_path):
    with sqlite_contract_appender(tmp_path / "c.db") as append:
        assert append(0, [_EVENTS, _EVENTS[:1]]) == 3  # two transactions, one commit
    db = sqlite3.connect(tmp_path / "c.db")
    events = db.execute("SELECT position, command_id, type, data FROM contract_events"
                        " ORDER BY position").fetchall()
    commands = dict(db.execute("SELECT command_id, positions FROM contract_commands"))
    assert [e[2] for e in events] == ["membership.MemberAdmitted", "membership.BadgeAwarded",
                                      "membership.MemberAdmitted"]
    assert "Nguyễn Văn An" in events[0][3]
    assert commands == {events[0][1]: "[1,2]", events[2][1]: "[3,3]"}
    with pytest.raises(sqlite3.IntegrityError):  # an event id is stored once
        db.execute("INSERT INTO contract_events (event_id, stream_id, stream_version, type,"
                   " schema_version, occurred_at, command_id, data) SELECT event_id, 'other', 1,"
                   " type, 1, occurred_at, command_id, data FROM contract_events LIMIT 1")


def _shape(ours: float, bare: float, contract: float) -> dict:
    run = {"per_s": 1.0}
    return {"append": {"10_per_tx_1_clients": {"ours": run, "peer": run, "ratio": ours}},
            "read": {"ratio": 2.5}, "ceiling": {"append": {"10_per_tx_1_clients": {
                "raw": run, "ratio_to_peer": bare}}},
            "contract_log": {"10_per_tx_1_clients": {"raw": run, "ratio_to_peer": contract}}}


def test_a_shape_whose_contract_limit_is_under_the_target_is_named_past_it():
    measured = _shapes({"shapes": {"sqlite": _shape(0.9, 1.6, 1.2),
                                   "postgres": _shape(2.0, 3.0, 2.5)}})["measured"]
    assert "sqlite 10 per tx 1 clients (the least our store's contract needs, 1.20×" in measured
    assert "postgres 10 per tx 1 clients (" not in measured
