"""What every service's rebuild tests check of its read models: a rebuild shared with a helper
process gives the rows one process gives, and each read model touches only the tables it names,
so a helper may take it (kit.projections.rebuilding.share)."""

from __future__ import annotations

from typing import Any

from kit.projections.runner import ProjectionRunner

from .tables_touched import tables_touched, undeclared


def dumps(runner: ProjectionRunner) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    """Every projection's rows, table by table, in a total order."""
    with runner.db.transaction() as conn:
        return {p.name: p.dump(conn) for p in runner.projections}


def check_shared_rebuild(alone: ProjectionRunner, shared: ProjectionRunner, helpers: Any
                         ) -> tuple[list[Any], list[list[Any]], dict[str, dict]]:
    """`alone` rebuilt in one process and `shared` (the same log, a fresh database) with
    `helpers`: the same rows and checkpoints, and nothing parked. Returns (the projections kept, the
    groups the helpers took, the rows) for the caller's own checks."""
    alone.rebuild()
    here, *away = helpers.share(shared, shared.projections)
    shared.rebuild(helpers=helpers)
    rows = dumps(alone)
    assert dumps(shared) == rows
    assert shared.dead_letters() == alone.dead_letters() == []
    assert shared.checkpoints() == alone.checkpoints()
    return here, away, rows


def check_tables_named(runner: ProjectionRunner, seen: set[str] | None = None) -> None:
    """Rebuilt under SQLite's authorizer (a fresh database): every projection (or those in
    `seen`) applied something, none touched a table of another it does not name in
    `uses_tables_of`, each names them, and nothing was parked."""
    touched = tables_touched(runner)
    applied = {name for name, _ in touched}
    assert applied >= (seen if seen is not None else {p.name for p in runner.projections})
    assert undeclared(runner, touched) == set()
    assert all(hasattr(p, "uses_tables_of") for p in runner.projections)
    assert runner.dead_letters() == []
