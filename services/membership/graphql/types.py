"""GraphQL types of membership: organisations, members, their history, trees and pages."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from typing import Any

import strawberry
from strawberry.scalars import JSON

from gateway.toolkit import Info, graphql_enum, name_key
from kit.made import made
from kit.paging import encode_cursor
from services.membership import api as v

from .own import membership

STATUSES = tuple(s.value for s in v.MemberStatus)

OrganisationType = graphql_enum(v.OrganisationType, "OrganisationType", "Kind of party organisation.")
MemberStatus = graphql_enum(v.MemberStatus, "MemberStatus", "Where a member stands.")
Gender = graphql_enum(v.Gender, "Gender", "Gender as the member file records it.")
Education = graphql_enum(v.GeneralEducation, "Education", "General education (giáo dục phổ thông).")
PoliticalTheory = graphql_enum(v.PoliticalTheory, "PoliticalTheory", "Lý luận chính trị.")
SponsorKind = graphql_enum(v.SponsorKind, "SponsorKind", "Who sponsors an application.")
RemovalGround = graphql_enum(v.RemovalGround, "RemovalGround", "Grounds for xóa tên.")
DisciplineForm = graphql_enum(v.DisciplineForm, "DisciplineForm", "Forms of discipline.")
ExemptionGround = graphql_enum(v.ExemptionGround, "ExemptionGround", "Grounds for exemption.")
TransferPurpose = graphql_enum(v.TransferPurpose, "TransferPurpose", "Why a member moves for a time.")


def by_value(enum_type: type[enum.Enum]) -> Callable[[Any], Any]:
    """enum_type(value) through a dict: an Enum call costs several µs, and a page makes hundreds.
    An unknown value still raises the Enum's own ValueError."""
    members = {m.value: m for m in enum_type}
    return lambda value: members.get(value) or enum_type(value)


@strawberry.enum(description="Whether an organisation still exists.")
class OrganisationStatus(enum.Enum):
    ACTIVE = "active"
    MERGED = "merged"
    DISSOLVED = "dissolved"


_org_type, _org_status = by_value(OrganisationType), by_value(OrganisationStatus)
_gender, _education = by_value(Gender), by_value(Education)
_theory, _status = by_value(PoliticalTheory), by_value(MemberStatus)


@strawberry.type
class Organisation:
    id: strawberry.ID
    name: str
    type: OrganisationType  # type: ignore[valid-type]
    parent_id: strawberry.ID | None
    depth: int
    status: OrganisationStatus
    merged_into_id: strawberry.ID | None
    established_on: date
    ended_on: date | None

    @classmethod
    def from_view(cls, o: v.OrganisationView) -> Organisation:
        return made(cls, {"id": o.id, "name": o.name, "type": _org_type(o.type),
                          "parent_id": o.parent_id, "depth": o.depth,
                          "status": _org_status(o.status), "merged_into_id": o.merged_into,
                          "established_on": o.established_on, "ended_on": o.ended_on})


def organisation_or_none(info: Info, organisation_id: str | None) -> Organisation | None:
    view = info.context.organisation(organisation_id) if organisation_id else None
    return Organisation.from_view(view) if view else None


@strawberry.type(description="One change in a member's story, in the order it was recorded.")
class HistoryEntry:
    position: int
    event: str
    effective_on: date
    recorded_at: str
    actor: str
    details: JSON


