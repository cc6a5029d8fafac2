"""Membership's read models rebuilt with a helper process (kit.sqlite.rebuild_apart) are the ones
one process rebuilds, and sharing them is safe: no projection reads another's tables while it
applies events unless it says so (`uses_tables_of`), so each group can be rebuilt on its own."""

from __future__ import annotations

import functools

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from kit.sqlite.store import SqliteEventStore
from kit.testing.rebuild_sharing import check_shared_rebuild, check_tables_named
from kit.testing.scans import scans_while_loading
from services.membership.declaration import DECLARATION as MEMBERSHIP

from .test_rebuild import rich_history


def parts(store_path: str):
    """The log as stored and membership's projections: what the helper opens."""
    return SqliteEventStore(store_path), MEMBERSHIP.projections({}, "sqlite")


def test_membership_rebuilt_with_a_helper_equals_the_one_process_rebuild(app, membership,
                                                                         tmp_path):
    rich_history(membership)
    app.settle()
    log = str(tmp_path / "membership-events.db")
    store, projections = parts(log)
    alone = ProjectionRunner(store, ReadModelDb(tmp_path / "alone.db"), projections)
    shared = ProjectionRunner(store, ReadModelDb(tmp_path / "shared.db"),
                              MEMBERSHIP.projections({}, "sqlite"))
    helpers = RebuildApart(functools.partial(parts, log), min_events=1)

    here, away, rows = check_shared_rebuild(alone, shared, helpers)

    assert len(away) == 1 and here and away[0]
    assert all(table for name in ("members", "member_history", "badges_due")
               for table in rows[name].values())


def test_no_projection_touches_tables_of_another_it_does_not_name(app, membership, tmp_path):
    rich_history(membership)
    app.settle()
    store, projections = parts(str(tmp_path / "membership-events.db"))
    runner = ProjectionRunner(store, ReadModelDb(tmp_path / "traced.db"), projections)

    check_tables_named(runner, seen={
        "members", "member_history", "badges_due", "tree_as_of", "work_queue"})


def test_a_service_started_without_its_read_models_rebuilds_them_with_a_helper(
        tmp_path, clock, app, membership, monkeypatch):
    from partyorg.embedded import build_service

    from .test_rebuild import dump_all

    rich_history(membership)
    live = dump_all(app)
    app.close()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"membership-read.db{suffix}").unlink(missing_ok=True)
    shares = []
    share = RebuildApart.share
    monkeypatch.setattr(RebuildApart, "share", lambda self, runner, projections: shares.append(
        share(self, runner, projections)) or shares[-1])

    reopened = build_service(MEMBERSHIP, tmp_path, clock=clock, rebuild_apart_from=1)
    try:
        assert dump_all(reopened) == live
        assert reopened.runner.dead_letters() == []
    finally:
        reopened.close()
    assert len(shares) == 1 and len(shares[0]) == 2  # its share and one helper's


def test_no_membership_handler_scans_a_table_while_a_rebuild_loads_it(app, membership,
                                                                     tmp_path):
    rich_history(membership)
    app.settle()
    store, projections = parts(str(tmp_path / "membership-events.db"))
    runner = ProjectionRunner(store, ReadModelDb(tmp_path / "planned.db"), projections)

    assert set(scans_while_loading(runner)) <= ORGANISATION_CHANGES


# What an organisation's merger, move or dissolution changes, found by the organisation: run
# once for each such change (a province has a handful a year), a scan each rather than an index
# kept up through every member's row while a rebuild loads; and the merges, read once a batch.
ORGANISATION_CHANGES = {
    "SELECT DISTINCT member_id FROM member_facts WHERE organisation_id IN (?)",
    "SELECT DISTINCT organisation_id FROM org_facts WHERE parent_id IN (?)",
    "SELECT id FROM org_tree WHERE parent_id = ? AND status = ?",
    "SELECT organisation_id, into_id, on_date FROM org_facts WHERE kind = ?",
    "UPDATE member_transfers SET from_organisation_id = ? WHERE from_organisation_id = ?",
    "UPDATE member_transfers SET to_organisation_id = ? WHERE to_organisation_id = ?",
    "UPDATE members SET organisation_id = ? WHERE organisation_id = ?",
    "UPDATE members SET temporary_organisation_id = ? WHERE temporary_organisation_id = ?",
    "UPDATE members SET transit_to_organisation_id = ? WHERE transit_to_organisation_id = ?",
    "UPDATE org_tree SET path = ? || substr(path, ?), depth = depth + ? "
    "WHERE substr(path, ?, ?) = ?",
}
