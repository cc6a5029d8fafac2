"""Who decides: which body may take which decision for which member or organisation.

The table is data in the rule book (domain/authority_rules.py, versioned by effective date); this
module reads it against the organisation tree. A row names bodies by where they sit relative to
the subject's organisation:

- ``branch``: the member's chi bộ (for an organisation subject: the organisation itself);
- ``grassroots``: the member's grassroots organisation (tổ chức cơ sở đảng, TCCSĐ);
- ``grassroots_delegated``: the grassroots organisation, only while it holds delegated admission
  authority (đảng ủy cơ sở được ủy quyền kết nạp);
- ``above_grassroots``: the committee directly above the grassroots organisation;
- ``parent``: the subject organisation's parent;
- ``grandparent``: the parent's parent (an organisation's dissolution as discipline);
- ``root``: the top of the path (the provincial committee).

and the organ after a colon (``above_grassroots:standing_committee``). A row is a list of
alternatives tried in order: the first that names any body applies ("the delegated grassroots
committee, else the BTV above").
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kit.rules import RuleBook

from .decision import DecidingBody, Organ
from .values import OrganisationType


class DecisionKind(enum.StrEnum):
    """The decisions the table knows; each has the rule ``<kind>.deciding_body``."""

    ADMISSION = "admission"  # kết nạp
    RECOGNITION = "recognition"  # công nhận đảng viên chính thức
    REMOVAL_FROM_PROBATION = "removal_from_probation"  # xóa tên khỏi danh sách dự bị
    TRANSFER_OUT = "transfer_out"  # giới thiệu chuyển sinh hoạt ra khỏi đảng bộ cơ sở
    TRANSFER_WITHIN = "transfer_within"  # between branches of one grassroots organisation
    EXEMPTION = "exemption"  # miễn công tác và sinh hoạt đảng
    REMOVAL_FROM_ROLLS = "removal_from_rolls"  # xóa tên
    DISCIPLINE_REPRIMAND = "discipline.reprimand"  # khiển trách
    DISCIPLINE_WARNING = "discipline.warning"  # cảnh cáo
    DISCIPLINE_DISMISSAL = "discipline.dismissal"  # cách chức
    DISCIPLINE_EXPULSION = "discipline.expulsion"  # khai trừ
    ADMISSION_DELEGATION = "admission_delegation"  # ủy quyền kết nạp cho đảng ủy cơ sở
    # reserved for the evaluations and personnel services
    EVALUATION_CLASSIFICATION = "evaluation.organisation_classification"
    APPOINTMENT = "appointment"
    # kỷ luật tổ chức đảng (domain/organisation_discipline.py)
    ORGANISATION_DISCIPLINE_REPRIMAND = "organisation_discipline.reprimand"
    ORGANISATION_DISCIPLINE_WARNING = "organisation_discipline.warning"
    ORGANISATION_DISCIPLINE_DISSOLUTION = "organisation_discipline.dissolution"

    @property
    def rule(self) -> str:
        return f"{self.value}.deciding_body"

    @property
    def proposal_rule(self) -> str:
        return f"{self.value}.requires_proposal"


@dataclass(frozen=True)
class Authority:
    """One row of the table: alternatives of bodies, tried in order, and where the row comes
    from ("[S11]" a public source; "[mem]" unconfirmed, configurable, not law)."""

    choices: tuple[tuple[str, ...], ...]
    source: str


@dataclass(frozen=True)
class OrgNode:
    """What the table needs to know of one organisation on the subject's path to the root."""

    id: str
    name: str
    type: OrganisationType
    admission_delegated_on: date | None = None


@dataclass(frozen=True)
class Allowed:
    """The bodies that may take a decision on a date, under which rule and version."""

    kind: DecisionKind
    bodies: tuple[DecidingBody, ...]
    rule: str
    rule_version: str
    requires_proposal: bool
    names: tuple[tuple[str, str], ...] = ()  # (organisation id, name), for messages

    def describe(self) -> str:
        names = dict(self.names)
        return "; ".join(f"{b.organ.value} of {names.get(b.organisation_id, b.organisation_id)}"
                         for b in self.bodies) or "no body in this organisation tree"


