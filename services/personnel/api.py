"""The personnel service's published API: all that the gateway, the demo and other services may
import of it: the commands, the views its queries answer with, and the queries it publishes
(`PersonnelQueriesApi`, exactly the declaration's QUERY_NAMES)."""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from kit.ids import parse_id

from .application.congress_views import (
    ApprovalView,
    BallotRoundView,
    CommitteeSeat,
    CongressView,
    ElectionView,
    PersonNamed,
    VoteCount,
)
from .application.plan_approval_read_model import PlanApprovalView, PlanChange
from .application.training_views import (
    CadreWithoutPost,
    PostTheoryGaps,
    SubtreeTheoryGap,
    TheoryEligibility,
    TheoryGap,
)
from .application.views import (
    CadreFileView,
    CadreRef,
    ExpiringTerm,
    FileReadView,
    OrganisationRef,
    PlanEntryView,
    PlanStructure,
    PostPlan,
    PostView,
    PromotionBan,
    TermView,
    WorkItem,
)
from .domain.commands import (
    AddCadreToPlan,
    AppointCadre,
    DecisionInput,
    ExtendToRetirement,
    OpenCadreFile,
    PersonInput,
    ProposeAppointment,
    ProposePlanRemoval,
    ReappointCadre,
    RecordCadreFileRead,
    RegisterPost,
    RemoveCadreFromPlan,
)
from .domain.congress_commands import (
    AppointCommitteeMembers,
    ApproveElectionResults,
    CandidateVotesInput,
    ConveneCongress,
    NominateCandidates,
    RecordBallotResults,
)
from .domain.erasure import EraseCadrePersonalData
from .domain.plan_approval import ApprovePlan, ReviewPlan
from .domain.rotation import RotateCadre
from .domain.values import (
    Education,
    Gender,
    PlanRemovalGround,
    PoliticalTheory,
    PostBody,
    PostLevel,
)

__all__ = [
    "RegisterPost", "OpenCadreFile", "AddCadreToPlan", "RemoveCadreFromPlan",
    "ProposeAppointment", "AppointCadre", "ReappointCadre", "ExtendToRetirement",
    "RecordCadreFileRead", "ProposePlanRemoval", "DecisionInput", "PersonInput",
    "PostBody", "PostLevel", "Gender", "PoliticalTheory", "Education", "PlanRemovalGround",
    "parse_id",
    "OrganisationRef", "PostView", "CadreRef", "CadreFileView", "PlanEntryView", "TermView",
    "PostPlan", "PlanStructure", "ExpiringTerm", "PromotionBan", "WorkItem", "FileReadView",
    "PersonnelQueriesApi",
    # personnel-more
    "EraseCadrePersonalData", "TheoryEligibility", "TheoryGap", "PostTheoryGaps",
    "SubtreeTheoryGap", "RotateCadre", "CadreWithoutPost",
    "ConveneCongress", "NominateCandidates", "RecordBallotResults", "CandidateVotesInput",
    "ApproveElectionResults", "AppointCommitteeMembers", "CongressView", "ElectionView",
    "BallotRoundView", "ApprovalView", "PersonNamed", "VoteCount", "CommitteeSeat",
    # plan-approval
    "ApprovePlan", "ReviewPlan", "PlanApprovalView", "PlanChange",
]


@runtime_checkable
class PersonnelQueriesApi(Protocol):
    """Personnel's questions. Each is of one managing committee's posts and cadres; who may
    ask is the GraphQL part's guard (the committee's organisation commission; the read audit,
    its inspection committee)."""

    def organisation(self, organisation_id: str) -> OrganisationRef | None: ...

    def post(self, post_id: str) -> PostView | None: ...

    def posts(self, managing_organisation_id: str) -> list[PostView]: ...

    def cadre(self, cadre_id: str) -> CadreRef | None:
        """Who the cadre is and which committee manages the file (not a read of the file)."""
        ...

    def cadre_file(self, cadre_id: str) -> CadreFileView | None: ...

    def plan_fullness(self, managing_organisation_id: str, cycle: str,
                      on: date | None = None) -> list[PostPlan]: ...

    def plan_structure(self, managing_organisation_id: str, cycle: str,
                       on: date | None = None) -> PlanStructure: ...

    def expiring_terms(self, managing_organisation_id: str, from_: date,
                       to: date) -> list[ExpiringTerm]: ...

    def promotion_bans(self, managing_organisation_id: str,
                       on: date | None = None) -> list[PromotionBan]: ...

    def work_queue(self, managing_organisation_id: str,
                   on: date | None = None) -> list[WorkItem]: ...

    def file_reads(self, managing_organisation_id: str, from_: date,
                   to: date) -> list[FileReadView]: ...

    # personnel-more: training (QĐ 350-QĐ/TW)
    def intermediate_eligibility(self, cadre_id: str, on: date | None = None,
                                 part_time: bool = False) -> TheoryEligibility: ...

    def theory_gaps(self, managing_organisation_id: str,
                    on: date | None = None) -> list[PostTheoryGaps]: ...

    def theory_gaps_in_subtree(self, organisation_id: str,
                               on: date | None = None) -> list[SubtreeTheoryGap]: ...

    # personnel-more: rotation (QĐ 65-QĐ/TW), after the 2025 mergers
    def cadres_without_post(self, managing_organisation_id: str,
                            on: date | None = None) -> list[CadreWithoutPost]: ...
    def congress(self, congress_id: str) -> CongressView | None:
        """A congress with its elections, candidates, ballot rounds and approval state."""
        ...

    def congresses(self, organisation_id: str) -> list[CongressView]: ...

    def committee_members(self, organisation_id: str, term: str) -> list[CommitteeSeat]:
        """Who sits on the organisation's bodies for the term, elected or appointed."""
        ...

    # plan-approval: phê duyệt quy hoạch, reviewed yearly
    def plan_approval(self, managing_organisation_id: str, cycle: str,
                      on: date | None = None) -> PlanApprovalView | None: ...

    def plan_reviews_due(self, managing_organisation_id: str,
                         on: date | None = None) -> list[PlanApprovalView]: ...
