"""Personnel commands: what a client asks for, imperative. Plain data; handlers validate.

Every id is typed by what it names, and the runner refuses, as not found, a post, cadre file,
organisation or member the caller may not see (kit.references): a post or cadre file is seen only
by the committee that manages it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from kit.dates import BirthDate, PartyDate
from kit.references import Ref
from kit.text import Name

OrganisationId = Annotated[str, Ref("organisation")]
MemberId = Annotated[str, Ref("member")]
PostId = Annotated[str, Ref("post")]
CadreId = Annotated[str, Ref("cadre")]


@dataclass(frozen=True)
class DecisionInput:
    """A decision of the body the caller's token acts for (its `organ` of the managing
    committee): number, date and signer."""

    number: str
    decided_on: PartyDate
    signer: Name


@dataclass(frozen=True)
class PersonInput:
    """Who a cadre is, for a cadre who is not a party member (a member's comes from the member
    file, through membership's events)."""

    full_name: Name
    date_of_birth: BirthDate
    gender: str


@dataclass(frozen=True)
class RegisterPost:
    """Add a leadership post to the catalogue. `body`: party_committee | standing_committee |
    government | mass_organisation; `level`: province | commune; `rank`: a higher number is a
    higher post; `head`: the post heads its body (at most 2 consecutive terms)."""

    title: str
    body: str
    level: str
    organisation_id: OrganisationId  # the organisation whose post it is
    managing_organisation_id: OrganisationId  # the committee that manages it
    rank: int
    head: bool = False


@dataclass(frozen=True)
class OpenCadreFile:
    """Open a cadre's file (hồ sơ cán bộ) under the committee that manages it."""

    managing_organisation_id: OrganisationId
    political_theory: str
    education: str
    opened_on: PartyDate
    member_id: MemberId | None = None
    person: PersonInput | None = None  # only for a cadre who is not a party member


@dataclass(frozen=True)
class AddCadreToPlan:
    """Đưa vào quy hoạch: the cadre into the post's plan for a cycle (e.g. "2030-2035")."""

    post_id: PostId
    cadre_id: CadreId
    cycle: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class RemoveCadreFromPlan:
    """Đưa ra khỏi quy hoạch. `ground`: discipline | over_age | political_standard | other; a
    ground of fact (discipline, over age) must hold on the decision's date."""

    post_id: PostId
    cadre_id: CadreId
    cycle: str
    ground: str
    reason: str
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class ProposePlanRemoval:
    """The organisation commission proposes a removal from a plan (from a work item the facts
    opened, or on its own ground); the competent body decides it with RemoveCadreFromPlan."""

    post_id: PostId
    cadre_id: CadreId
    cycle: str
    ground: str
    reason: str
    proposed_on: PartyDate


@dataclass(frozen=True)
class ProposeAppointment:
    """The organisation commission starts an appointment: planning waits until it ends."""

    cadre_id: CadreId
    post_id: PostId
    proposed_on: PartyDate


@dataclass(frozen=True)
class AppointCadre:
    """Bổ nhiệm: a term of the rule's years from `starts_on`. An internal candidate must be in
    the post's plan; `external` marks one from outside the committee's cadres."""

    cadre_id: CadreId
    post_id: PostId
    starts_on: PartyDate
    external: bool = False
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class ReappointCadre:
    """Bổ nhiệm lại: the next term, from the day the current one ends."""

    cadre_id: CadreId
    post_id: PostId
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class ExtendToRetirement:
    """Kéo dài thời gian giữ chức vụ đến tuổi nghỉ hưu: fewer years left than a reappointment
    needs."""

    cadre_id: CadreId
    post_id: PostId
    decision: DecisionInput = field(kw_only=True)


@dataclass(frozen=True)
class RecordCadreFileRead:
    """A read of a cadre file, with the purpose the request states (the gateway records one
    before it answers)."""

    cadre_id: CadreId
    purpose: str
