"""One handler per command: load, authorise, decide. The service saves what they changed.

Each step names the subject's evaluation by (period, subject): the period is authorised first
(its subtree overlaps the caller's), then the subject (on the roll, in the caller's subtree),
then the evaluation is loaded (application/ids.py derives its id).
"""

from __future__ import annotations

from kit.errors import InvalidInput

from ..domain import commands as c
from ..domain.levels import Level
from ..domain.period import EvaluationPeriod
from ..domain.values import PeriodKind, parse_enum, parse_id
from . import steps
from .deps import CommandScope
from .ids import new_id


def open_evaluation_period(cmd: c.OpenEvaluationPeriod, scope: CommandScope,
                           command_id: str) -> dict:
    root = scope.organisation(parse_id(cmd.organisation_id, "organisation_id"))
    kind = parse_enum(PeriodKind, cmd.kind, "kind")
    rules = scope.rules.in_force(cmd.reference_date)
    members, organisations, left_out = steps.roll(scope, root, cmd.reference_date, rules)
    period = EvaluationPeriod(new_id(command_id, "evaluation_period"))
    period.open(root, kind, cmd.year, cmd.reference_date, cmd.civil_servants_by, cmd.closes_on,
                members, organisations, left_out, rules)
    scope.changed.append(period)
    return {"period_id": period.id}


def submit_self_assessment(cmd: c.SubmitSelfAssessment, scope: CommandScope,
                           command_id: str) -> dict:
    period, subject = _subject(cmd, scope)
    period.require_open()
    assessment = steps.assessment(scope, period, subject, cmd)
    evaluation = scope.evaluation(period, subject.id)
    evaluation.submit(assessment)
    return {"period_id": period.id, "subject_id": subject.id}


def record_collective_comments(cmd: c.RecordCollectiveComments, scope: CommandScope,
                               command_id: str) -> dict:
    period, subject = _subject(cmd, scope)
    period.require_open()
    meeting_id = parse_id(cmd.meeting_id, "meeting_id") if cmd.meeting_id else None
    comments = steps.text(cmd.comments, "comments")
    evaluation = scope.evaluation(period, subject.id)
    evaluation.comment(meeting_id, comments, _level(cmd.suggested_level, "suggested_level"),
                       cmd.recorded_on)
    return {"period_id": period.id, "subject_id": subject.id}


def appraise_evaluation(cmd: c.AppraiseEvaluation, scope: CommandScope, command_id: str) -> dict:
    period, subject = _subject(cmd, scope)
    period.require_open()
    proposed = _level(cmd.proposed_level, "proposed_level")
    evaluation = scope.evaluation(period, subject.id)
    steps.appraise(scope, period, subject, evaluation, proposed, cmd.appraised_on)
    return {"period_id": period.id, "subject_id": subject.id}


def decide_classification(cmd: c.DecideClassification, scope: CommandScope,
                          command_id: str) -> dict:
    period, subject = _subject(cmd, scope)
    period.require_open()
    level = _level(cmd.level, "level")
    evaluation = scope.evaluation(period, subject.id)
    steps.decide(scope, period, subject, evaluation, level, cmd.decision)
    return {"period_id": period.id, "subject_id": subject.id}


def correct_classification(cmd: c.CorrectClassification, scope: CommandScope,
                           command_id: str) -> dict:
    period, subject = _subject(cmd, scope)  # corrections are taken after a period closes too
    level = _level(cmd.level, "level")
    reason = steps.text(cmd.reason, "reason")
    evaluation = scope.evaluation(period, subject.id)
    steps.correct(scope, period, subject, evaluation, level, reason, cmd.decision)
    return {"period_id": period.id, "subject_id": subject.id}


def close_evaluation_period(cmd: c.CloseEvaluationPeriod, scope: CommandScope,
                            command_id: str) -> dict:
    period = scope.period(parse_id(cmd.period_id, "period_id"))
    scope.organisation(period.organisation_id)  # only the committee that opened it closes it
    undecided = steps.undecided(scope, period)
    period.close(cmd.closed_on, undecided)
    scope.changed.append(period)
    return {"period_id": period.id}


def recognise_party_organisation(cmd: c.RecognisePartyOrganisation, scope: CommandScope,
                                 command_id: str) -> dict:
    period, subject = _subject(cmd, scope)
    evaluation = scope.evaluation(period, subject.id)
    steps.recognise(scope, period, subject, evaluation, cmd.decision)
    return {"period_id": period.id, "subject_id": subject.id}


def _subject(cmd, scope: CommandScope):  # type: ignore[no-untyped-def]
    period = scope.period(parse_id(cmd.period_id, "period_id"))
    return period, scope.subject(period, parse_id(cmd.subject_id, "subject_id"))


def _level(value: str, field: str) -> Level:
    if not isinstance(value, str):
        raise InvalidInput(field, "a level is one of htxs, htt, ht, kht")
    return parse_enum(Level, value.lower(), field)


HANDLERS = {
    c.OpenEvaluationPeriod: open_evaluation_period,
    c.SubmitSelfAssessment: submit_self_assessment,
    c.RecordCollectiveComments: record_collective_comments,
    c.AppraiseEvaluation: appraise_evaluation,
    c.DecideClassification: decide_classification,
    c.CorrectClassification: correct_classification,
    c.CloseEvaluationPeriod: close_evaluation_period,
    c.RecognisePartyOrganisation: recognise_party_organisation,
}
