"""Member aggregate (đảng viên): from application to the end of membership."""

from __future__ import annotations

from datetime import date

from kit.aggregate import Aggregate
from kit.errors import ConflictsWithLaterFact, InvalidInput, InvalidState
from kit.rules import RuleBook
from kit.text import clean_text

from .admission import CARD_NUMBER, AdmissionSteps
from .authority import DecisionKind
from .corrections import apply_correction
from .dated import LEAVING, LIFECYCLE, check_date
from .decision import DecisionRecord
from .discipline_values import MisconductCategory
from .events import (
    AdmissionCeremonyHeld,
    ApplicationSubmitted,
    ExemptionEnded,
    ExistingMemberRecorded,
    MemberAdmitted,
    MemberDied,
    MemberDisciplined,
    MemberExempted,
    MemberFileCorrected,
    MemberProfileUpdated,
    MemberRecognisedAsOfficial,
    MemberRemovedFromProbationaryList,
    MemberRemovedFromRolls,
    MemberTemporarilyTransferred,
    MemberTransferred,
    PartyCardIssued,
    TemporaryTransferEnded,
)
from .grounds import check_exemption_ground, check_removal_ground
from .member_timeline import MemberTimeline, discipline_dimension
from .organisation import Organisation, require_branch
from .party_age import PartyAge
from .profile import MemberProfile
from .proposals import Proposal, ProposalSteps
from .province_transfer import ProvinceTransferSteps, ProvinceTransit
from .suspension import SuspensionSteps
from .transit import Transit, TransitSteps
from .values import (
    DisciplineForm,
    ExemptionGround,
    MemberStatus,
    RemovalGround,
    TransferPurpose,
    add_months,
    months_between,
)


