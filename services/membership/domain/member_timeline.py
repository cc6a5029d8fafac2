"""A member's file as of any date: each recorded fact, and the values that change on dates
(status, placement, temporary transfer, exemption). Mixed into `Member`; the checks that use it
are Member's (`_dated`, `_require(..., on=)`)."""

from __future__ import annotations

from datetime import date

from .change_events import (
    MemberReceivedFromProvince,
    MemberSuspended,
    SuspensionEnded,
    TemporaryTransferExtended,
    TransferLetterIssued,
    TransferredMemberReceived,
)
from .dated import LEAVING, FactLog, Steps
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
from .values import DisciplineForm, MemberStatus


class MemberTimeline:
    def start_timeline(self) -> None:
        self.facts = FactLog()
        self.statuses: Steps[MemberStatus] = Steps()
        self.placements: Steps[str] = Steps()  # the organisation id as recorded (unmerged)
        self.temporary: Steps[str | None] = Steps()
        self.exemptions: Steps[bool] = Steps()
        self.temporary_ends: Steps[date | None] = Steps()  # the stay's end, moved by extensions
        self.suspensions: Steps[bool] = Steps()

    def status_on(self, day: date) -> MemberStatus | None:
        """The member's status on `day` (None before the first record)."""
        return self.statuses.at(day)

    def organisation_on(self, day: date) -> str | None:
        """The organisation whose rolls kept the member on `day`, as recorded: follow merges
        as of the same day (CommandScope.organisation(id, as_of=day)) to name it then."""
        return self.placements.at(day)

    def temporarily_in_on(self, day: date) -> str | None:
        return self.temporary.at(day)

    def exempt_on(self, day: date) -> bool:
        return bool(self.exemptions.at(day))

    def away_on(self, day: date) -> bool:
        """Temporarily transferred on `day`: a stay ends on its end date (as extended) unless
        it was ended earlier; a member past the end date is no longer away."""
        end = self.temporary_ends.at(day)
        return bool(self.temporary.at(day)) and (end is None or day < end)

    def suspended_at(self, day: date) -> bool:
        return bool(self.suspensions.at(day))

    def date_fact(self, event: object) -> None:
        """The file as of any date: the fact, and the values it changes from its date."""
        name = type(event).__name__
        match event:
            case ApplicationSubmitted():
                self.facts.add(name, event.submitted_on)
                self.statuses.set(event.submitted_on, MemberStatus.APPLICANT)
                self.placements.set(event.submitted_on, event.organisation_id)
            case ExistingMemberRecorded():
                self.facts.add(name, event.official_from or event.ceremony_on
                               or event.admitted_on, covers_from=event.admitted_on)
                self.statuses.set(event.admitted_on, MemberStatus.PROBATIONARY)
                if event.official_from:
                    self.statuses.set(event.official_from, MemberStatus.OFFICIAL)
                self.placements.set(event.admitted_on, event.organisation_id)
            case MemberAdmitted():
                self.facts.add(name, event.decided_on)
                self.statuses.set(event.decided_on, MemberStatus.PROBATIONARY)
            case AdmissionCeremonyHeld():
                self.facts.add(name, event.held_on)
            case MemberRecognisedAsOfficial():
                self.facts.add(name, event.decided_on)
                self.statuses.set(event.official_from, MemberStatus.OFFICIAL)
            case PartyCardIssued():
                self.facts.add(name, event.issued_on)
            case MemberTransferred():
                self.facts.add(name, event.effective_on)
                self.placements.set(event.effective_on, event.to_organisation_id)
            case MemberTemporarilyTransferred():
                self.facts.add(name, event.starts_on)
                self.temporary.set(event.starts_on, event.to_organisation_id)
                self.temporary_ends.set(event.starts_on, event.ends_on)
            case TemporaryTransferExtended():
                self.facts.add(name, event.extended_on)
                self.temporary_ends.set(event.extended_on, event.ends_on)
            case TemporaryTransferEnded():
                self.facts.add(name, event.ended_on)
                self.temporary.set(event.ended_on, None)
            case MemberExempted():
                self.facts.add(name, event.effective_on)
                self.exemptions.set(event.effective_on, True)
            case ExemptionEnded():
                self.facts.add(name, event.effective_on)
                self.exemptions.set(event.effective_on, False)
            case MemberProfileUpdated():
                self.facts.add(name, event.effective_on)
            case MemberDisciplined():
                self.facts.add(name, event.decided_on, discipline_dimension(event.form))
                if event.form is DisciplineForm.EXPULSION:
                    self._left_on(MemberStatus.EXPELLED, event.decided_on)
            case MemberRemovedFromProbationaryList():
                self.facts.add(name, event.decided_on)
                self._left_on(MemberStatus.REMOVED_FROM_PROBATION, event.decided_on)
            case MemberRemovedFromRolls():
                self.facts.add(name, event.decided_on)
                self._left_on(MemberStatus.REMOVED_FROM_ROLLS, event.decided_on)
            case MemberDied():
                self.facts.add(name, event.died_on)
                self._left_on(MemberStatus.DECEASED, event.died_on)
            case MemberSuspended():
                self.facts.add(name, event.effective_on)
                self.suspensions.set(event.effective_on, True)
            case SuspensionEnded():
                self.facts.add(name, event.effective_on)
                self.suspensions.set(event.effective_on, False)
            case TransferLetterIssued():
                self.facts.add(name, event.issued_on, transit_dimension(event.out_of_province))
                if event.out_of_province:  # off the province's rolls from the letter's date
                    self._left_on(MemberStatus.TRANSFERRED_OUT, event.issued_on)
            case TransferredMemberReceived():
                self.facts.add(name, event.received_on)
                self.placements.set(event.received_on, event.to_organisation_id)
            case MemberReceivedFromProvince():  # on this province's rolls from its receipt
                self.facts.add(name, event.received_on)
                self.statuses.set(event.received_on, event.status)
                self.placements.set(event.received_on, event.organisation_id)
            case MemberFileCorrected():
                self.facts.add(name, event.corrected_on)
                self._corrected(event)

    def _corrected(self, event: MemberFileCorrected) -> None:
        """A corrected admission or official date moves the status change it dated (and, for a
        file entered from the paper records, the placement from admission)."""
        if event.field not in ("admitted_on", "official_from"):
            return
        old, new = date.fromisoformat(event.old_value), date.fromisoformat(event.new_value)
        if event.field == "admitted_on":
            self.statuses.move(old, new, MemberStatus.PROBATIONARY)
            first = self.placements.changes[0] if self.placements.changes else None
            if first and first[0] == old and self.facts.entered_on == old:  # entered file
                self.placements.move(old, new, first[2])
            self.facts.redate(("MemberAdmitted", "ExistingMemberRecorded"), old, new)
        else:
            self.statuses.move(old, new, MemberStatus.OFFICIAL)
            self.facts.redate(("ExistingMemberRecorded",), old, new)

    def _left_on(self, status: MemberStatus, on: date) -> None:
        self.statuses.set(on, status)
        self.temporary.set(on, None)
        self.exemptions.set(on, False)
        self.suspensions.set(on, False)


def discipline_dimension(form: DisciplineForm) -> str | None:
    """Expulsion (khai trừ) ends membership: it is a leaving fact, not only a discipline."""
    return LEAVING if form is DisciplineForm.EXPULSION else None


def transit_dimension(out_of_province: bool) -> str | None:
    """A letter out of the province ends membership here: a leaving fact."""
    return LEAVING if out_of_province else None
