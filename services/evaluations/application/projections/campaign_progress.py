"""campaign_progress: every period and every subject on its roll, with the date each step was
first reached, so the board answers as of any date who has not self-assessed, not been
appraised, not been decided.

Each roll row keeps the path of its organisation within the period's subtree, from the period's
root down ("/root/…/branch/"), as the roll placed it on the reference date: a subtree question
matches it with `path LIKE '%/<scope>/%'`. Every evaluations question is scoped through it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from kit.codec import EventCodec
from kit.envelope import Envelope
from kit.projections.decoding import DecodingProjection

from ...domain import events as e
from ..ids import evaluation_id


@dataclass(frozen=True)
class CampaignProgressSql:
    ddl: str  # ev_periods, ev_roll and their indexes
    # (period_id, root_id, kind, year, reference_date, civil_servants_by, closes_on,
    # rule_version, opened_position)
    open_period: str
    close_period: str  # (closed_on, period_id)
    # (period_id, subject_id, subject_kind, evaluation_id, organisation_id, grassroots_id,
    # parent_id, path, left_out, updated_position)
    add_subject: str
    # each (…, updated_position, evaluation_id): the first date of a step is kept
    self_assessed: str  # (on, form, self_proposed_level, …)
    commented: str  # (on, suggested_level, …)
    appraised: str  # (on, proposed_level, allowed_level, …)
    decided: str  # (on, level, …)
    corrected: str  # (level, …)


def roll_paths(root_id: str, parents: dict[str, str | None]) -> dict[str, str]:
    """Each organisation's path from the root, following parents within the roll; one whose
    chain leaves the roll before the root hangs under the root."""
    paths: dict[str, str] = {}

    def path(org: str, seen: tuple[str, ...] = ()) -> str:
        if org in paths:
            return paths[org]
        parent = parents.get(org)
        if org == root_id:
            found = f"/{org}/"
        elif parent is None or parent not in parents and parent != root_id or parent in seen:
            found = f"/{root_id}/{org}/"
        else:
            found = f"{path(parent, (*seen, org))}{org}/"
        paths[org] = found
        return found

    for org in parents:
        path(org)
    paths.setdefault(root_id, f"/{root_id}/")
    return paths


class CampaignProgress(DecodingProjection):
    name = "campaign_progress"
    # each step's UPDATE finds its row by it: left for after a rebuild's load, every UPDATE
    # scanned ev_roll (100k events: 66 s in this projection, 1.4 with the index)
    lookup_indexes = ("ev_roll_evaluation",)
    rebuild_weight = 1.3  # seconds of a 100k-event rebuild: kit.projections.rebuilding.share
    uses_tables_of: tuple[str, ...] = ()  # its own tables only (test_rebuild_apart)
    tables = ("ev_periods", "ev_roll")

    def __init__(self, codec: EventCodec, sql: CampaignProgressSql) -> None:
        super().__init__(codec)
        self.sql = sql
        self.ddl = sql.ddl

    def on_EvaluationPeriodOpened(self, ev: e.EvaluationPeriodOpened, env: Envelope,
                                  db: sqlite3.Connection) -> None:
        db.execute(self.sql.open_period,
                   (ev.period_id, ev.organisation_id, ev.kind.value, ev.year,
                    ev.reference_date.isoformat(), ev.civil_servants_by.isoformat(),
                    ev.closes_on.isoformat(), ev.rule_version, env.global_position))
        paths = roll_paths(ev.organisation_id,
                           {o.organisation_id: o.parent_id for o in ev.organisations})
        annual = ev.kind.value == "annual"

        def under(org: str, grassroots: str = "") -> str:
            above = paths.get(grassroots) or f"/{ev.organisation_id}/"
            return paths.get(org) or f"{above}{org}/"

        rows = [(ev.period_id, o.organisation_id, "organisation",
                 evaluation_id(ev.period_id, annual, ev.year, o.organisation_id),
                 o.organisation_id, o.grassroots_id, o.parent_id, under(o.organisation_id), None,
                 env.global_position) for o in ev.organisations]
        rows += [(ev.period_id, m.member_id, "member",
                  evaluation_id(ev.period_id, annual, ev.year, m.member_id),
                  m.organisation_id, m.grassroots_id, m.organisation_id,
                  under(m.organisation_id, m.grassroots_id), None,
                  env.global_position) for m in ev.members]
        rows += [(ev.period_id, x.member_id, "member", None, x.organisation_id, "",
                  x.organisation_id, under(x.organisation_id), x.reason.value,
                  env.global_position)
                 for x in ev.left_out]
        db.executemany(self.sql.add_subject, rows)

    def on_EvaluationPeriodClosed(self, ev: e.EvaluationPeriodClosed, env, db) -> None:
        db.execute(self.sql.close_period, (ev.closed_on.isoformat(), ev.period_id))

    def on_SelfAssessmentSubmitted(self, ev: e.SelfAssessmentSubmitted, env, db) -> None:
        db.execute(self.sql.self_assessed,
                   (ev.submitted_on.isoformat(), ev.form.value, ev.self_proposed_level.value,
                    env.global_position, ev.evaluation_id))

    def on_CollectiveCommentsRecorded(self, ev: e.CollectiveCommentsRecorded, env, db) -> None:
        db.execute(self.sql.commented,
                   (ev.recorded_on.isoformat(), ev.suggested_level.value, env.global_position,
                    ev.evaluation_id))

    def on_EvaluationAppraised(self, ev: e.EvaluationAppraised, env, db) -> None:
        db.execute(self.sql.appraised,
                   (ev.appraised_on.isoformat(), ev.proposed_level.value,
                    ev.allowed_level.value, env.global_position, ev.evaluation_id))

    def on_ClassificationDecided(self, ev: e.ClassificationDecided, env, db) -> None:
        db.execute(self.sql.decided,
                   (ev.decision.decided_on.isoformat(), ev.level.value, env.global_position,
                    ev.evaluation_id))

    def on_ClassificationCorrected(self, ev: e.ClassificationCorrected, env, db) -> None:
        db.execute(self.sql.corrected, (ev.level.value, env.global_position, ev.evaluation_id))

    handlers = {
        e.EvaluationPeriodOpened: on_EvaluationPeriodOpened,
        e.EvaluationPeriodClosed: on_EvaluationPeriodClosed,
        e.SelfAssessmentSubmitted: on_SelfAssessmentSubmitted,
        e.CollectiveCommentsRecorded: on_CollectiveCommentsRecorded,
        e.EvaluationAppraised: on_EvaluationAppraised,
        e.ClassificationDecided: on_ClassificationDecided,
        e.ClassificationCorrected: on_ClassificationCorrected,
    }
