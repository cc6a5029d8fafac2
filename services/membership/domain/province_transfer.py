"""A transfer to another province's deployment, on both sides (province_transfer_events.py):
the sending side mixed into `Member` (using its guards and state), the receiving side as an
`IncomingTransfer` of its own until the member arrives, when the member's record here begins
with `MemberReceivedFromProvince`.

Deadlines in working days, as for any letter (transit.py): the sending province's calendar sets
`present_by`, and the receiving side judges lateness by the date on the letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.aggregate import Aggregate
from kit.errors import InvalidInput, InvalidState
from kit.rules import RuleBook
from kit.text import clean_text

from .dated import LEAVING, PLACEMENT
from .organisation import Organisation, require_branch
from .province_transfer_events import (
    CarriedFact,
    IncomingTransferAccepted,
    IncomingTransferOpened,
    IncomingTransferRefused,
    MemberDossier,
    MemberSentToProvince,
    TransferReturnedFromProvince,
    TransferToProvinceCompleted,
)
from .transit import allowed_late, calendar, start_deadline
from .values import MemberStatus

PROVINCE_CODE_LENGTH = (2, 10)


@dataclass(frozen=True)
class ProvinceTransit:
    transfer_id: str
    to_province: str
    issued_on: date
    present_by: date


def check_province_code(code: str, field: str) -> str:
    text = (code or "").strip().upper()
    low, high = PROVINCE_CODE_LENGTH
    if not (low <= len(text) <= high and text.isascii() and text.isalnum()):
        raise InvalidInput(field, "a province deployment's code, e.g. HUE")
    return text


class ProvinceTransferSteps:
    """The sending side, on the member."""

    id: str
    organisation_id: str | None
    province_transit: ProvinceTransit | None

    def dossier(self, from_organisation: str, history: tuple[CarriedFact, ...]) -> MemberDossier:
        assert self.profile is not None and self.status is not None  # on the rolls
        assert self.admitted_on is not None
        return MemberDossier(self.profile, self.status, self.admitted_on, self.ceremony_on,
                             self.probation_ends_on, self.official_from, self.card_number,
                             from_organisation, history)

    def check_sendable(self, issued_on: date, today: date) -> None:
        """The member may be sent on that date: the handler asks before it seals the dossier
        (nothing is sealed for a refusal), and send_to_province again."""
        fact = "MemberSentToProvince"
        self._require_exists()
        self._dated(issued_on, today, "issued_on", fact)
        self._on_rolls(issued_on, fact)
        self._not_in_transit()
        if self.away_on(issued_on):
            raise InvalidState("end the temporary transfer first", member_id=self.id)

    def send_to_province(self, current: Organisation, transfer_id: str, to_province: str,
                         to_organisation_id: str, issued_on: date, letter_number: str,
                         moved_on: date | None, late_reason: str, sealed_dossier: str,
                         today: date, rules: RuleBook) -> None:
        self.check_sendable(issued_on, today)
        r = rules.in_force(issued_on)
        cal = calendar(r)
        start_due, reason = start_deadline(r, cal, moved_on, issued_on, late_reason)
        self.record(MemberSentToProvince(
            member_id=self.id, transfer_id=transfer_id, from_organisation_id=current.id,
            to_province=to_province, to_organisation_id=to_organisation_id,
            issued_on=issued_on,
            letter_number=clean_text(letter_number, "letter_number", max_length=50),
            moved_on=moved_on, start_due_on=start_due,
            present_by=cal.add(issued_on, r["transfer.present_letter_working_days"]),
            late_reason=reason, dossier=sealed_dossier, calendar_version=cal.version,
            rule_version=r.version))

    def _in_province_transit(self, transfer_id: str) -> ProvinceTransit:
        t = self.province_transit
        if t is None or t.transfer_id != transfer_id:
            raise InvalidState(f"the member is not in transit on transfer {transfer_id}",
                               member_id=self.id)
        return t

    def complete_transfer_to_province(self, transfer_id: str, received_on: date) -> None:
        t = self._in_province_transit(transfer_id)
        # the receiving province's date stands: it may precede a fact recorded here since
        self.record(TransferToProvinceCompleted(self.id, transfer_id, t.to_province,
                                                max(received_on, t.issued_on)))

    def return_from_province(self, transfer_id: str, refused_on: date, reason: str) -> None:
        t = self._in_province_transit(transfer_id)
        self.record(TransferReturnedFromProvince(self.id, transfer_id, t.to_province,
                                                 max(refused_on, t.issued_on), reason))

    def _date_province_transfer(self, event: object) -> None:
        name = type(event).__name__
        match event:
            case MemberSentToProvince():
                self.facts.add(name, event.issued_on, PLACEMENT)
            case TransferToProvinceCompleted():
                self.facts.add(name, event.received_on, LEAVING)
                self._left_on(MemberStatus.TRANSFERRED_OUT, event.received_on)
            case TransferReturnedFromProvince():
                self.facts.add(name, event.refused_on, PLACEMENT)

    def _apply_province_transfer(self, event: object) -> bool:
        match event:
            case MemberSentToProvince():
                self.province_transit = ProvinceTransit(event.transfer_id, event.to_province,
                                                        event.issued_on, event.present_by)
                self.last_change_on = event.issued_on
            case TransferToProvinceCompleted():
                self._leave(MemberStatus.TRANSFERRED_OUT, event.received_on)
            case TransferReturnedFromProvince():
                self.province_transit, self.last_change_on = None, event.refused_on
            case _:
                return False
        return True


class IncomingTransfer(Aggregate):
    """The receiving side: a letter from another province awaiting its member."""

    stream_prefix = "incoming-transfer"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.opened: IncomingTransferOpened | None = None
        self.state = ""  # awaiting | accepted | refused

    def open(self, member_id: str, from_province: str, from_organisation_id: str,
             to_organisation_id: str, letter_number: str, issued_on: date, present_by: date,
             dossier: MemberDossier) -> None:
        if self.exists:
            raise InvalidState(f"transfer {self.id} is already open", transfer_id=self.id)
        self.record(IncomingTransferOpened(self.id, member_id, from_province,
                                           from_organisation_id, to_organisation_id,
                                           letter_number, issued_on, present_by, dossier))

    def awaiting(self) -> IncomingTransferOpened:
        if self.opened is None:
            raise InvalidState(f"no transfer {self.id} was received", transfer_id=self.id)
        if self.state != "awaiting":
            raise InvalidState(f"transfer {self.id} is already {self.state}",
                               transfer_id=self.id)
        return self.opened

    def accept(self, to: Organisation, received_on: date, late_reason: str, today: date,
               rules: RuleBook) -> IncomingTransferOpened:
        """The member's arrival; the caller records the member's receipt (Member) with it."""
        o = self.awaiting()
        if received_on < o.issued_on:
            raise InvalidInput("received_on", "precedes the transfer letter")
        if received_on > today:
            raise InvalidInput("received_on", "is in the future")
        require_branch(to, "organisation_id", received_on, "received_on")
        r = rules.in_force(received_on)
        cal = calendar(r)
        days = cal.count(o.issued_on, received_on)
        reason = allowed_late(r, "transfer.present_letter_working_days", received_on > o.present_by,
                       late_reason, f"the letter is presented {days} working days after its "
                       f"issue; the limit is {r['transfer.present_letter_working_days']} "
                       f"({o.present_by:%d/%m/%Y})")
        self.record(IncomingTransferAccepted(self.id, o.member_id, o.from_province, to.id,
                                             received_on, o.present_by, days, reason,
                                             cal.version, r.version))
        return o

    def refuse(self, refused_on: date, reason: str, today: date) -> None:
        o = self.awaiting()
        if refused_on < o.issued_on:
            raise InvalidInput("refused_on", "precedes the transfer letter")
        if refused_on > today:
            raise InvalidInput("refused_on", "is in the future")
        self.record(IncomingTransferRefused(self.id, o.member_id, o.from_province, refused_on,
                                            clean_text(reason, "reason", max_length=500)))

    def apply(self, event: object) -> None:
        match event:
            case IncomingTransferOpened():
                self.opened, self.state = event, "awaiting"
            case IncomingTransferAccepted():
                self.state = "accepted"
            case IncomingTransferRefused():
                self.state = "refused"
