"""Who classifies whom: evaluations' own copy of the rows of the platform's table of deciding
bodies it needs (membership keeps the table for its own decisions; services share no code).

A row names bodies by where they sit relative to the subject, as the period's roll places it:

- ``grassroots``: the subject's grassroots organisation (tổ chức cơ sở đảng, TCCSĐ);
- ``above_grassroots``: the organisation directly above that grassroots organisation;

with the organ after a colon. A row is a list of alternatives, the first naming a body applies.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kit.errors import RuleViolated
from kit.rules import RuleBook, RuleSet

from .decision import DecidingBody, Organ


class Classified(enum.StrEnum):
    """Whose classification is decided; each has the rule ``classification.<value>.deciding_body``."""

    MEMBER = "member"  # a party member
    GRASSROOTS = "grassroots"  # a grassroots organisation (TCCSĐ)
    BRANCH = "branch"  # an organisation under a grassroots organisation (chi bộ trực thuộc)

    @property
    def rule(self) -> str:
        return f"classification.{self.value}.deciding_body"


@dataclass(frozen=True)
class Authority:
    choices: tuple[tuple[str, ...], ...]
    source: str  # "[S18]" a public source; "[mem]" unconfirmed, configurable, not law


_ROWS = {
    Classified.MEMBER.rule: Authority(
        (("grassroots:committee",),),
        "[S18, mem] HD 43: the grassroots committee (a chi bộ cơ sở: its chi ủy) decides its "
        "members' classification on the branches' proposals"),
    Classified.GRASSROOTS.rule: Authority(
        (("above_grassroots:standing_committee",),),
        "[S18] DOMAIN §5 step 4: a TCCSĐ is classified by the superior committee's BTV"),
    Classified.BRANCH.rule: Authority(
        (("grassroots:committee",),),
        "[mem] a branch under a grassroots organisation: that organisation's committee"),
}

CLASSIFICATION_AUTHORITY = RuleBook([
    RuleSet("evaluations-authority-2023.1", date(2023, 10, 4),
            "QĐ 124-QĐ/TW (4/10/2023), kept by QĐ 366-QĐ/TW (30/8/2025) and HD 43-HD/BTCTW; "
            "rows marked [mem] are configurable",
            _ROWS),
])


@dataclass(frozen=True)
class Allowed:
    bodies: tuple[DecidingBody, ...]
    rule: str
    rule_version: str

    def describe(self) -> str:
        return "; ".join(f"the {b.organ.value} of organisation {b.organisation_id}"
                         for b in self.bodies) or "no body in this organisation tree"


def who_decides(kind: Classified, places: Mapping[str, str | None], on: date,
                rules: RuleBook = CLASSIFICATION_AUTHORITY) -> Allowed:
    """The bodies that may decide, for a subject whose places (``grassroots``,
    ``above_grassroots``: organisation ids, None where there is none) are given."""
    r = rules.in_force(on)
    row: Authority = r[kind.rule]
    for choice in row.choices:
        bodies = []
        for entry in choice:
            where, _, organ = entry.partition(":")
            if where not in places:
                raise ValueError(f"the table of deciding bodies names an unknown place {where!r}")
            if places[where]:
                bodies.append(DecidingBody(str(places[where]), Organ(organ)))
        if bodies:
            return Allowed(tuple(bodies), kind.rule, r.version)
    return Allowed((), kind.rule, r.version)


def require_body(kind: Classified, body: DecidingBody, places: Mapping[str, str | None],
                 on: date, rules: RuleBook = CLASSIFICATION_AUTHORITY) -> Allowed:
    """`body` may decide, or RuleViolated names the rule, its version and the bodies that may."""
    allowed = who_decides(kind, places, on, rules)
    if body not in allowed.bodies:
        error = RuleViolated(allowed.rule, allowed.rule_version,
                             f"a {kind.value}'s classification is not decided by the "
                             f"{body.organ.value} of organisation {body.organisation_id}; it is "
                             f"decided by {allowed.describe()}")
        error.details["may_decide"] = [
            {"organisation_id": b.organisation_id, "organ": b.organ.value} for b in allowed.bodies]
        raise error
    return allowed
