"""Admission (kết nạp): application, decision, ceremony, probation, card.

The steps of `Member` from applicant to official member, kept apart from its movements and
standing; `Member` mixes them in and they use its guards (`_require`, `_dated`) and state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kit.errors import InvalidInput, InvalidState
from kit.rules import RuleBook
from kit.text import clean_text

from .authority import DecisionKind
from .decision import DecisionRecord
from .events import (
    AdmissionCeremonyHeld,
    ApplicationSubmitted,
    MemberAdmitted,
    MemberRecognisedAsOfficial,
    MemberRemovedFromProbationaryList,
    PartyCardIssued,
    Sponsor,
)
from .grounds import check_youth_union_sponsor
from .organisation import Organisation, require_branch
from .profile import MemberProfile
from .values import GeneralEducation, MemberStatus, SponsorKind, add_months, months_between

if TYPE_CHECKING:
    from .party_age import PartyAge

CARD_NUMBER = re.compile(r"^\d{2}\.?\d{6}$")  # e.g. 37.012345: province prefix, serial
_EDUCATION_ORDER = list(GeneralEducation)


@dataclass(frozen=True)
class SponsorStanding:
    """What the decision needs to know of a sponsoring member, read from that member's stream."""

    member_id: str
    status: MemberStatus


class AdmissionSteps:
    """Mixed into `Member`: the decisions from application to official membership. The
    methods it uses (`_require`, `_dated`, `record`) are Member's and Aggregate's."""

    id: str
    exists: bool
    profile: MemberProfile | None
    readmissions: int
    party_age: PartyAge | None
    ceremony_on: date | None
    probation_ends_on: date | None

    def submit_application(
        self,
        organisation: Organisation,
        profile: MemberProfile,
        sponsors: list[tuple[Sponsor, SponsorStanding | None]],
        submitted_on: date,
        hardship_area: bool,
        today: date,
        rules: RuleBook,
    ) -> None:
        readmission = self.exists
        if readmission:
            self._require(MemberStatus.REMOVED_FROM_ROLLS, MemberStatus.REMOVED_FROM_PROBATION)
        self._dated(submitted_on, today, "submitted_on", "ApplicationSubmitted")
        require_branch(organisation, "organisation_id", submitted_on, "submitted_on")
        r = rules.in_force(submitted_on)
        if readmission:
            r.require(self.readmissions < r["readmission.max_times"], "readmission.max_times",
                      f"a member may be re-admitted at most {r['readmission.max_times']} time(s)")
        r.require(
            hardship_area or _EDUCATION_ORDER.index(profile.education)
            >= _EDUCATION_ORDER.index(GeneralEducation(r["admission.min_general_education"])),
            "admission.min_general_education",
            "applicants need at least lower-secondary education (THCS) outside hardship areas",
        )
        self._check_sponsors(sponsors, submitted_on, r)
        check_youth_union_sponsor(profile, [s.kind for s, _ in sponsors], submitted_on, r)
        self.record(ApplicationSubmitted(
            member_id=self.id,
            organisation_id=organisation.id,
            profile=profile,
            sponsors=tuple(s for s, _ in sponsors),
            submitted_on=submitted_on,
            readmission=readmission,
            rule_version=r.version,
        ))

    def _check_sponsors(self, sponsors, on: date, r) -> None:
        count = r["admission.sponsor_count"]
        r.require(len(sponsors) == count, "admission.sponsor_count",
                  f"an application needs exactly {count} sponsors")
        members = [s for s, _ in sponsors if s.kind is SponsorKind.MEMBER]
        unions = [s for s, _ in sponsors if s.kind is not SponsorKind.MEMBER]
        r.require(len(members) >= 1 and len(unions) <= 1, "admission.sponsor_count",
                  "sponsors are two official members, or a union committee and one member")
        ids = [s.member_id for s in members]
        if len(set(ids)) != len(ids):
            raise InvalidInput("sponsors", "the same member cannot sponsor twice")
        need = r["admission.sponsor_min_months_known"]
        for sponsor, standing in sponsors:
            if sponsor.known_since > on:
                raise InvalidInput("sponsors.known_since", "is after the application date")
            if sponsor.kind is not SponsorKind.MEMBER:
                continue
            if sponsor.member_id == self.id:
                raise InvalidInput("sponsors", "an applicant cannot sponsor themself")
            r.require(standing is not None and standing.status is MemberStatus.OFFICIAL,
                      "admission.sponsor_official",
                      f"sponsor {sponsor.member_id} is not an official member "
                      "(probationary members cannot sponsor)")
            r.require(months_between(sponsor.known_since, on) >= need,
                      "admission.sponsor_min_months_known",
                      f"sponsor {sponsor.member_id} has worked with the applicant for less "
                      f"than {need} months")

    def admit(self, decided_on: date, considered_on: date, decision_number: str, today: date,
              rules: RuleBook, decision: DecisionRecord, proposal_required: bool) -> None:
        self._require(MemberStatus.APPLICANT)
        self._dated(considered_on, today, "considered_on", "MemberAdmitted")
        self._dated(decided_on, today, "decided_on", "MemberAdmitted")
        if decided_on < considered_on:
            raise InvalidInput("decided_on", "precedes the branch's consideration")
        r = rules.in_force(considered_on)
        assert self.profile is not None
        age = months_between(self.profile.date_of_birth, considered_on)
        r.require(age >= r["admission.min_age_months"], "admission.min_age_months",
                  f"the applicant is {age // 12} years {age % 12} months old on "
                  f"{considered_on:%d/%m/%Y}; the minimum is {r['admission.min_age_months'] // 12}")
        r.require(age <= r["admission.max_age_months"], "admission.max_age_months",
                  f"the applicant is {age // 12} years {age % 12} months old on "
                  f"{considered_on:%d/%m/%Y}; the maximum is {r['admission.max_age_months'] // 12}")
        self._check_proposal(DecisionKind.ADMISSION, proposal_required, r.version, decided_on)
        self.record(MemberAdmitted(
            member_id=self.id, decided_on=decided_on, considered_on=considered_on,
            decision_number=clean_text(decision_number, "decision_number", max_length=50),
            age_months=age, readmission=self.readmissions > 0 or self.party_age is not None,
            rule_version=r.version, decision=decision,
        ))

    def hold_ceremony(self, held_on: date, today: date, rules: RuleBook) -> None:
        self._require(MemberStatus.PROBATIONARY)
        if self.ceremony_on is not None:
            raise InvalidState("the admission ceremony was already held", member_id=self.id)
        self._dated(held_on, today, "held_on", "AdmissionCeremonyHeld")
        r = rules.in_force(held_on)
        ends = add_months(held_on, r["probation.months"])
        self.record(AdmissionCeremonyHeld(self.id, held_on, ends, r.version))

    def recognise_as_official(self, decided_on: date, today: date, rules: RuleBook,
                              decision: DecisionRecord, proposal_required: bool) -> None:
        self._require(MemberStatus.PROBATIONARY)
        if self.probation_ends_on is None:
            raise InvalidState("probation has not started: no admission ceremony recorded",
                               member_id=self.id)
        self._dated(decided_on, today, "decided_on", "MemberRecognisedAsOfficial")
        r = rules.in_force(decided_on)
        r.require(decided_on >= self.probation_ends_on, "probation.months",
                  f"probation ends on {self.probation_ends_on:%d/%m/%Y}")
        self._check_proposal(DecisionKind.RECOGNITION, proposal_required, r.version, decided_on)
        # official from the end of probation even when the decision comes late
        self.record(MemberRecognisedAsOfficial(self.id, decided_on, self.probation_ends_on,
                                               r.version, decision))

    def issue_card(self, card_number: str, issued_on: date, today: date) -> None:
        self._dated(issued_on, today, "issued_on", "PartyCardIssued")
        self._require(MemberStatus.OFFICIAL, on=issued_on, fact="PartyCardIssued")
        number = str(card_number).strip()
        if not CARD_NUMBER.match(number):
            raise InvalidInput("card_number", "must look like 37.012345 (2 + 6 digits)")
        self.record(PartyCardIssued(self.id, number, issued_on))

    def remove_from_probationary_list(self, decided_on: date, reason: str, today: date,
                                      decision: DecisionRecord) -> None:
        self._require(MemberStatus.PROBATIONARY)
        self._dated(decided_on, today, "decided_on", "MemberRemovedFromProbationaryList")
        self._require(MemberStatus.PROBATIONARY, on=decided_on,
                      fact="MemberRemovedFromProbationaryList")
        self.record(MemberRemovedFromProbationaryList(
            self.id, decided_on, clean_text(reason, "reason", max_length=500), decision))
