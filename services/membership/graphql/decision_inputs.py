"""Inputs of who decides: the decision a member command records, the branch's proposals, and a
committee's delegated admission authority (services/membership/domain/authority.py).

A decision names its body (an organisation and an organ). Omitted, the body is the one the
caller's token acts for (its `org` and `organ` claims); a token that names no organ takes no
decisions, and one that does may name only its own body.
"""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.toolkit import COMMAND_ID, graphql_enum
from services.membership import api as c

from .types import RemovalGround

Organ = graphql_enum(c.Organ, "Organ", "The organ of an organisation that takes a decision: the "
                     "branch or party organisation by resolution (ASSEMBLY), its committee, the "
                     "committee's standing committee (BTV), its inspection committee (UBKT), "
                     "its organisation board (ban tổ chức).")


@strawberry.input(description="The body that decides: one organ of one organisation.")
class DecidingBodyInput:
    organisation_id: strawberry.ID
    organ: Organ  # type: ignore[valid-type]

    def to_domain(self) -> c.DecidingBodyInput:
        return c.DecidingBodyInput(str(self.organisation_id), self.organ.value)


@strawberry.input(description="The decision (quyết định, or a branch's nghị quyết) a command "
                              "records: every decision event names its body, number, date "
                              "and signer.")
class DecisionInput:
    number: str = strawberry.field(description="e.g. 123-QĐ/ĐU.")
    signer: str = strawberry.field(description="Who signed it, by name.")
    body: DecidingBodyInput | None = strawberry.field(
        default=None, description="Omitted: the body your token acts for (org + organ).")
    decided_on: date | None = strawberry.field(
        default=None, description="The decision's date where it precedes the date the change "
                                  "takes effect (a transfer letter, an exemption resolution).")

    def to_domain(self) -> c.DecisionInput:
        return c.DecisionInput(self.number, self.signer,
                               self.body.to_domain() if self.body else None, self.decided_on)


@strawberry.input(description="Nghị quyết đề nghị kết nạp: the branch's vote (at least 2/3 of "
                              "its official members) before the body above admits.")
class ProposeAdmissionInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    resolved_on: date
    votes_for: int
    official_members: int
    number: str = ""

    def to_command(self) -> c.ProposeAdmission:
        return c.ProposeAdmission(str(self.member_id), self.resolved_on, self.votes_for,
                                  self.official_members, self.number)


@strawberry.input(description="The branch proposes recognising a probationary member as "
                              "official, after probation.")
class ProposeOfficialRecognitionInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    resolved_on: date
    votes_for: int
    official_members: int
    number: str = ""

    def to_command(self) -> c.ProposeOfficialRecognition:
        return c.ProposeOfficialRecognition(str(self.member_id), self.resolved_on,
                                            self.votes_for, self.official_members, self.number)


@strawberry.input(description="The branch proposes xóa tên on a ground; the competent "
                              "committee decides.")
class ProposeRemovalFromRollsInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    member_id: strawberry.ID
    ground: RemovalGround  # type: ignore[valid-type]
    resolved_on: date
    note: str = ""
    number: str = ""

    def to_command(self) -> c.ProposeRemovalFromRolls:
        return c.ProposeRemovalFromRolls(str(self.member_id), self.ground.value,
                                         self.resolved_on, self.note, self.number)


@strawberry.input(description="The committee above gives a grassroots committee (đảng ủy cơ "
                              "sở) authority to admit members.")
class DelegateAdmissionAuthorityInput:
    command_id: strawberry.ID = strawberry.field(description=COMMAND_ID)
    organisation_id: strawberry.ID
    effective_on: date
    decision: DecisionInput

    def to_command(self) -> c.DelegateAdmissionAuthority:
        return c.DelegateAdmissionAuthority(str(self.organisation_id), self.effective_on,
                                            self.decision.to_domain())
