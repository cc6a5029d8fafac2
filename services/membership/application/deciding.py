"""A decision's body checked: the caller acts for it, and the rules let it take the decision.

Order of the refusals: a body outside the caller's subtree was already refused as not found (its
id is a Ref); a body other than the one the caller's token acts for is Forbidden; a body the rule
table does not give the decision to is RuleViolated, naming the rule, its version and the bodies
that may.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.errors import Forbidden, InvalidInput
from kit.text import clean_name, clean_text

from ..domain import commands as c
from ..domain.authority import DecisionKind, OrgNode, require_body
from ..domain.decision import DecidingBody, DecisionRecord, Organ
from ..domain.organisation import Organisation
from ..domain.profile import parse_enum
from ..domain.values import parse_id
from .deps import CommandScope


def nodes(scope: CommandScope, org: Organisation, on: date | None = None) -> list[OrgNode]:
    """The organisation's path to the root as the table of deciding bodies reads it: as it
    stood on `on` (a decision entered late is judged by the tree of its own date)."""
    return [OrgNode(o.id, o.name, o.type, o.admission_delegated_on)
            for o in scope.path(org, on) if o.type is not None]


def acting_body(scope: CommandScope) -> DecidingBody | None:
    """The body the caller's token acts for; None for the system, or a token naming no organ."""
    if scope.acting_for is None or not scope.acting_organ:
        return None
    try:
        return DecidingBody(scope.acting_for, Organ(scope.acting_organ))
    except ValueError:
        raise Forbidden(f"the token's organ {scope.acting_organ!r} is not a deciding "
                        "body") from None


@dataclass
class Decided:
    """A decision's record, built before the member's own checks run; leaving the `with` block
    without an error checks the body against the rule table (so a decision that is wrong on its
    own facts says so before it says who may take it)."""

    kind: DecisionKind
    body: DecidingBody
    path: list[OrgNode]
    scope: CommandScope
    record: DecisionRecord
    requires_proposal: bool

    def __enter__(self) -> Decided:
        return self

    def __exit__(self, error_type: object, error: object, tb: object) -> None:
        if error_type is None:
            assert self.record.decided_on is not None
            require_body(self.kind, self.body, self.path, self.scope.rules,
                         self.record.decided_on)


def decide(scope: CommandScope, kind: DecisionKind, path: list[OrgNode],
           decision: c.DecisionInput | None, on: date, own_date: bool = True) -> Decided:
    """The decision of `kind` taken on `on` (its record, and whether its row needs the branch's
    proposal), to use in a `with` block. `own_date`: the command's date is the decision's (a
    decided_on given must agree); otherwise the decision may precede the date it takes effect."""
    if not isinstance(decision, c.DecisionInput):
        raise InvalidInput("decision", "a decision names its number, its signer and the body "
                                       "that took it")
    decided_on = decision.decided_on or on
    if own_date and decided_on != on:
        raise InvalidInput("decision.decided_on", "differs from the command's decision date")
    if decided_on > on:
        raise InvalidInput("decision.decided_on", "falls after the date it takes effect")
    caller = acting_body(scope)
    if scope.acting_for is not None and caller is None:
        raise Forbidden("this token acts for no deciding body (no organ claim): it takes no "
                        "decisions")
    if decision.body is None:
        if caller is None:
            raise InvalidInput("decision.body", "name the deciding body (the caller acts for none)")
        body = caller
    else:
        organ = parse_enum(Organ, decision.body.organ, "decision.body.organ")
        org_id = parse_id(decision.body.organisation_id, "decision.body.organisation_id")
        body = DecidingBody(org_id, organ)
    if caller is not None and body != caller:
        raise Forbidden(f"this token acts for the {caller.organ.value} of organisation "
                        f"{caller.organisation_id}, not for the body the decision names")
    organisation = scope.organisation(body.organisation_id)  # NotFound: outside the subtree
    scope.read.append(organisation)
    body = DecidingBody(organisation.id, body.organ)  # a merged organisation: its survivor
    rules = scope.rules.in_force(decided_on)
    record = DecisionRecord(
        organisation_id=organisation.id, organ=body.organ,
        number=clean_text(decision.number, "decision.number", max_length=50),
        decided_on=decided_on,
        signer=clean_name(decision.signer, "decision.signer", max_length=100),
        rule_version=rules.version)
    return Decided(kind, body, path, scope, record, bool(rules[kind.proposal_rule]))
