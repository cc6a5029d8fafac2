"""Meetings' read models may share a rebuild with a helper process: each touches only the tables
its `uses_tables_of` names while it applies events, and a rebuild shared through the embedded
platform's own recipe (partyorg.embedded.rebuild_parts) equals one in one process."""

from __future__ import annotations

import functools

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from kit.testing.rebuild_sharing import check_shared_rebuild, check_tables_named
from kit.testing.scans import scans_while_loading
from partyorg.embedded import rebuild_parts


def fresh_runner(world, data, path) -> ProjectionRunner:
    """Meetings' projections over its log (the platform's files under `data`) and membership's,
    into a fresh read-model file."""
    store, projections = rebuild_parts("meetings", str(data))
    runner = ProjectionRunner(store, ReadModelDb(path), projections)
    runner.sources.update(world.meetings.runner.sources)  # membership's log as followed
    return runner


def test_no_meetings_projection_touches_tables_of_another_it_does_not_name(world, busy_year,
                                                                           tmp_path):
    world.platform.settle()
    check_tables_named(fresh_runner(world, tmp_path, tmp_path / "traced.db"))


def test_meetings_rebuilt_with_a_helper_equals_the_one_process_rebuild(world, busy_year,
                                                                       tmp_path):
    world.platform.settle()
    helpers = RebuildApart(functools.partial(rebuild_parts, "meetings", str(tmp_path)),
                           min_events=1, scratch=str(tmp_path))

    _, away, rows = check_shared_rebuild(fresh_runner(world, tmp_path, tmp_path / "alone.db"),
                                         fresh_runner(world, tmp_path, tmp_path / "shared.db"),
                                         helpers)

    assert away and {p.name for p in away[0]} <= {
        "meeting_records", "meeting_attendance", "unexcused_absences"}
    assert all(any(table for table in tables.values()) for tables in rows.values())


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
