"""Personnel's read models may share a rebuild with a helper process: each touches only the
tables its `uses_tables_of` names while it applies events, and a rebuild shared through the
embedded platform's own recipe (partyorg.embedded.rebuild_parts) equals one in one process."""

from __future__ import annotations

import functools

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from kit.testing.rebuild_sharing import check_shared_rebuild, check_tables_named
from kit.testing.scans import scans_while_loading
from partyorg.embedded import rebuild_parts

from .test_service_path import busy


def fresh_runner(world, data, path) -> ProjectionRunner:
    """Personnel's projections over its log (the platform's files under `data`, its cadres'
    keys too) and the logs it follows, into a fresh read-model file."""
    store, projections = rebuild_parts("personnel", str(data))
    runner = ProjectionRunner(store, ReadModelDb(path), projections)
    runner.sources.update(world.personnel.runner.sources)  # membership's, evaluations' logs
    return runner


def test_no_personnel_projection_touches_tables_of_another_it_does_not_name(world, tmp_path):
    busy(world)
    world.platform.settle()
    check_tables_named(fresh_runner(world, tmp_path, tmp_path / "traced.db"))


def test_personnel_rebuilt_with_a_helper_equals_the_one_process_rebuild(world, tmp_path):
    busy(world)
    world.platform.settle()
    helpers = RebuildApart(functools.partial(rebuild_parts, "personnel", str(tmp_path)),
                           min_events=1, scratch=str(tmp_path))

    _, away, rows = check_shared_rebuild(fresh_runner(world, tmp_path, tmp_path / "alone.db"),
                                         fresh_runner(world, tmp_path, tmp_path / "shared.db"),
                                         helpers)

    assert away and {p.name for p in away[0]} <= {  # those of its own log only
        "posts_catalogue", "cadre_files", "cadre_plans", "cadre_terms", "cadre_file_reads",
        "congress_records", "plan_approvals"}
    assert all(table for tables in rows.values() for table in tables.values())


def test_no_personnel_handler_scans_a_table_while_a_rebuild_loads_it(world, tmp_path):
    busy(world)
    world.platform.settle()
    runner = fresh_runner(world, tmp_path, tmp_path / "planned.db")

    assert scans_while_loading(runner) == {}
