"""A classification's deciding body checked, as membership checks its decisions
(services/membership/application/deciding.py): the caller acts for the body, and evaluations'
table of deciding bodies gives it the decision.

Order of the refusals: a body outside the caller's subtree was already refused as not found (its
id is a Ref); a body other than the one the caller's token acts for is Forbidden; a body the
table does not give the decision to is RuleViolated, naming the rule, its version and the bodies
that may.
"""

from __future__ import annotations

from kit.errors import Forbidden, InvalidInput
from kit.text import clean_name, clean_text

from ..domain import commands as c
from ..domain.deciding import Classified, require_body
from ..domain.decision import DecidingBody, DecisionRecord, Organ
from ..domain.period import EvaluationPeriod
from ..domain.values import SubjectKind, parse_enum, parse_id
from .deps import CommandScope, Subject


def classified(subject: Subject) -> Classified:
    if subject.kind is SubjectKind.MEMBER:
        return Classified.MEMBER
    if subject.grassroots_id == subject.id:
        return Classified.GRASSROOTS
    return Classified.BRANCH


def places(scope: CommandScope, period: EvaluationPeriod, subject: Subject) -> dict[str, str | None]:
    """Where the table's places are for this subject: its grassroots organisation (from the
    roll) and the organisation above it (on the roll, or in the view as of the reference date)."""
    above = None
    listed = period.organisations.get(subject.grassroots_id)
    if listed is not None and listed.parent_id:
        above = listed.parent_id
    elif period.reference_date is not None:
        above = scope.view.parent_of(subject.grassroots_id, period.reference_date)
    return {"grassroots": subject.grassroots_id, "above_grassroots": above}


def acting_body(scope: CommandScope) -> DecidingBody | None:
    """The body the caller's token acts for; None for the system, or a token naming no organ."""
    if scope.acting_for is None or not scope.acting_organ:
        return None
    try:
        return DecidingBody(scope.acting_for, Organ(scope.acting_organ))
    except ValueError:
        raise Forbidden(f"the token's organ {scope.acting_organ!r} is not a deciding "
                        "body") from None


def decision_record(scope: CommandScope, period: EvaluationPeriod, subject: Subject,
                    decision: c.DecisionInput) -> DecisionRecord:
    """The decision's record, once its body is the one the caller acts for and the one the
    table names for this subject on the decision's date."""
    if not isinstance(decision, c.DecisionInput):
        raise InvalidInput("decision", "a decision names its number, its signer, its date and "
                                       "the body that took it")
    caller = acting_body(scope)
    if scope.acting_for is not None and caller is None:
        raise Forbidden("this token acts for no deciding body (no organ claim): it takes no "
                        "decisions")
    if decision.body is None:
        if caller is None:
            raise InvalidInput("decision.body", "name the deciding body (the caller acts for none)")
        body = caller
    else:
        body = DecidingBody(parse_id(decision.body.organisation_id,
                                     "decision.body.organisation_id"),
                            parse_enum(Organ, decision.body.organ, "decision.body.organ"))
    if caller is not None and body != caller:
        raise Forbidden(f"this token acts for the {caller.organ.value} of organisation "
                        f"{caller.organisation_id}, not for the body the decision names")
    scope.organisation(body.organisation_id)  # NotFound: outside the subtree
    allowed = require_body(classified(subject), body, places(scope, period, subject),
                           decision.decided_on)
    return DecisionRecord(
        organisation_id=body.organisation_id, organ=body.organ,
        number=clean_text(decision.number, "decision.number", max_length=50),
        decided_on=decision.decided_on,
        signer=clean_name(decision.signer, "decision.signer", max_length=100),
        rule_version=allowed.rule_version)
