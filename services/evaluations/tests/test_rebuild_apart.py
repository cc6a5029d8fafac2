"""Evaluations' read models may share a rebuild with a helper process: each touches only the
tables its `uses_tables_of` names while it applies events, and a rebuild shared through the
embedded platform's own recipe (partyorg.embedded.rebuild_parts) equals one in one process."""

from __future__ import annotations

import functools
from datetime import date

from kit.projections.runner import ProjectionRunner
from kit.sqlite.readmodel import ReadModelDb
from kit.sqlite.rebuild_apart import RebuildApart
from kit.testing.rebuild_sharing import check_shared_rebuild, check_tables_named
from kit.testing.scans import scans_while_loading
from partyorg.embedded import rebuild_parts
from services.evaluations.domain import commands as ec
from services.membership.domain import commands as c

from .conftest import EXCELLENT, Province, decision


def campaign(province: Province) -> None:
    """A year decided for the school's members and branches, one branch recognised TSVM (HTXS
    needs five rated HTT or better beside it: the quota), one member's level corrected, one
    member disciplined: every evaluations read model gets rows."""
    for key in ("physics", "history", "sports"):
        province.org(key, f"Chi bộ Tổ {key}", "sub_branch", "school")
    province.membership(c.DisciplineMember(
        province.ids["t5"], "reprimand", date(2025, 6, 2), "Vi phạm", decision=c.DecisionInput(
            "3-QĐ/ĐU", "Phạm Văn Hùng", c.DecidingBodyInput(province.ids["letters"],
                                                            "assembly"))))
    period = province.opened(2025)
    for n in range(3):
        province.through(period, f"t{n}", "htt")
    for key in ("letters", "physics", "history", "sports"):
        province.through(period, key, "htt", form="collective")
    province.through(period, "maths", "htxs", form="collective", points=(29.0, 66.0),
                     tasks=EXCELLENT)
    school = province.ids["school"]
    province.run(ec.RecognisePartyOrganisation(period, province.ids["maths"],
                                               decision=decision(school, date(2026, 1, 5))))
    province.run(ec.CorrectClassification(period, province.ids["t2"], "ht", "Xem xét lại",
                                          decision=decision(school, date(2026, 1, 5))))
    province.platform.settle()


def fresh_runner(province: Province, data, path) -> ProjectionRunner:
    """Evaluations' projections over its log (the platform's files under `data`) and
    membership's, into a fresh read-model file."""
    store, projections = rebuild_parts("evaluations", str(data))
    runner = ProjectionRunner(store, ReadModelDb(path), projections)
    runner.sources.update(province.platform.evaluations.runner.sources)  # membership's log
    return runner


def test_no_evaluations_projection_touches_tables_of_another_it_does_not_name(province,
                                                                              tmp_path):
    campaign(province)
    check_tables_named(fresh_runner(province, tmp_path, tmp_path / "traced.db"))


def test_evaluations_rebuilt_with_a_helper_equals_the_one_process_rebuild(province, tmp_path):
    campaign(province)
    helpers = RebuildApart(functools.partial(rebuild_parts, "evaluations", str(tmp_path)),
                           min_events=1, scratch=str(tmp_path))

    _, away, rows = check_shared_rebuild(fresh_runner(province, tmp_path, tmp_path / "alone.db"),
                                         fresh_runner(province, tmp_path, tmp_path / "shared.db"),
                                         helpers)

    assert away and {p.name for p in away[0]} <= {  # those of its own log only
        "campaign_progress", "classification_history", "tsvm_recognitions",
        "classification_snapshots"}
    assert all(table for tables in rows.values() for table in tables.values())


def test_no_evaluations_handler_scans_a_table_while_a_rebuild_loads_it(province, tmp_path):
    campaign(province)
    runner = fresh_runner(province, tmp_path, tmp_path / "planned.db")

    assert scans_while_loading(runner) == {}
