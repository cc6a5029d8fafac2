"""The rules of each step, applied with what the handler loaded: the roll, the self-assessment's
checks, the appraisal's ceiling (E2's rule functions on the view's facts), and the decision's
checks (ceiling, deciding body, the HTXS quota per grassroots organisation, the head not above
the collective), then the two-years-running facts other services follow."""

from __future__ import annotations

import dataclasses
from datetime import date

from kit.errors import InvalidInput, InvalidState, RuleViolated
from kit.rules import RuleSet
from kit.text import clean_text

from ..domain import commands as c
from ..domain.disqualifiers import find_disqualifiers
from ..domain.evaluation import Evaluation
from ..domain.events import (
    EvaluatedMember,
    EvaluatedOrganisation,
    LeftOut,
    SelfAssessmentSubmitted,
)
from ..domain.levels import Level, check_score, check_tasks, classify, points
from ..domain.period import EvaluationPeriod
from ..domain.quota import (
    Counts,
    check_excellent_quota,
    check_head_not_above_collective,
    quota_group,
)
from ..domain.recognition import check_may_recognise, five_years_running, tsvm_run
from ..domain.values import (
    AssessmentForm,
    Exclusion,
    Score,
    SubjectKind,
    Tasks,
    parse_enum,
    parse_id,
)
from .deciding import decision_record
from .deps import CommandScope, Subject

# -- opening a period ---------------------------------------------------------------------------


def roll(scope: CommandScope, root: str, on: date, rules: RuleSet
         ) -> tuple[tuple[EvaluatedMember, ...], tuple[EvaluatedOrganisation, ...],
                    tuple[LeftOut, ...]]:
    """Who is evaluated in the subtree as of the reference date, from the membership view."""
    found = scope.view.evaluated_in(root, on, rules)
    members, left_out = [], []
    for m in found.members:
        if m.exclusion:
            left_out.append(LeftOut(m.member_id, m.organisation_id, Exclusion(m.exclusion)))
        else:
            members.append(EvaluatedMember(m.member_id, m.organisation_id, m.grassroots_id))
    organisations = [EvaluatedOrganisation(o.organisation_id, o.grassroots_id, o.parent_id)
                     for o in found.organisations]
    return tuple(members), tuple(organisations), tuple(left_out)


# -- self-assessment ----------------------------------------------------------------------------


def text(value: str, field: str) -> str:
    return clean_text(value, field, max_length=4000)


def tasks(given: c.TasksInput) -> Tasks:
    counts = (given.total, given.on_time, given.exceeded, given.late, given.not_done)
    if any(isinstance(n, bool) or not isinstance(n, int) for n in counts):
        raise InvalidInput("tasks", "task counts are whole numbers")
    found = Tasks(*counts)
    check_tasks(found)
    return found