_SUB_LEVELS = {OrganisationType.SUB_BRANCH, OrganisationType.SUB_COMMITTEE,
               OrganisationType.PARTY_CELL}


def grassroots_index(path: Sequence[OrgNode], grassroots_types: Sequence[str]) -> int:
    """Where the grassroots organisation sits on a path (nearest first). A sub-level
    organisation under a committee that is not grassroots on that date (a commune committee
    after 1/7/2025) is taken as the grassroots organisation itself [mem: HD 31 open question]."""
    for index, node in enumerate(path):
        if node.type.value in grassroots_types:
            return index
        if node.type not in _SUB_LEVELS:
            return max(index - 1, 0)
    return len(path) - 1


def _resolve(where: str, path: Sequence[OrgNode], on: date,
             grassroots_types: Sequence[str]) -> OrgNode | None:
    if not path:
        return None
    if where == "branch":
        return path[0]
    if where == "parent":
        return path[1] if len(path) > 1 else None
    if where == "root":
        return path[-1]
    if where == "grandparent":  # the level above the parent (cấp ủy cấp trên cách một cấp)
        return path[2] if len(path) > 2 else None
    index = grassroots_index(path, grassroots_types)
    if where == "grassroots":
        return path[index]
    if where == "grassroots_delegated":
        node = path[index]
        delegated = node.admission_delegated_on is not None and node.admission_delegated_on <= on
        return node if delegated and not node.type.is_branch else None
    if where == "above_grassroots":
        return path[index + 1] if index + 1 < len(path) else None
    raise ValueError(f"the table of deciding bodies names an unknown place {where!r}")


def who_may_decide(kind: DecisionKind, path: Sequence[OrgNode], rules: RuleBook,
                   on: date) -> Allowed:
    """The bodies that may take `kind` on `on` for a subject whose organisation path (the
    member's branch or the organisation decided on, then its ancestors) is `path`."""
    r = rules.in_force(on)
    row: Authority = r[kind.rule]
    grassroots_types = r["authority.grassroots_types"]
    for choice in row.choices:
        bodies: list[DecidingBody] = []
        for entry in choice:
            where, _, organ = entry.partition(":")
            node = _resolve(where, path, on, grassroots_types)
            if node is not None:
                bodies.append(DecidingBody(node.id, Organ(organ)))
        if bodies:
            return Allowed(kind, tuple(bodies), kind.rule, r.version,
                           bool(r[kind.proposal_rule]), tuple((n.id, n.name) for n in path))
    return Allowed(kind, (), kind.rule, r.version, bool(r[kind.proposal_rule]),
                   tuple((n.id, n.name) for n in path))


def require_body(kind: DecisionKind, body: DecidingBody, path: Sequence[OrgNode],
                 rules: RuleBook, on: date) -> Allowed:
    """The check a decision passes: `body` may take `kind`, or RuleViolated names the rule, its
    version and the bodies that may."""
    allowed = who_may_decide(kind, path, rules, on)
    if body not in allowed.bodies:
        names = dict(allowed.names)
        error = rules.in_force(on).refuse(
            allowed.rule,
            f"{kind.value} is not decided by the {body.organ.value} of "
            f"{names.get(body.organisation_id, body.organisation_id)}; on {on:%d/%m/%Y} it may "
            f"be decided by: {allowed.describe()}")
        error.details["may_decide"] = [
            {"organisation_id": b.organisation_id, "organ": b.organ.value} for b in allowed.bodies]
        raise error
    return allowed


def transfer_kind(from_path: Sequence[OrgNode], to_path: Sequence[OrgNode], rules: RuleBook,
                  on: date) -> DecisionKind:
    """Within one grassroots organisation its committee moves a member between its branches;
    out of it, the committee above issues the letter (giấy giới thiệu chuyển sinh hoạt)."""
    types = rules.in_force(on)["authority.grassroots_types"]
    home = from_path[grassroots_index(from_path, types)].id
    there = to_path[grassroots_index(to_path, types)].id
    return DecisionKind.TRANSFER_WITHIN if home == there else DecisionKind.TRANSFER_OUT


def discipline_kind(form: str) -> DecisionKind:
    return DecisionKind(f"discipline.{form}")
