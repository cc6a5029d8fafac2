"""Transfers with their deadlines: a permanent transfer in transit (letter issued → presented to
the receiving organisation), transfers out of and into the province, and temporary transfers
that end on their end date. Mixed into `Member`, using its guards and state.

Deadlines are counted in working days (kit.workdays) with the calendar the rule book in force
configures; every event that sets or checks one records the calendar's version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.errors import InvalidInput, InvalidState
from kit.rules import RuleBook, RuleSet
from kit.text import clean_name, clean_text
from kit.workdays import WorkingDayCalendar

from .admission import CARD_NUMBER
from .change_events import (
    MemberReceivedFromProvince,
    TemporaryTransferExtended,
    TransferLetterIssued,
    TransferredMemberReceived,
)
from .member_timeline import transit_dimension
from .organisation import Organisation, check_effective, require_branch
from .party_age import PartyAge
from .profile import MemberProfile
from .values import MemberStatus, TransferPurpose, add_months, months_between


def calendar(r: RuleSet) -> WorkingDayCalendar:
    """The working-day calendar of a rule set: the country's holidays plus its overrides."""
    return WorkingDayCalendar.of(r["calendar.country"], overrides_version=f"membership-{r.version}",
                                 days_off=r["calendar.days_off"],
                                 working_days=r["calendar.working_days"])


def check_temporary_length(purpose: TransferPurpose, starts_on: date, ends_on: date,
                           r: RuleSet) -> int:
    """3 to under 12 months for work, 3 to 24 for domestic study; the months it lasts."""
    months, low = months_between(starts_on, ends_on), r["transfer.temporary_min_months"]
    if purpose is TransferPurpose.STUDY:
        high = r["transfer.temporary_max_months_study"]
        ok, rule, text = low <= months <= high, "transfer.temporary_max_months_study", \
            f"{low} to {high} months"
    else:
        high = r["transfer.temporary_max_months_work"]
        ok, rule, text = low <= months < high, "transfer.temporary_max_months_work", \
            f"{low} to under {high} months"
    r.require(ok, rule, f"a temporary transfer for {purpose.value} lasts {text}; "
                        f"this one would last {months}")
    return months


def allowed_late(r: RuleSet, rule: str, late: bool, reason: str, message: str) -> str:
    """Late is allowed with its reason reported (QĐ 294 §6.3.1); without one it is refused."""
    text = clean_text(reason, "late_reason", max_length=500, required=False)
    r.require(not late or bool(text), rule, message + ": give the reason for the delay")
    return text


def start_deadline(r: RuleSet, cal: WorkingDayCalendar, moved_on: date | None, issued_on: date,
                   late_reason: str) -> tuple[date | None, str]:
    """The last day to start a transfer after the change it follows (`moved_on`), and the
    reason a letter issued after it gives (refused without one)."""
    start_due, late = None, False
    if moved_on is not None:
        if moved_on > issued_on:
            raise InvalidInput("moved_on", "follows the letter's issue")
        start_due = cal.add(moved_on, r["transfer.start_working_days"])
        late = issued_on > start_due
    reason = allowed_late(r, "transfer.start_working_days", late, late_reason,
                          f"the letter comes {cal.count(moved_on, issued_on) if moved_on else 0} "
                          f"working days after the change of {moved_on or issued_on:%d/%m/%Y}; "
                          f"the limit is {r['transfer.start_working_days']}")
    return start_due, reason


@dataclass(frozen=True)
class Transit:
    to_organisation_id: str
    issued_on: date
    present_by: date