class Member(AdmissionSteps, ProposalSteps, SuspensionSteps, TransitSteps, ProvinceTransferSteps,
             MemberTimeline, Aggregate):
    stream_prefix = "member"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.status: MemberStatus | None = None
        self.organisation_id: str | None = None
        self.profile: MemberProfile | None = None
        self.submitted_on: date | None = None
        self.admitted_on: date | None = None
        self.ceremony_on: date | None = None
        self.probation_ends_on: date | None = None
        self.official_from: date | None = None
        self.card_number: str | None = None
        self.temporary_transfer_to: str | None = None
        self.exempt = False
        self.readmissions = 0
        self.party_age: PartyAge | None = None
        self.left_on: date | None = None
        self.last_change_on: date | None = None
        self.start_timeline()
        self.proposals: dict[str, Proposal] = {}  # pending proposals by decision kind
        # suspension, a temporary transfer's dates, a permanent transfer in transit
        self.suspended_on: date | None = None
        self.temporary_starts_on: date | None = None
        self.temporary_ends_on: date | None = None
        self.temporary_purpose: TransferPurpose | None = None
        self.transit: Transit | None = None
        self.province_transit: ProvinceTransit | None = None  # sent to another province
        self.admission_decision_number: str | None = None  # of the last admission decision
        self.admission_considered_on: date | None = None

    # -- guards -----------------------------------------------------------------------------

    def _require(self, *statuses: MemberStatus, on: date | None = None,
                 fact: str = "") -> None:
        """The member's status (on `on`, if given) is one of `statuses`; a status that changed
        only after `on` is a conflict with the fact that changed it."""
        if not self.exists:
            raise InvalidState(f"member {self.id} does not exist", member_id=self.id)
        if on is not None and self.statuses.at(on) not in statuses:
            later = self.facts.first_after(on, LIFECYCLE, LEAVING)
            if later is not None and self.statuses.at(on) in (None, MemberStatus.APPLICANT):
                raise ConflictsWithLaterFact(
                    fact, on.isoformat(), later.name, later.on.isoformat(),
                    f"{fact} dated {on:%d/%m/%Y} needs a member who is "
                    f"{' or '.join(s.value for s in statuses)} then; {later.name} of "
                    f"{later.on:%d/%m/%Y} is recorded after it")
            status = self.statuses.at(on)
            raise InvalidState(f"member is {status.value if status else 'not yet recorded'} on "
                               f"{on:%d/%m/%Y}", member_id=self.id,
                               status=status.value if status else None)
        if on is not None:
            return
        if self.status not in statuses:
            wanted = " or ".join(s.value for s in statuses)
            raise InvalidState(
                f"member is {self.status.value if self.status else 'unknown'}, must be {wanted}",
                member_id=self.id, status=self.status.value if self.status else None,
            )

    def _require_exists(self) -> None:
        if not self.exists:
            raise InvalidState(f"member {self.id} does not exist", member_id=self.id)

    def _on_rolls(self, on: date | None = None, fact: str = "") -> None:
        self._require(MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL, on=on, fact=fact)

    def _dated(self, day: date, today: date, field: str, fact: str = "",
               dimension: str | None = None) -> None:
        """A real date, not in the future, that does not contradict a later recorded fact
        (dated.py); a fact named by nobody is a status change, kept in order."""
        check_date(day, today, field)
        self.facts.check_fits(fact or "a status change", day, dimension or
                              (None if fact else LIFECYCLE))

    # -- movements --------------------------------------------------------------------------

    def transfer(self, to: Organisation, current: Organisation, effective_on: date,
                 today: date, decision: DecisionRecord) -> None:
        fact = "MemberTransferred"
        self._require_exists()
        self._dated(effective_on, today, "effective_on", fact)
        self._on_rolls(effective_on, fact)
        self._not_in_transit()
        if self.away_on(effective_on):
            raise InvalidState("end the temporary transfer first", member_id=self.id)
        require_branch(to, "to_organisation_id", effective_on)
        if to.id == current.id:
            raise InvalidInput("to_organisation_id", "is the member's current organisation")
        self.record(MemberTransferred(self.id, current.id, to.id, effective_on, decision))

    def transfer_temporarily(self, to: Organisation, current: Organisation, starts_on: date,
                             ends_on: date, purpose: TransferPurpose, today: date,
                             rules: RuleBook) -> None:
        fact = "MemberTemporarilyTransferred"
        self._require_exists()
        self._dated(starts_on, today, "starts_on", fact)
        self._on_rolls(starts_on, fact)
        self._not_in_transit()
        if self.away_on(starts_on):
            raise InvalidState("the member is already temporarily transferred", member_id=self.id)
        require_branch(to, "to_organisation_id", starts_on, "starts_on")
        if to.id == current.id:
            raise InvalidInput("to_organisation_id", "is the member's current organisation")
        if not isinstance(ends_on, date):
            raise InvalidInput("ends_on", f"{ends_on!r} is not a date")
        if ends_on <= starts_on:
            raise InvalidInput("ends_on", "must fall after starts_on")
        r = rules.in_force(starts_on)
        months = months_between(starts_on, ends_on)
        low = r["transfer.temporary_min_months"]
        if purpose is TransferPurpose.STUDY:
            high = r["transfer.temporary_max_months_study"]
            ok = low <= months <= high
            rule, text = "transfer.temporary_max_months_study", f"{low} to {high} months"
        else:
            high = r["transfer.temporary_max_months_work"]
            ok = low <= months < high
            rule, text = "transfer.temporary_max_months_work", f"{low} to under {high} months"
        r.require(ok, rule, f"a temporary transfer for {purpose.value} lasts {text}; "
                            f"this one lasts {months}")
        self.record(MemberTemporarilyTransferred(self.id, current.id, to.id, starts_on, ends_on,
                                                 purpose, r.version))

    def end_temporary_transfer(self, ended_on: date, today: date) -> None:
        fact = "TemporaryTransferEnded"
        self._require_exists()
        self._dated(ended_on, today, "ended_on", fact)
        self._on_rolls(ended_on, fact)
        if not self.temporary.at(ended_on):
            raise InvalidState("the member is not temporarily transferred", member_id=self.id)
        self.record(TemporaryTransferEnded(self.id, ended_on))

    def exempt_from_duties(self, effective_on: date, ground: ExemptionGround, today: date,
                           decision: DecisionRecord, rules: RuleBook) -> None:
        fact = "MemberExempted"
        self._require_exists()
        self._dated(effective_on, today, "effective_on", fact)
        self._on_rolls(effective_on, fact)
        if self.exempt_on(effective_on):
            raise InvalidState("the member is already exempt", member_id=self.id)
        check_exemption_ground(self.profile, ground, effective_on, rules.in_force(effective_on))
        self.record(MemberExempted(self.id, effective_on, ground, decision))

    def end_exemption(self, effective_on: date, today: date) -> None:
        fact = "ExemptionEnded"
        self._require_exists()
        self._dated(effective_on, today, "effective_on", fact)
        self._on_rolls(effective_on, fact)
        if not self.exempt_on(effective_on):
            raise InvalidState("the member is not exempt", member_id=self.id)
        self.record(ExemptionEnded(self.id, effective_on))

    # -- leaving and discipline -------------------------------------------------------------

    def remove_from_rolls(self, ground: RemovalGround, decided_on: date, note: str,
                          today: date, decision: DecisionRecord, proposal_required: bool,
                          rules: RuleBook) -> None:
        fact = "MemberRemovedFromRolls"
        self._require_exists()
        self._dated(decided_on, today, "decided_on", fact)
        self._on_rolls(decided_on, fact)
        check_removal_ground(ground, self.admitted_on,
                             self.status_on(decided_on) is MemberStatus.OFFICIAL,
                             decided_on, rules.in_force(decided_on))
        self._check_proposal(DecisionKind.REMOVAL_FROM_ROLLS, proposal_required,
                             decision.rule_version or "", decided_on, ground)
        self.record(MemberRemovedFromRolls(self.id, ground, decided_on,
                                           clean_text(note, "note", max_length=500,
                                                      required=False), decision))

    def discipline(self, form: DisciplineForm, decided_on: date, reason: str, today: date,
                   rules: RuleBook, decision: DecisionRecord,
                   misconduct: MisconductCategory | None = None) -> None:
        fact = "MemberDisciplined"
        self._require_exists()
        self._dated(decided_on, today, "decided_on", fact, discipline_dimension(form))
        self._on_rolls(decided_on, fact)
        status = self.statuses.at(decided_on)
        assert status is not None
        r = rules.in_force(decided_on)
        key = ("discipline.forms_official" if status is MemberStatus.OFFICIAL
               else "discipline.forms_probationary")
        r.require(form.value in r[key], key,
                  f"a {status.value} member cannot be disciplined by {form.value}; "
                  f"allowed: {', '.join(r[key])}")
        self.record(MemberDisciplined(self.id, form, decided_on,
                                      clean_text(reason, "reason", max_length=500), r.version,
                                      decision, misconduct))

    def record_death(self, died_on: date, today: date) -> None:
        if not self.exists or self.status is MemberStatus.DECEASED:
            self._require(MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL)
        self._dated(died_on, today, "died_on", "MemberDied")
        self.record(MemberDied(self.id, died_on))

    def update_profile(self, profile: MemberProfile, effective_on: date, today: date) -> None:
        if not self.exists:
            raise InvalidState(f"member {self.id} does not exist", member_id=self.id)
        self._dated(effective_on, today, "effective_on", "MemberProfileUpdated")
        if profile == self.profile:
            raise InvalidInput("profile", "nothing changed")
        self.record(MemberProfileUpdated(self.id, profile, effective_on))

    def record_existing(self, organisation: Organisation, profile: MemberProfile,
                        status: MemberStatus, admitted_on: date, ceremony_on: date | None,
                        official_from: date | None, card_number: str | None, today: date,
                        rules: RuleBook) -> None:
        """Enter a member file from the paper records, with the dates it already carries."""
        if self.exists:
            raise InvalidState(f"member {self.id} already exists", member_id=self.id)
        check_date(admitted_on, today, "admitted_on")
        # the file may predate its branch; the branch must not have ended by admission
        require_branch(organisation, "organisation_id", admitted_on, "admitted_on",
                       may_predate=True)
        if status not in (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL):
            raise InvalidInput("status", "an existing member file is probationary or official")
        r = rules.in_force(admitted_on)
        age = months_between(profile.date_of_birth, admitted_on)
        r.require(age >= r["admission.min_age_months"], "admission.min_age_months",
                  f"admitted at {age // 12} years of age")
        if ceremony_on and not admitted_on <= ceremony_on <= today:
            raise InvalidInput("ceremony_on", "must fall between admission and today")
        if ceremony_on and official_from and official_from < ceremony_on:
            raise InvalidInput("official_from", "precedes the admission ceremony")
        if status is MemberStatus.OFFICIAL:
            if official_from is None or official_from < admitted_on or official_from > today:
                raise InvalidInput("official_from", "an official member needs a date between "
                                                    "admission and today")
        elif official_from is not None or card_number:
            raise InvalidInput("official_from", "a probationary member has no official date "
                                                "or card yet")
        if card_number and not CARD_NUMBER.match(card_number):
            raise InvalidInput("card_number", "must look like 37.012345 (2 + 6 digits)")
        self.record(ExistingMemberRecorded(
            member_id=self.id, organisation_id=organisation.id, profile=profile, status=status,
            admitted_on=admitted_on, ceremony_on=ceremony_on,
            probation_ends_on=add_months(ceremony_on, rules.in_force(ceremony_on)
                                         ["probation.months"]) if ceremony_on else None,
            official_from=official_from,
            card_number=card_number or None, recorded_on=today,
        ))

    # -- evolution ----------------------------------------------------------------------------

    def apply(self, event: object) -> None:
        status = self.status
        self.date_fact(event)
        self._date_province_transfer(event)
        match event:
            case ApplicationSubmitted():
                self.status, self.organisation_id = MemberStatus.APPLICANT, event.organisation_id
                self.profile, self.submitted_on = event.profile, event.submitted_on
                self.last_change_on = event.submitted_on
                if event.readmission:
                    self.readmissions += 1
            case ExistingMemberRecorded():
                self.status, self.organisation_id = event.status, event.organisation_id
                self.profile, self.admitted_on = event.profile, event.admitted_on
                self.ceremony_on, self.official_from = event.ceremony_on, event.official_from
                self.card_number = event.card_number
                self.party_age = PartyAge(event.admitted_on)
                self.last_change_on = event.official_from or event.ceremony_on or event.admitted_on
                self.probation_ends_on = event.probation_ends_on
            case MemberAdmitted():
                self.status, self.admitted_on = MemberStatus.PROBATIONARY, event.decided_on
                self.admission_decision_number = event.decision_number
                self.admission_considered_on = event.considered_on
                self.ceremony_on = self.probation_ends_on = None
                if self.party_age is None:
                    self.party_age = PartyAge(event.decided_on)
                elif self.left_on:
                    gaps = (*self.party_age.gaps, (self.left_on, event.decided_on))
                    self.party_age = PartyAge(self.party_age.first_admitted_on, gaps)
                self.last_change_on = event.decided_on
            case AdmissionCeremonyHeld():
                self.ceremony_on, self.probation_ends_on = event.held_on, event.probation_ends_on
                self.last_change_on = event.held_on
            case MemberRecognisedAsOfficial():
                self.status, self.official_from = MemberStatus.OFFICIAL, event.official_from
                self.last_change_on = event.decided_on
            case PartyCardIssued():
                self.card_number = event.card_number
                self.last_change_on = event.issued_on
            case MemberRemovedFromProbationaryList():
                self._leave(MemberStatus.REMOVED_FROM_PROBATION, event.decided_on)
            case MemberTransferred():
                self.organisation_id = event.to_organisation_id
                self.last_change_on = event.effective_on
                self.temporary_transfer_to = None  # any temporary transfer had ended by then
            case MemberTemporarilyTransferred():
                self.temporary_transfer_to = event.to_organisation_id
                self.temporary_starts_on, self.temporary_ends_on = event.starts_on, event.ends_on
                self.temporary_purpose = event.purpose
                self.last_change_on = event.starts_on
            case TemporaryTransferEnded():
                self.temporary_transfer_to = None
                self.last_change_on = event.ended_on
            case MemberExempted():
                self.exempt, self.last_change_on = True, event.effective_on
            case ExemptionEnded():
                self.exempt, self.last_change_on = False, event.effective_on
            case MemberRemovedFromRolls():
                self._leave(MemberStatus.REMOVED_FROM_ROLLS, event.decided_on)
            case MemberDisciplined():
                self.last_change_on = event.decided_on
                if event.form is DisciplineForm.EXPULSION:
                    self._leave(MemberStatus.EXPELLED, event.decided_on)
            case MemberDied():
                self._leave(MemberStatus.DECEASED, event.died_on)
            case MemberProfileUpdated():
                self.profile, self.last_change_on = event.profile, event.effective_on
            case MemberFileCorrected():
                apply_correction(self, event)
            case _:
                if not (self._apply_suspension(event) or self._apply_transit(event)
                        or self._apply_province_transfer(event)):
                    self._apply_proposal(event)
        if self.status is not status:  # a decision taken, or the member gone: nothing pending
            self.proposals = {}

    def _leave(self, status: MemberStatus, on: date) -> None:
        self.status, self.left_on, self.last_change_on = status, on, on
        self.exempt, self.temporary_transfer_to = False, None
        self.suspended_on, self.transit, self.province_transit = None, None, None