@strawberry.type(description="A member's file (phiếu đảng viên) as it stands now.")
class Member:
    id: strawberry.ID
    organisation_id: strawberry.ID
    full_name: str
    gender: Gender  # type: ignore[valid-type]
    date_of_birth: date
    ethnicity: str
    hometown: str
    citizen_id: str
    education: Education  # type: ignore[valid-type]
    political_theory: PoliticalTheory  # type: ignore[valid-type]
    occupation: str
    qualification: str
    status: MemberStatus  # type: ignore[valid-type]
    exempt: bool
    temporary_organisation_id: strawberry.ID | None
    temporary_until: date | None
    submitted_on: date | None
    admitted_on: date | None
    first_admitted_on: date | None
    ceremony_on: date | None
    probation_ends_on: date | None
    official_from: date | None
    card_number: str | None
    left_on: date | None
    suspended: bool = strawberry.field(description="Đình chỉ sinh hoạt: on the rolls, but "
                                                   "summoned to nothing.")
    suspended_on: date | None
    in_transit_to_organisation_id: strawberry.ID | None = strawberry.field(
        description="The branch a transfer letter sends the member to, until it receives them.")
    transit_present_by: date | None = strawberry.field(
        description="The last day to present that letter (30 working days).")
    temporary_transfer_overdue: bool = strawberry.field(
        description="A temporary transfer's end date (temporaryUntil) has passed and no return "
                    "was recorded: the member is no longer away (temporaryOrganisationId null).")

    @classmethod
    def from_view(cls, m: v.MemberView) -> Member:
        fields = dict(m.__dict__)
        fields.update(gender=_gender(m.gender), education=_education(m.education),
                      political_theory=_theory(m.political_theory), status=_status(m.status))
        return made(cls, fields)

    @strawberry.field(description="The organisation whose rolls keep this member.")
    def organisation(self, info: Info) -> Organisation | None:
        return organisation_or_none(info, self.organisation_id)

    @strawberry.field(description="Every recorded change, oldest first.")
    def history(self, info: Info) -> list[HistoryEntry]:
        return [HistoryEntry(position=h.position, event=h.event, effective_on=h.effective_on,
                             recorded_at=h.recorded_at, actor=h.actor, details=h.details)
                for h in membership(info.context).member_history(self.id)]


def member_or_none(info: Info, member_id: str | None) -> Member | None:
    view = info.context.member(member_id) if member_id else None
    return Member.from_view(view) if view else None


@strawberry.type(description="Member counts by status (đảng viên dự bị, chính thức, ...).")
class StatusCounts:
    applicant: int
    probationary: int
    official: int
    removed_from_probation: int
    removed_from_rolls: int
    expelled: int
    deceased: int
    transferred_out: int = strawberry.field(description="Transferred out of the province.")
    suspended: int = strawberry.field(description="Of the probationary and official members, "
                                                  "those suspended (đình chỉ sinh hoạt).")

    @strawberry.field(description="Probationary plus official members.")
    def on_rolls(self) -> int:
        return self.probationary + self.official

    @classmethod
    def from_counts(cls, counts: dict[str, int]) -> StatusCounts:
        fields = {**_NO_COUNTS, **counts}
        if len(fields) != len(_NO_COUNTS):  # a status this type does not show: left out
            fields = {s: counts.get(s, 0) for s in _NO_COUNTS}
        return made(cls, fields)


_NO_COUNTS = dict.fromkeys((*STATUSES, "suspended"), 0)  # StatusCounts' fields


@strawberry.type(description="An organisation in a tree, with the members on its rolls.")
class OrganisationTreeNode:
    organisation: Organisation
    level: int = strawberry.field(description="Distance from the tree's root (0 at the root).")
    own_counts: StatusCounts = strawberry.field(description="Members on this organisation's "
                                                            "own rolls.")
    subtree_counts: StatusCounts = strawberry.field(description="Members in the whole subtree.")
    children: list[OrganisationTreeNode]

    @strawberry.field(description="Every node below this one, depth first: a flat table.")
    def descendants(self) -> list[OrganisationTreeNode]:
        out: list[OrganisationTreeNode] = []
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out

    @classmethod
    def from_node(cls, node: v.TreeNode, level: int = 0) -> OrganisationTreeNode:
        return made(cls, {"organisation": Organisation.from_view(node.organisation),
                          "level": level, "own_counts": StatusCounts.from_counts(node.own_counts),
                          "subtree_counts": StatusCounts.from_counts(node.subtree_counts),
                          "children": [cls.from_node(c, level + 1) for c in node.children]})


@strawberry.type(description="A member on an organisation's rolls on a past date.")
class MemberOnRollsThen:
    status_then: MemberStatus  # type: ignore[valid-type]
    member_id: strawberry.Private[str]
    suspended_then: bool = strawberry.field(default=False, description="Suspended (đình chỉ "
                                                                       "sinh hoạt) on that date.")

    @strawberry.field(description="The member as the file stands now; null with a FORBIDDEN "
                                  "error when they have since moved outside your subtree.")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)


@strawberry.type(description="A party-age badge (huy hiệu) a member becomes due for.")
class BadgeDue:
    member: Member
    years: int
    due_on: date


def member_cursor(m: v.MemberView, *prefix: object) -> str:
    """The cursor the queries layer pages on (name order, then id), for one edge."""
    return encode_cursor(*prefix, name_key(m.full_name), m.id)

