"""Meetings' read models may share a rebuild with a helper process: each touches only the tables
its `uses_tables_of` names while it applies events, and a rebuild shared through the embedded
platform's own recipe (partyorg.embedded.rebuild_parts) equals one in one process."""

from __future__ import annotations

import functools

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from kit.testing.scans import scans_while_loading
from kit.testing.tables_touched import tables_touched, undeclared
from partyorg.embedded import rebuild_parts


def fresh_runner(world, data, path) -> ProjectionRunner:
    """Meetings' projections over its log (the platform's files under `data`) and membership's,
    into a fresh read-model file."""
    store, projections = rebuild_parts("meetings", str(data))
    runner = ProjectionRunner(store, ReadModelDb(path), projections)
    runner.sources.update(world.meetings.runner.sources)  # membership's log as followed
    return runner


def dumps(runner: ProjectionRunner) -> dict[str, dict]:
    with runner.db.transaction() as conn:
        return {p.name: p.dump(conn) for p in runner.projections}


def test_no_meetings_projection_touches_tables_of_another_it_does_not_name(world, busy_year,
                                                                           tmp_path):
    world.platform.settle()
    runner = fresh_runner(world, tmp_path, tmp_path / "traced.db")

    touched = tables_touched(runner)

    assert {name for name, _ in touched} == {p.name for p in runner.projections}  # it traces
    assert undeclared(runner, touched) == set()
    assert all(hasattr(p, "uses_tables_of") for p in runner.projections)
    assert runner.dead_letters() == []


def test_meetings_rebuilt_with_a_helper_equals_the_one_process_rebuild(world, busy_year,
                                                                       tmp_path):
    world.platform.settle()
    alone = fresh_runner(world, tmp_path, tmp_path / "alone.db")
    alone.rebuild()
    shared = fresh_runner(world, tmp_path, tmp_path / "shared.db")
    helpers = RebuildApart(functools.partial(rebuild_parts, "meetings", str(tmp_path)),
                           min_events=1, scratch=str(tmp_path))
    here, *away = helpers.share(shared, shared.projections)
    assert away and {p.name for p in away[0]} <= {
        "meeting_records", "meeting_attendance", "unexcused_absences"}

    shared.rebuild(helpers=helpers)

    expected = dumps(alone)
    assert all(any(rows for rows in tables.values()) for tables in expected.values())
    assert dumps(shared) == expected
    assert shared.dead_letters() == alone.dead_letters() == []
    assert shared.checkpoints() == alone.checkpoints()


def test_no_meetings_handler_scans_a_table_while_a_rebuild_loads_it(world, busy_year, tmp_path):
    world.platform.settle()
    runner = fresh_runner(world, tmp_path, tmp_path / "planned.db")

    assert set(scans_while_loading(runner)) <= ORGANISATION_CHANGES


# What an organisation's merger or move changes, found by the organisation: run once for each
# such change (a province has a handful a year), a scan each rather than an index kept up
# through every member's row while a rebuild loads.
ORGANISATION_CHANGES = {
    "SELECT DISTINCT member_id FROM mt_asof_member_facts WHERE organisation_id IN (?) "
    "OR temporary_organisation_id IN (?)",
    "SELECT id FROM mt_organisations WHERE parent_id = ? AND status = ?",
    "UPDATE mt_organisations SET path = ? || substr(path, ?) WHERE substr(path, ?, ?) = ?",
    "UPDATE mt_roster SET organisation_id = ? WHERE organisation_id = ?",
    "UPDATE mt_roster SET temporary_organisation_id = ? WHERE temporary_organisation_id = ?",
}