class TransitSteps:
    id: str
    exists: bool
    organisation_id: str | None
    temporary_transfer_to: str | None
    temporary_starts_on: date | None
    temporary_ends_on: date | None
    temporary_purpose: TransferPurpose | None
    transit: Transit | None

    def _not_in_transit(self) -> None:
        away = getattr(self, "province_transit", None)
        if away is not None:
            raise InvalidState(f"the member is in transit to province {away.to_province} "
                               f"(letter of {away.issued_on:%d/%m/%Y})", member_id=self.id)
        if self.transit is not None:
            raise InvalidState(f"the member is in transit to {self.transit.to_organisation_id} "
                               f"(letter of {self.transit.issued_on:%d/%m/%Y})",
                               member_id=self.id)

    def extend_temporary_transfer(self, ends_on: date, extended_on: date, today: date,
                                  rules: RuleBook) -> None:
        fact = "TemporaryTransferExtended"
        self._require_exists()
        self._dated(extended_on, today, "extended_on", fact)
        self._on_rolls(extended_on, fact)
        if not self.away_on(extended_on):
            raise InvalidState("the member is not temporarily transferred on this date"
                               + (f" (it ended on {self.temporary_ends_on:%d/%m/%Y})"
                                  if self.temporary_ends_on else ""), member_id=self.id)
        assert self.temporary_starts_on and self.temporary_ends_on and self.temporary_purpose
        if ends_on <= self.temporary_ends_on:
            raise InvalidInput("ends_on", f"must fall after the current end, "
                                          f"{self.temporary_ends_on:%d/%m/%Y}")
        r = rules.in_force(extended_on)
        months = check_temporary_length(self.temporary_purpose, self.temporary_starts_on,
                                        ends_on, r)
        self.record(TemporaryTransferExtended(self.id, self.temporary_ends_on, ends_on,
                                              extended_on, months, r.version))

    def issue_transfer_letter(self, current: Organisation, to: Organisation | None,
                              destination: tuple[str, str] | None, issued_on: date,
                              letter_number: str, moved_on: date | None, late_reason: str,
                              today: date, rules: RuleBook) -> None:
        fact = "TransferLetterIssued"
        self._require_exists()
        self._dated(issued_on, today, "issued_on", fact, transit_dimension(to is None))
        self._on_rolls(issued_on, fact)
        self._not_in_transit()
        if (to is None) == (destination is None):
            raise InvalidInput("to_organisation_id", "give either a branch of this province or "
                                                     "a destination outside it, not both")
        if self.away_on(issued_on):
            raise InvalidState("end the temporary transfer first", member_id=self.id)
        if to is not None:
            require_branch(to, "to_organisation_id", issued_on, "issued_on")
            if to.id == current.id:
                raise InvalidInput("to_organisation_id", "is the member's current organisation")
        province, organisation = ("", "") if destination is None else (
            clean_name(destination[0], "destination.province", max_length=200, numbered=True),
            clean_name(destination[1], "destination.organisation", max_length=200,
                       numbered=True))
        r = rules.in_force(issued_on)
        cal = calendar(r)
        start_due, reason = start_deadline(r, cal, moved_on, issued_on, late_reason)
        self.record(TransferLetterIssued(
            member_id=self.id, from_organisation_id=current.id,
            to_organisation_id=to.id if to else None, destination_province=province,
            destination_organisation=organisation, out_of_province=to is None,
            issued_on=issued_on,
            letter_number=clean_text(letter_number, "letter_number", max_length=50),
            moved_on=moved_on, start_due_on=start_due,
            present_by=cal.add(issued_on, r["transfer.present_letter_working_days"]),
            late_reason=reason, calendar_version=cal.version, rule_version=r.version))

    def receive_transferred(self, to: Organisation, received_on: date, late_reason: str,
                            today: date, rules: RuleBook) -> None:
        fact = "TransferredMemberReceived"
        self._require_exists()
        self._dated(received_on, today, "received_on", fact)
        self._on_rolls(received_on, fact)
        if self.transit is None:
            raise InvalidState("the member is not in transit", member_id=self.id)
        if received_on < self.transit.issued_on:
            raise InvalidInput("received_on", "precedes the transfer letter")
        require_branch(to, "member_id", received_on, "received_on")
        r = rules.in_force(received_on)
        cal = calendar(r)
        days = cal.count(self.transit.issued_on, received_on)
        reason = allowed_late(r, "transfer.present_letter_working_days",
                       received_on > self.transit.present_by, late_reason,
                       f"the letter is presented {days} working days after its issue; the "
                       f"limit is {r['transfer.present_letter_working_days']} "
                       f"({self.transit.present_by:%d/%m/%Y})")
        self.record(TransferredMemberReceived(
            self.id, self.organisation_id or "", to.id, self.transit.issued_on, received_on,
            self.transit.present_by, days, reason, cal.version, r.version))

    def receive_from_province(self, organisation: Organisation, profile: MemberProfile,
                              status: MemberStatus, admitted_on: date, ceremony_on: date | None,
                              official_from: date | None, card_number: str | None,
                              origin: tuple[str, str], letter_number: str,
                              letter_issued_on: date, received_on: date, late_reason: str,
                              today: date, rules: RuleBook) -> None:
        if self.exists:
            raise InvalidState(f"member {self.id} already exists", member_id=self.id)
        check_effective(received_on, today, None, "received_on")
        check_effective(letter_issued_on, received_on, None, "letter_issued_on")
        check_effective(admitted_on, letter_issued_on, None, "admitted_on")
        require_branch(organisation, "organisation_id", received_on, "received_on")
        if status not in (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL):
            raise InvalidInput("status", "a member transferred in is probationary or official")
        if ceremony_on and not admitted_on <= ceremony_on <= received_on:
            raise InvalidInput("ceremony_on", "must fall between admission and receipt")
        if status is MemberStatus.OFFICIAL and (
                official_from is None or not admitted_on <= official_from <= received_on):
            raise InvalidInput("official_from", "an official member needs a date between "
                                                "admission and receipt")
        if status is MemberStatus.PROBATIONARY and (official_from or card_number):
            raise InvalidInput("official_from", "a probationary member has no official date "
                                                "or card yet")
        if card_number and not CARD_NUMBER.match(card_number):
            raise InvalidInput("card_number", "must look like 37.012345 (2 + 6 digits)")
        r = rules.in_force(received_on)
        age = months_between(profile.date_of_birth, admitted_on)
        r.require(age >= r["admission.min_age_months"], "admission.min_age_months",
                  f"admitted at {age // 12} years of age")
        cal = calendar(r)
        present_by = cal.add(letter_issued_on, r["transfer.present_letter_working_days"])
        reason = allowed_late(r, "transfer.present_letter_working_days", received_on > present_by,
                       late_reason, f"the letter is presented "
                       f"{cal.count(letter_issued_on, received_on)} working days after its "
                       f"issue; the limit is {r['transfer.present_letter_working_days']}")
        probation_ends = add_months(ceremony_on, rules.in_force(ceremony_on)["probation.months"]) \
            if ceremony_on else None
        self.record(MemberReceivedFromProvince(
            member_id=self.id, organisation_id=organisation.id, profile=profile, status=status,
            admitted_on=admitted_on, ceremony_on=ceremony_on, probation_ends_on=probation_ends,
            official_from=official_from, card_number=card_number or None,
            from_province=clean_name(origin[0], "from_province", max_length=200, numbered=True),
            from_organisation=clean_name(origin[1], "from_organisation", max_length=200,
                                         numbered=True),
            letter_number=clean_text(letter_number, "letter_number", max_length=50),
            letter_issued_on=letter_issued_on, received_on=received_on, present_by=present_by,
            late_reason=reason, calendar_version=cal.version, rule_version=r.version))

    def _apply_transit(self, event: object) -> bool:
        match event:
            case TemporaryTransferExtended():
                self.temporary_ends_on, self.last_change_on = event.ends_on, event.extended_on
            case TransferLetterIssued() if event.out_of_province:
                self._leave(MemberStatus.TRANSFERRED_OUT, event.issued_on)
            case TransferLetterIssued():
                assert event.to_organisation_id is not None
                self.transit = Transit(event.to_organisation_id, event.issued_on,
                                       event.present_by)
                self.last_change_on = event.issued_on
            case TransferredMemberReceived():
                self.organisation_id, self.transit = event.to_organisation_id, None
                self.last_change_on = event.received_on
            case MemberReceivedFromProvince():
                self.status, self.organisation_id = event.status, event.organisation_id
                self.profile, self.admitted_on = event.profile, event.admitted_on
                self.ceremony_on, self.official_from = event.ceremony_on, event.official_from
                self.probation_ends_on = event.probation_ends_on
                self.card_number = event.card_number
                self.party_age = PartyAge(event.admitted_on)
                self.last_change_on = event.received_on
            case _:
                return False
        return True