def assessment(scope: CommandScope, period: EvaluationPeriod, subject: Subject,
               cmd: c.SubmitSelfAssessment) -> SelfAssessmentSubmitted:
    form = parse_enum(AssessmentForm, cmd.form, "form")
    if form.collective != (subject.kind is SubjectKind.ORGANISATION):
        raise InvalidInput("form", "an organisation reports on the collective form; a member "
                                   "on Mẫu 2A, 2B or 2C")
    rules = scope.rules.in_force(cmd.submitted_on)
    if period.reference_date is not None and cmd.submitted_on < period.reference_date:
        raise InvalidInput("submitted_on", "falls before the period's reference date")
    targets = cmd.targets_met_percent
    if targets is not None:
        if not form.collective:
            raise InvalidInput("targets_met_percent", "is a collective's share of its targets")
        exact = points(targets, "targets_met_percent")
        if not 0 <= exact <= 100:
            raise InvalidInput("targets_met_percent", f"{exact} is outside 0-100")
        targets = float(exact)
    heads = None
    if cmd.heads_organisation_id is not None:
        if form is not AssessmentForm.LEADER:
            raise InvalidInput("heads_organisation_id", "only a leader's form (2A) names the "
                                                        "organisation the member heads")
        heads = parse_id(cmd.heads_organisation_id, "heads_organisation_id")
        if heads not in period.organisations:
            raise InvalidInput("heads_organisation_id", "is not an organisation evaluated in "
                                                        "this period")
    score = Score(float(points(cmd.general_points, "general_points")),
                  float(points(cmd.result_points, "result_points")))
    check_score(score, rules)
    return SelfAssessmentSubmitted(
        evaluation_id=scope.evaluation_id(period, subject.id), period_id=period.id,
        year=period.year, subject_kind=subject.kind, subject_id=subject.id,
        organisation_id=subject.organisation_id, grassroots_id=subject.grassroots_id, form=form,
        general_points=score.general_points, result_points=score.result_points,
        tasks=tasks(cmd.tasks), targets_met_percent=targets,
        self_proposed_level=parse_enum(Level, str(cmd.self_proposed_level).lower(),
                                       "self_proposed_level"),
        heads_organisation_id=heads, submitted_on=cmd.submitted_on, rule_version=rules.version)


# -- appraisal ----------------------------------------------------------------------------------


def appraise(scope: CommandScope, period: EvaluationPeriod, subject: Subject,
             evaluation: Evaluation, proposed: Level, on: date) -> None:
    a = evaluation.assessment
    if a is None:
        raise InvalidState("the subject has not assessed itself yet")
    rules = scope.rules.in_force(on)
    if subject.kind is SubjectKind.MEMBER:
        facts = scope.view.facts_for_member(subject.id, period.year)
    else:
        facts = scope.view.facts_for_organisation(subject.id, period.year)
        facts = dataclasses.replace(facts, targets_met_percent=a.targets_met_percent)
    found = find_disqualifiers(facts, rules)
    result = classify(Score(a.general_points, a.result_points), a.tasks, found,
                      collective=subject.kind is SubjectKind.ORGANISATION, rules=rules)
    reasons = result.reasons
    if proposed > result.level:
        raise RuleViolated("classification.ceiling", rules.version,
                           f"{proposed.value} is above the highest level the rules allow "
                           f"({result.level.value}): {'; '.join(reasons)}")
    evaluation.appraise(proposed, result.level, float(result.total_points), found, reasons, on,
                        rules.version)


# -- decision and correction --------------------------------------------------------------------


def _ceiling(evaluation: Evaluation, level: Level) -> None:
    appraisal = evaluation.appraisal
    if appraisal is not None and level > appraisal.allowed_level:
        raise RuleViolated("classification.ceiling", appraisal.rule_version,
                           f"{level.value} is above the level the appraisal allowed "
                           f"({appraisal.allowed_level.value}): "
                           f"{'; '.join(appraisal.reasons) or 'see the appraisal'}")


def _quota(scope: CommandScope, period: EvaluationPeriod, subject: Subject,
           evaluation: Evaluation, level: Level, rules: RuleSet) -> None:
    """HTXS at most the rule's share of those rated HTT, counted in the subject's quota group
    (a member's grassroots organisation; an organisation's superior) over the subjects decided
    in the period so far. Every evaluation counted is read: a concurrent decision in the same
    group makes one of the two retry (ConcurrencyConflict) rather than both pass."""
    form = evaluation.assessment.form.value if evaluation.assessment else ""
    parent = period.organisations[subject.id].parent_id if subject.id in period.organisations \
        else None
    group = quota_group(subject.kind.value, subject.grassroots_id, parent, form, rules)
    if group is None:
        return
    if subject.kind is SubjectKind.MEMBER:
        others = period.subjects_in(subject.grassroots_id)
    else:
        others = [o.organisation_id for o in period.organisations.values()
                  if o.parent_id == group.counted_in]
    counts = Counts()
    for other in others:
        if other == subject.id:
            continue
        found = scope.other_evaluation(period, other)
        if found.level is None or (group.form and (
                found.assessment is None or found.assessment.form.value != group.form)):
            continue
        counts = counts.adding(found.level)
    check_excellent_quota(counts, rules, level=level, replacing=evaluation.level)


