"""Personnel events, past tense. Personal data of a cadre sits in one record, `PersonalData`,
so it can be marked (and encrypted per person) as a whole."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .values import Education, Gender, PlanRemovalGround, PoliticalTheory, PostBody, PostLevel


@dataclass(frozen=True)
class PersonalData:
    """A cadre's identity: the personal data of personnel's events."""

    full_name: str
    date_of_birth: date
    gender: Gender


@dataclass(frozen=True)
class DecisionRecord:
    """Who decided (organ of an organisation), under which number, on which date, signed by whom."""

    organisation_id: str
    organ: str
    number: str
    decided_on: date
    signer: str


@dataclass(frozen=True)
class PostRegistered:
    """A leadership post entered in the catalogue, managed by a named committee."""

    post_id: str
    title: str
    body: PostBody
    level: PostLevel
    organisation_id: str
    managing_organisation_id: str
    rank: int
    head: bool


@dataclass(frozen=True)
class CadreFileOpened:
    """A cadre file (hồ sơ cán bộ) opened; linked to the member file for a party member."""

    cadre_id: str
    managing_organisation_id: str
    member_id: str | None
    person: PersonalData | None  # None for a member: the member file holds it
    political_theory: PoliticalTheory
    education: Education
    opened_on: date


@dataclass(frozen=True)
class CadreAddedToPlan:
    """Đưa vào quy hoạch: the cadre is in the post's plan for the cycle."""

    cadre_id: str
    post_id: str
    cycle: str
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class CadreRemovedFromPlan:
    """Đưa ra khỏi quy hoạch, by the competent body, on a stated ground."""

    cadre_id: str
    post_id: str
    cycle: str
    ground: PlanRemovalGround
    reason: str
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class PlanRemovalProposed:
    """The organisation commission proposes a cadre's removal from a plan, on a ground the
    facts support; the competent body decides (CadreRemovedFromPlan)."""

    cadre_id: str
    post_id: str
    cycle: str
    ground: PlanRemovalGround
    reason: str
    proposed_on: date
    rule_version: str


@dataclass(frozen=True)
class PlanPlaceTaken:
    """The post's side of CadreAddedToPlan: one of its plan's places for the cycle is taken (so
    two decisions cannot fill the same last place)."""

    post_id: str
    cadre_id: str
    cycle: str


@dataclass(frozen=True)
class PlanPlaceReleased:
    """The post's side of CadreRemovedFromPlan."""

    post_id: str
    cadre_id: str
    cycle: str


@dataclass(frozen=True)
class AppointmentProposed:
    """An appointment of the cadre to the post is in progress."""

    cadre_id: str
    post_id: str
    proposed_on: date


@dataclass(frozen=True)
class CadreAppointed:
    """Bổ nhiệm: a term in the post from `starts_on` to `ends_on`."""

    cadre_id: str
    post_id: str
    starts_on: date
    ends_on: date
    term_number: int  # of consecutive terms in this post
    head: bool
    external: bool
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class CadreReappointed:
    """Bổ nhiệm lại: the next consecutive term in the same post."""

    cadre_id: str
    post_id: str
    starts_on: date
    ends_on: date
    term_number: int
    head: bool
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class TermExtendedToRetirement:
    """The current term runs on to the cadre's retirement."""

    cadre_id: str
    post_id: str
    previous_ends_on: date
    ends_on: date
    decision: DecisionRecord
    rule_version: str


@dataclass(frozen=True)
class CadreFileRead:
    """Someone read a cadre file, for a stated purpose (the read audit)."""

    read_id: str
    cadre_id: str
    managing_organisation_id: str
    reader: str  # the user id the token names
    reader_role: str
    reader_organisation_id: str | None  # None: the system read it
    reader_organ: str
    read_at: datetime
    purpose: str
