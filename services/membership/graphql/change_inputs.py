"""Mutation inputs of the 2025 membership changes: suspension, extending a temporary transfer,
a transfer letter in transit and its receipt, a member received from another province."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID
from services.membership import api as c

from .change_types import SuspensionGround
from .inputs import optional_str
from .member_inputs import ProfileInput
from .types import MemberStatus


@strawberry.input(description="Đình chỉ sinh hoạt đảng: the member stays on the rolls but is "
                              "summoned to nothing and counted in no denominator.")
class SuspendMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    effective_on: date
    ground: SuspensionGround  # type: ignore[valid-type]
    reason: str

    def to_command(self) -> c.SuspendMember:
        return c.SuspendMember(str(self.member_id), self.effective_on, self.ground.value,
                               self.reason)


@strawberry.input
class EndSuspensionInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    effective_on: date
    reason: str = ""

    def to_command(self) -> c.EndSuspension:
        return c.EndSuspension(str(self.member_id), self.effective_on, self.reason)


@strawberry.input(description="Move a temporary transfer's end date later, within 3 to under "
                              "12 months (work) or 3 to 24 months (domestic study) in all.")
class ExtendTemporaryTransferInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    ends_on: date
    extended_on: date

    def to_command(self) -> c.ExtendTemporaryTransfer:
        return c.ExtendTemporaryTransfer(str(self.member_id), self.ends_on, self.extended_on)


@strawberry.input(description="An organisation outside this province, as the letter names it.")
class TransferDestinationInput:
    province: str
    organisation: str

    def to_domain(self) -> c.TransferDestination:
        return c.TransferDestination(self.province, self.organisation)


@strawberry.input(description="Giới thiệu sinh hoạt đảng chính thức: give toOrganisationId (a "
                              "branch of this province: the member is in transit until it "
                              "receives them) or destination (outside the province: the member "
                              "leaves the rolls as transferred out).")
class IssueTransferLetterInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    issued_on: date
    letter_number: str
    to_organisation_id: strawberry.ID | None = None
    destination: TransferDestinationInput | None = None
    moved_on: date | None = strawberry.field(
        default=None, description="The change of job, retirement or residence it follows: the "
                                  "transfer starts within 60 working days of it.")
    late_reason: str = strawberry.field(default="", description="Why it starts late (needed "
                                                                "past the limit).")

    def to_command(self) -> c.IssueTransferLetter:
        return c.IssueTransferLetter(
            str(self.member_id), self.issued_on, self.letter_number,
            optional_str(self.to_organisation_id),
            self.destination.to_domain() if self.destination else None, self.moved_on,
            self.late_reason)


@strawberry.input(description="The receiving branch takes the letter: the member is on its "
                              "rolls from receivedOn (within 30 working days of the letter, "
                              "or with the reason for the delay).")
class ReceiveTransferredMemberInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    received_on: date
    late_reason: str = ""

    def to_command(self) -> c.ReceiveTransferredMember:
        return c.ReceiveTransferredMember(str(self.member_id), self.received_on,
                                          self.late_reason)


@strawberry.input(description="A member transferred in from another province, with their file.")
class ReceiveMemberFromProvinceInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    profile: ProfileInput
    status: MemberStatus  # type: ignore[valid-type]
    admitted_on: date
    from_province: str
    from_organisation: str
    letter_number: str
    letter_issued_on: date
    received_on: date
    ceremony_on: date | None = None
    official_from: date | None = None
    card_number: str | None = None
    late_reason: str = ""

    def to_command(self) -> c.ReceiveMemberFromProvince:
        return c.ReceiveMemberFromProvince(
            organisation_id=str(self.organisation_id), profile=self.profile.to_domain(),
            status=self.status.value, admitted_on=self.admitted_on,
            from_province=self.from_province, from_organisation=self.from_organisation,
            letter_number=self.letter_number, letter_issued_on=self.letter_issued_on,
            received_on=self.received_on, ceremony_on=self.ceremony_on,
            official_from=self.official_from, card_number=self.card_number,
            late_reason=self.late_reason)
