"""The meetings service's published API: all that the gateway, the demo, the benchmarks and
other services may import of it.

The commands it accepts and the values they carry, the views its queries answer with, and the
queries it publishes (`MeetingsQueriesApi`, exactly the declaration's QUERY_NAMES: the RPC wire
is typed from it). Everything else in the package may change without notice.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from kit.paging import Page

from .application.views import (
    AttendanceLine,
    AttendanceRate,
    BranchAttendance,
    CadreView,
    CadreVisit,
    MaterialsIssue,
    MaterialsView,
    MeetingDetail,
    MeetingSummary,
    MemberAttendance,
    MissedMeeting,
    OrganisationRef,
    RemovalGroundView,
    ResolutionView,
    RosterEntry,
    UnexcusedAbsentee,
)
from .domain.commands import (
    AdoptResolution,
    AttendanceEntry,
    CancelMeeting,
    CloseMeeting,
    CloseMinutes,
    DuesPaymentEntry,
    OpenMeeting,
    PublishMaterials,
    RecordAttendance,
    RecordAttendanceSheet,
    RecordDuesPayments,
    RecordSuperiorCadreAttendance,
    RescheduleMeeting,
    ScheduleMeeting,
)
from .domain.events import SummonedMember
from .domain.meeting import exclusion_of
from .domain.removal import RemovalGround
from .domain.resolutions import ResolutionType
from .domain.values import (
    AttendanceStatus,
    Exclusion,
    MeetingKind,
    MeetingStatus,
    local_date,
    parse_id,
)
from .domain.voting import Tally, tally

__all__ = [
    # commands, and the entries an attendance sheet carries
    "ScheduleMeeting", "RescheduleMeeting", "CancelMeeting", "PublishMaterials", "OpenMeeting",
    "RecordAttendance", "RecordAttendanceSheet", "AttendanceEntry",
    "RecordSuperiorCadreAttendance", "AdoptResolution", "CloseMeeting", "CloseMinutes",
    # the values command fields and views take; ids are UUIDs; dates in business time
    "MeetingKind", "MeetingStatus", "AttendanceStatus", "Exclusion", "parse_id", "local_date",
    # the summoned list a meeting freezes when it opens (published in meetings.MeetingOpened),
    # and who of it counts towards a resolution's majority, for clients preparing a ballot
    "SummonedMember", "exclusion_of",
    # what the queries answer with
    "OrganisationRef", "RosterEntry", "MeetingSummary", "AttendanceLine", "ResolutionView",
    "CadreView", "MaterialsView", "MeetingDetail", "AttendanceRate", "BranchAttendance",
    "MemberAttendance", "MissedMeeting", "UnexcusedAbsentee", "CadreVisit", "MaterialsIssue",
    "Page", "MeetingsQueriesApi",
    # typed resolutions, dues, and the grounds for xóa tên branches find
    "ResolutionType", "RecordDuesPayments", "DuesPaymentEntry", "RemovalGround",
    "RemovalGroundView",
    # how a vote of each type is counted (denominator, approvals needed), for a ballot
    "Tally", "tally",
]


@runtime_checkable
class MeetingsQueriesApi(Protocol):
    """The questions meetings answers for clients, from its read models only (its organisation
    and roster view follows membership's published events). Every list is scoped to a subtree;
    a branch is its own subtree."""

    # -- organisations and rolls -------------------------------------------------------------

    def organisation(self, organisation_id: str) -> OrganisationRef | None: ...

    def is_within(self, organisation_id: str, scope_organisation_id: str) -> bool:
        """True when the organisation is the scope or below it (a merged organisation sits
        under the one that absorbed it)."""
        ...

    def roster(self, organisation_id: str) -> list[RosterEntry]:
        """Who the branch's next meeting would summon, as of now, in Vietnamese name order."""
        ...

    # -- meetings ----------------------------------------------------------------------------

    def meetings(self, scope_organisation_id: str, *, from_: date | None = None,
                 to: date | None = None, statuses: list[str] | None = None, first: int = 50,
                 after: str | None = None) -> Page[MeetingSummary]:
        """Newest scheduled first; optionally only those scheduled within [from_, to] or with
        the given statuses."""
        ...

    def meeting(self, meeting_id: str) -> MeetingDetail | None:
        """One meeting with its agenda, attendance, resolutions, superior cadres and materials."""
        ...

    # -- statistics --------------------------------------------------------------------------

    def attendance_rate(self, scope_organisation_id: str, from_: date,
                        to: date) -> AttendanceRate:
        """Attendance over every held meeting in the subtree."""
        ...

    def attendance_by_branch(self, scope_organisation_id: str, from_: date,
                             to: date) -> list[BranchAttendance]:
        """Every branch in the subtree, in Vietnamese name order, with its attendance."""
        ...

    def attendance_by_member(self, scope_organisation_id: str, from_: date, to: date,
                             first: int = 50, after: str | None = None) -> Page[MemberAttendance]:
        """Each member summoned to a held meeting in the subtree, in Vietnamese name order."""
        ...

    def member_attendance(self, member_id: str, from_: date, to: date) -> AttendanceRate: ...

    def unexcused_absentees(self, scope_organisation_id: str,
                            year: int) -> list[UnexcusedAbsentee]:
        """Members whose unexcused absences of the year fell in the threshold's number of
        calendar months, with those absences."""
        ...

    def removal_grounds(self, scope_organisation_id: str,
                        year: int) -> list[RemovalGroundView]:
        """Grounds for xóa tên branches of the subtree found in the year: months absent without
        reason, months of dues unpaid."""
        ...

    # -- compliance --------------------------------------------------------------------------

    def missed_monthly_meetings(self, scope_organisation_id: str, from_: date,
                                to: date) -> list[MissedMeeting]:
        """Branches that held fewer regular (or combined) meetings than the rule asks in a
        month of the period."""
        ...

    def missed_thematic_meetings(self, scope_organisation_id: str, from_: date,
                                 to: date) -> list[MissedMeeting]:
        """Branches that held no thematic (or combined) meeting in a quarter of the period."""
        ...

    def superior_cadre_attendance(self, scope_organisation_id: str, from_: date,
                                  to: date) -> list[CadreVisit]:
        """For each assigned day of the schedule and each branch: did it meet, and did a
        superior cadre attend?"""
        ...

    def materials_issues(self, scope_organisation_id: str, from_: date,
                         to: date) -> list[MaterialsIssue]:
        """Meetings whose materials went out late, or were held with none published."""
        ...

    def short_meetings(self, scope_organisation_id: str, from_: date,
                       to: date) -> list[MeetingSummary]:
        """Meetings held in the period that lasted less than the rule's minimum for their kind."""
        ...
