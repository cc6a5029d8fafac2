"""Every meetings read model can be dropped and rebuilt, from meetings' log and membership's, to
exactly the state it had live."""

from __future__ import annotations

from datetime import date

from kit.sqlite.readmodel import ReadModelDb
from partyorg.embedded import build_service
from services.meetings.declaration import DECLARATION as MEETINGS


def dump_all(meetings) -> dict[str, dict]:
    meetings.settle()  # straight from the tables: wait for the catch-up thread first
    with meetings.read_db.transaction() as conn:
        return {p.name: p.dump(conn) for p in meetings.runner.projections}


def test_rebuilding_every_read_model_gives_exactly_the_live_state(world, busy_year):
    live = dump_all(world.meetings)
    assert all(any(rows for rows in tables.values()) for tables in live.values()), \
        "the scenario leaves a read model empty"
    world.meetings.runner.rebuild()
    assert dump_all(world.meetings) == live
    assert world.meetings.runner.dead_letters() == []


def test_a_fresh_read_database_built_from_both_logs_equals_the_live_one(world, busy_year,
                                                                       tmp_path):
    fresh = build_service(MEETINGS, tmp_path / "elsewhere", clock=world.clock,
                          followed={"membership": world.membership.store}, store=world.store,
                          read_db=ReadModelDb(tmp_path / "fresh-read.db"))
    assert dump_all(fresh) == dump_all(world.meetings)
    year = (date(2026, 1, 1), date(2026, 12, 31))
    province = world.platform.membership.queries.roots()[0].id
    assert fresh.queries.attendance_rate(province, *year) == \
        world.queries.attendance_rate(province, *year)
    fresh.read_db.close()


def test_rebuilding_one_read_model_leaves_the_others_alone(world, busy_year):
    live = dump_all(world.meetings)
    world.meetings.runner.rebuild(["branch_rosters"])
    assert dump_all(world.meetings) == live
