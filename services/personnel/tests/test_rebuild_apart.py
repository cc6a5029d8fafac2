"""Personnel's read models may share a rebuild with a helper process: each touches only the
tables its `uses_tables_of` names while it applies events, and a rebuild shared through the
embedded platform's own recipe (partyorg.embedded.rebuild_parts) equals one in one process."""

from __future__ import annotations

import functools

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from kit.testing.scans import scans_while_loading
from kit.testing.tables_touched import tables_touched, undeclared
from partyorg.embedded import rebuild_parts

from .test_service_path import busy


def fresh_runner(world, data, path) -> ProjectionRunner:
    """Personnel's projections over its log (the platform's files under `data`, its cadres'
    keys too) and the logs it follows, into a fresh read-model file."""
    store, projections = rebuild_parts("personnel", str(data))
    runner = ProjectionRunner(store, ReadModelDb(path), projections)
    runner.sources.update(world.personnel.runner.sources)  # membership's, evaluations' logs
    return runner


def dumps(runner: ProjectionRunner) -> dict[str, dict]:
    with runner.db.transaction() as conn:
        return {p.name: p.dump(conn) for p in runner.projections}


def test_no_personnel_projection_touches_tables_of_another_it_does_not_name(world, tmp_path):
    busy(world)
    world.platform.settle()
    runner = fresh_runner(world, tmp_path, tmp_path / "traced.db")

    touched = tables_touched(runner)

    assert {name for name, _ in touched} == {p.name for p in runner.projections}  # it traces
    assert undeclared(runner, touched) == set()
    assert all(hasattr(p, "uses_tables_of") for p in runner.projections)
    assert runner.dead_letters() == []


def test_personnel_rebuilt_with_a_helper_equals_the_one_process_rebuild(world, tmp_path):
    busy(world)
    world.platform.settle()
    alone = fresh_runner(world, tmp_path, tmp_path / "alone.db")
    alone.rebuild()
    shared = fresh_runner(world, tmp_path, tmp_path / "shared.db")
    helpers = RebuildApart(functools.partial(rebuild_parts, "personnel", str(tmp_path)),
                           min_events=1, scratch=str(tmp_path))
    here, *away = helpers.share(shared, shared.projections)
    assert away and {p.name for p in away[0]} <= {  # those of its own log only
        "posts_catalogue", "cadre_files", "cadre_plans", "cadre_terms", "cadre_file_reads",
        "congress_records", "plan_approvals"}

    shared.rebuild(helpers=helpers)

    expected = dumps(alone)
    assert all(rows for tables in expected.values() for rows in tables.values())
    assert dumps(shared) == expected
    assert shared.dead_letters() == alone.dead_letters() == []
    assert shared.checkpoints() == alone.checkpoints()


def test_no_personnel_handler_scans_a_table_while_a_rebuild_loads_it(world, tmp_path):
    busy(world)
    world.platform.settle()
    runner = fresh_runner(world, tmp_path, tmp_path / "planned.db")

    assert scans_while_loading(runner) == {}
