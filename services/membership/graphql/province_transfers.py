"""Transfers between province deployments over GraphQL: the sending committee's letter, the
receiving committee's answer, and each province's side of every such transfer (the
federation matches the two sides: federation/reconciliation.py)."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID, CommandSucceeded, Info, domain_errors, execute
from services.membership import api as c

from .own import membership
from .results import MemberCommandSucceeded, result_union
from .types import Member, member_or_none


@strawberry.input(description="Giới thiệu sinh hoạt đảng ra ngoài tỉnh, to a province deployment "
                              "this one exchanges with: the member is in transit (still on "
                              "these rolls) until that province records their arrival, and "
                              "their file and history go with the letter, readable only there.")
class SendMemberToProvinceInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    to_province: str = strawberry.field(description="The receiving deployment's code, e.g. HUE.")
    # a String, not an ID: it names an organisation of the other province, which this one
    # neither has nor authorises (that province's committee does, on arrival)
    to_organisation_id: str = strawberry.field(
        description="The receiving organisation's id, as that province's deployment names it.")
    issued_on: date
    letter_number: str
    moved_on: date | None = strawberry.field(
        default=None, description="The change of job or residence it follows: the transfer "
                                  "starts within 60 working days of it.")
    late_reason: str = ""

    def to_command(self) -> c.SendMemberToProvince:
        return c.SendMemberToProvince(str(self.member_id), self.to_province,
                                      str(self.to_organisation_id), self.issued_on,
                                      self.letter_number, self.moved_on, self.late_reason)


@strawberry.input(description="Tiếp nhận: the member presented the letter from another "
                              "province; on the rolls of organisationId (the letter's "
                              "organisation unless another branch of your subtree takes them) "
                              "from receivedOn, with their file, party age and history.")
class AcceptIncomingTransferInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    transfer_id: strawberry.ID
    received_on: date
    organisation_id: strawberry.ID | None = None
    late_reason: str = strawberry.field(default="", description="Why the letter is presented "
                                                                "past its last day.")

    def to_command(self) -> c.AcceptIncomingTransfer:
        return c.AcceptIncomingTransfer(str(self.transfer_id), self.received_on,
                                        str(self.organisation_id) if self.organisation_id
                                        else None, self.late_reason)


@strawberry.input(description="Refuse a letter from another province: the member goes back to "
                              "the sending province's rolls.")
class RefuseIncomingTransferInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    transfer_id: strawberry.ID
    refused_on: date
    reason: str

    def to_command(self) -> c.RefuseIncomingTransfer:
        return c.RefuseIncomingTransfer(str(self.transfer_id), self.refused_on, self.reason)


@strawberry.type
class SendMemberToProvinceSucceeded(MemberCommandSucceeded):
    transfer_id: strawberry.ID


@strawberry.type(description="A transfer from another province answered.")
class IncomingTransferAnswered(CommandSucceeded):
    transfer_id: strawberry.ID


SendMemberToProvinceResult = result_union("SendMemberToProvince", SendMemberToProvinceSucceeded)
AcceptIncomingTransferResult = result_union("AcceptIncomingTransfer", IncomingTransferAnswered)
RefuseIncomingTransferResult = result_union("RefuseIncomingTransfer", IncomingTransferAnswered)
DENIED = "your roles do not allow changing membership records"


@strawberry.type
class ProvinceTransferMutation:
    @strawberry.mutation(description="Send a member to another province's deployment.")
    def send_member_to_province(self, info: Info, input: SendMemberToProvinceInput
                                ) -> SendMemberToProvinceResult:  # type: ignore[valid-type]
        return execute(info, "membership", input, SendMemberToProvinceSucceeded,
                       parse_id=c.parse_id, denied=DENIED)

    @strawberry.mutation(description="Receive a member sent from another province.")
    def accept_incoming_transfer(self, info: Info, input: AcceptIncomingTransferInput
                                 ) -> AcceptIncomingTransferResult:  # type: ignore[valid-type]
        return execute(info, "membership", input, IncomingTransferAnswered,
                       parse_id=c.parse_id, denied=DENIED)

    @strawberry.mutation(description="Refuse a member sent from another province.")
    def refuse_incoming_transfer(self, info: Info, input: RefuseIncomingTransferInput
                                 ) -> RefuseIncomingTransferResult:  # type: ignore[valid-type]
        return execute(info, "membership", input, IncomingTransferAnswered,
                       parse_id=c.parse_id, denied=DENIED)


@strawberry.type(description="This province's side of a transfer between province "
                             "deployments: a letter sent (direction out) or received (in).")
class ProvinceTransfer:
    transfer_id: strawberry.ID
    direction: str = strawberry.field(description="out: sent from here; in: sent here.")
    member_id: strawberry.ID
    from_province: str
    to_province: str
    organisation_id: strawberry.ID = strawberry.field(
        description="This side's organisation: the sending one, or the receiving one.")
    other_organisation_id: strawberry.ID = strawberry.field(
        description="The other side's organisation, as that province names it.")
    letter_number: str
    issued_on: date
    present_by: date = strawberry.field(description="The last day to present the letter.")
    state: str = strawberry.field(description="out: in_transit, completed or returned; in: "
                                              "awaiting, arrived or refused.")
    closed_on: date | None
    overdue: bool = strawberry.field(description="Still open past presentBy, today.")

    @classmethod
    def from_view(cls, t: c.ProvinceTransferView) -> ProvinceTransfer:
        return cls(**t.__dict__)

    @strawberry.field(description="The member, where your token may see them here (null with "
                                  "a FORBIDDEN error otherwise, e.g. before they arrive).")
    def member(self, info: Info) -> Member | None:
        return member_or_none(info, self.member_id)


@strawberry.type
class ProvinceTransferQuery:
    @strawberry.field(description="Transfers to and from other province deployments in the "
                                  "organisation's subtree (a province's root also sees letters "
                                  "addressed to an organisation it does not have), oldest "
                                  "first; openOnly: those in transit or awaiting the member.")
    def transfers_between_provinces(self, info: Info, organisation_id: strawberry.ID,
                                    open_only: bool = False) -> list[ProvinceTransfer] | None:
        ctx = info.context
        ctx.require_organisation(organisation_id)
        with domain_errors():
            found = membership(ctx).transfers_between_provinces(str(organisation_id),
                                                                  open_only)
        return [ProvinceTransfer.from_view(t) for t in found]