def _head(scope: CommandScope, period: EvaluationPeriod, evaluation: Evaluation, level: Level,
          rules: RuleSet) -> None:
    """A member who heads an organisation (Mẫu 2A) is not rated above it: its collective is
    decided first [mem: the collective before the individual]."""
    a = evaluation.assessment
    heads = a.heads_organisation_id if a is not None else None
    if heads is None:
        return
    collective = scope.other_evaluation(period, heads).level
    if collective is None:
        raise InvalidState(f"organisation {heads}, which this member heads, has no decided "
                           "classification yet: the collective is decided before its head")
    check_head_not_above_collective(level, collective, rules)


def _previous(scope: CommandScope, period: EvaluationPeriod, subject: Subject) -> Level | None:
    if not period.annual:
        return None
    return scope.annual_evaluation(subject.id, period.year - 1).level


def decide(scope: CommandScope, period: EvaluationPeriod, subject: Subject,
           evaluation: Evaluation, level: Level, decision: c.DecisionInput) -> None:
    record = decision_record(scope, period, subject, decision)
    if evaluation.appraisal is None:
        raise InvalidState("the evaluation is not appraised yet (thẩm định comes before the "
                           "decision)")
    rules = scope.rules.in_force(record.decided_on)
    _ceiling(evaluation, level)
    _head(scope, period, evaluation, level, rules)
    if level is Level.EXCELLENT:  # no other level can take the group over its quota
        _quota(scope, period, subject, evaluation, level, rules)
    previous = _previous(scope, period, subject)
    evaluation.decide(level, previous, record, period.kind, rules.version)
    evaluation.tell_running_years(previous, record.decided_on, rules.version)


def correct(scope: CommandScope, period: EvaluationPeriod, subject: Subject,
            evaluation: Evaluation, level: Level, reason: str,
            decision: c.DecisionInput) -> None:
    """A correction down is taken as the truth it records; one up passes the decision's checks."""
    record = decision_record(scope, period, subject, decision)
    rules = scope.rules.in_force(record.decided_on)
    if evaluation.level is not None and level > evaluation.level:
        _ceiling(evaluation, level)
        _head(scope, period, evaluation, level, rules)
        if level is Level.EXCELLENT:
            _quota(scope, period, subject, evaluation, level, rules)
    evaluation.correct(level, reason, record, rules.version)
    evaluation.tell_running_years(_previous(scope, period, subject), record.decided_on,
                                  rules.version)


def undecided(scope: CommandScope, period: EvaluationPeriod) -> int:
    return sum(1 for subject in (*period.members, *period.organisations)
               if scope.peek(period, subject).level is None)


def recognise(scope: CommandScope, period: EvaluationPeriod, subject: Subject,
              evaluation: Evaluation, decision: c.DecisionInput) -> None:
    """TSVM tiêu biểu for an organisation rated HTXS; the run of HTXS years from its history."""
    if subject.kind is not SubjectKind.ORGANISATION or not period.annual:
        raise InvalidInput("subject_id", "an organisation is recognised on its annual "
                                         "classification")
    record = decision_record(scope, period, subject, decision)
    rules = scope.rules.in_force(record.decided_on)
    check_may_recognise(evaluation.level, rules)
    assert evaluation.level is not None
    history = {period.year: evaluation.level}
    for year in range(period.year - 1, period.year - rules["tsvm.years_running"], -1):
        level = scope.annual_evaluation(subject.id, year).level
        if level is None:
            break
        history[year] = level
    run = tsvm_run(history, period.year, rules)
    evaluation.recognise(run, five_years_running(run, rules), record, rules.version)
