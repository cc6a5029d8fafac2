"""The membership service's published API: all that the gateway, the demo, the benchmarks and
other services may import of it.

The commands it accepts and the values they carry, the views its queries answer with, and the
queries it publishes (`MembershipQueriesApi`, exactly the declaration's QUERY_NAMES: the RPC
wire is typed from it). Everything else in the package may change without notice.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from kit.paging import Page

from .application.change_views import ThresholdBreach, TransferView
from .application.handlers import new_id
from .application.province_transfer_queries import ProvinceTransferView
from .application.views import (
    BadgeDue,
    HistoryEntry,
    MemberView,
    OrganisationInScope,
    OrganisationView,
    TreeNode,
)
from .application.work_queue import WorkItem
from .domain.authority import DecisionKind, OrgNode, transfer_kind, who_may_decide
from .domain.change_commands import (
    EndSuspension,
    ExtendTemporaryTransfer,
    IssueTransferLetter,
    ReceiveMemberFromProvince,
    ReceiveTransferredMember,
    SuspendMember,
    TransferDestination,
)
from .domain.commands import (
    AdmitMember,
    CorrectMemberFile,
    CreateOrganisation,
    DecidingBodyInput,
    DecisionInput,
    DelegateAdmissionAuthority,
    DisciplineMember,
    DissolveOrganisation,
    EndExemption,
    EndTemporaryTransfer,
    ExemptMember,
    HoldAdmissionCeremony,
    IssuePartyCard,
    MergeOrganisation,
    MoveOrganisation,
    ProfileChanges,
    ProfileInput,
    ProposeAdmission,
    ProposeOfficialRecognition,
    ProposeRemovalFromRolls,
    RecogniseOfficialMember,
    RecordExistingMember,
    RecordMemberDeath,
    RemoveFromProbationaryList,
    RemoveMemberFromRolls,
    RenameOrganisation,
    SponsorInput,
    SubmitApplication,
    TransferMember,
    TransferMemberTemporarily,
    UpdateMemberProfile,
)
from .domain.corrections import FileField
from .domain.decision import Organ
from .domain.discipline_commands import DisciplineOrganisation
from .domain.discipline_values import MisconductCategory, OrganisationDisciplineForm
from .domain.province_transfer_commands import (
    ISSUED_BY_THE_LINK,
    AcceptIncomingTransfer,
    RefuseIncomingTransfer,
    SendMemberToProvince,
)
from .domain.rules import MEMBERSHIP_RULES
from .domain.values import (
    DisciplineForm,
    ExemptionGround,
    Gender,
    GeneralEducation,
    MemberStatus,
    OrganisationType,
    PoliticalTheory,
    RemovalGround,
    SponsorKind,
    SuspensionGround,
    TransferPurpose,
    add_months,
    add_years,
    parse_id,
)

__all__ = [
    # commands, and the inputs they carry
    "CreateOrganisation", "RenameOrganisation", "MoveOrganisation", "MergeOrganisation",
    "DissolveOrganisation", "SubmitApplication", "RecordExistingMember", "AdmitMember",
    "HoldAdmissionCeremony", "RecogniseOfficialMember", "IssuePartyCard",
    "RemoveFromProbationaryList", "TransferMember", "TransferMemberTemporarily",
    "EndTemporaryTransfer", "ExemptMember", "EndExemption", "RemoveMemberFromRolls",
    "DisciplineMember", "RecordMemberDeath", "UpdateMemberProfile",
    "ProfileInput", "ProfileChanges", "SponsorInput",
    "SuspendMember", "EndSuspension", "ExtendTemporaryTransfer", "IssueTransferLetter",
    "ReceiveTransferredMember", "ReceiveMemberFromProvince", "TransferDestination",
    # the values command fields and views take
    "OrganisationType", "MemberStatus", "Gender", "GeneralEducation", "PoliticalTheory",
    "SponsorKind", "RemovalGround", "DisciplineForm", "ExemptionGround", "TransferPurpose",
    "SuspensionGround",
    # ids are UUIDs; a new aggregate's id derives from the command id that creates it
    "parse_id", "new_id",
    # the calendar the rules count in (months and years of probation, party age)
    "add_months", "add_years",
    # what the queries answer with
    "OrganisationView", "OrganisationInScope", "TreeNode", "MemberView", "HistoryEntry", "BadgeDue", "Page",
    "TransferView", "ThresholdBreach", "ProvinceTransferView",
    "MembershipQueriesApi",
    # who decides: the decision a command records, the branch's proposals, delegation
    "DecisionInput", "DecidingBodyInput", "Organ", "ProposeAdmission",
    "ProposeOfficialRecognition", "ProposeRemovalFromRolls", "DelegateAdmissionAuthority",
    # the table of deciding bodies, read against an organisation path (pure)
    "DecisionKind", "OrgNode", "who_may_decide", "transfer_kind", "MEMBERSHIP_RULES",
    "WorkItem", "CorrectMemberFile", "FileField",
    # kỷ luật tổ chức đảng, and what a discipline was for
    "DisciplineOrganisation", "OrganisationDisciplineForm", "MisconductCategory",
    # transfers between province deployments (the link issues the other three itself)
    "SendMemberToProvince", "AcceptIncomingTransfer", "RefuseIncomingTransfer",
    "ISSUED_BY_THE_LINK",
]


@runtime_checkable
class MembershipQueriesApi(Protocol):
    """The questions membership answers for clients, from its read models only. Organisations
    merged into another are found under the survivor."""

    # -- organisations -----------------------------------------------------------------------

    def organisation(self, org_id: str) -> OrganisationView | None: ...

    def is_within(self, org_id: str, scope_org_id: str) -> bool:
        """True when org_id is scope_org_id or below it (following merges to the survivor)."""
        ...

    def organisation_in_scope(self, org_id: str, scope_org_id: str) -> OrganisationInScope | None:
        """The organisation with is_within(org_id, scope_org_id), or None when there is no
        such organisation: the gateway's scope guard asks both at once (one call instead of two
        over RPC)."""
        ...

    def ancestors(self, org_id: str) -> list[OrganisationView]:
        """From the root down to the organisation's parent."""
        ...

    def roots(self) -> list[OrganisationView]: ...

    def organisation_tree(self, root_id: str, as_of: date | None = None) -> TreeNode | None:
        """The subtree under root_id with member counts by status: now, or as of a past date."""
        ...

    # -- members -----------------------------------------------------------------------------

    def member(self, member_id: str) -> MemberView | None: ...

    def members_by_citizen_id(self, citizen_id: str) -> list[MemberView]:
        """Every file recording this normalised citizen ID (12 digits), whatever its status."""
        ...

    def members(self, scope_org_id: str, *, statuses: list[str] | None = None,
                gender: str | None = None, exempt: bool | None = None,
                name_contains: str | None = None, first: int = 50,
                after: str | None = None, suspended: bool | None = None) -> Page[MemberView]:
        """Members on the rolls of scope_org_id's subtree, in Vietnamese name order; applicants
        and former members only when their status is asked for."""
        ...

    def members_as_of(self, organisation_id: str, as_of: date, first: int = 50,
                      after: str | None = None) -> Page[tuple[MemberView, str]]:
        """Who was on an organisation's own rolls on a past date, and with what status."""
        ...

    def member_history(self, member_id: str) -> list[HistoryEntry]: ...

    def badges_due(self, scope_org_id: str, from_: date, to: date, first: int = 50,
                   after: str | None = None) -> Page[BadgeDue]:
        """Members on the rolls whose party age reaches a badge year within [from_, to]."""
        ...

    # -- suspension, transfers, formation thresholds ------------------------------------------

    def suspended_as_of(self, organisation_id: str, as_of: date) -> list[str]:
        """The members on an organisation's own rolls who were suspended on a date."""
        ...

    def transfers(self, scope_org_id: str, in_transit_only: bool = True) -> list[TransferView]:
        """Transfer letters from or to the subtree, oldest first, flagged overdue when in
        transit past the last day to present them."""
        ...

    def transfers_between_provinces(self, scope_org_id: str,
                                    open_only: bool = False) -> list[ProvinceTransferView]:
        """This province's side of the transfers to and from other province deployments
        within the subtree (a root also sees letters addressed to an organisation it does not
        have), oldest first, flagged overdue when open past the letter's last day."""
        ...

    def formation_threshold_breaches(self, root_id: str,
                                     as_of: date | None = None) -> list[ThresholdBreach]:
        """Organisations in the subtree breaking a formation threshold on a date (today by
        default), with the counts and the rule version."""
        ...

    def work_queue(self, scope_org_id: str, as_of: date, due_within: int = 20,
                   kinds: list[str] | None = None, first: int = 50,
                   after: str | None = None) -> Page[WorkItem]:
        """What is due or overdue in the subtree: open items due by `due_within` working days
        after as_of (overdue ones included) and the badges of the next presentation day, each
        with the rule (key + version) that sets its date and its working days left (negative:
        overdue), soonest first."""
        ...
